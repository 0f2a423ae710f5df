"""GET /api/v1/search/ and /api/v1/search/suggest/: thin views over search.selectors."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import APIView

from search.api.serializers import (
    SearchParamsSerializer,
    SearchResponseSerializer,
    SuggestParamsSerializer,
    SuggestResponseSerializer,
)
from search.backends import EngineUnavailable
from search.selectors import knowledge_search, search_suggest


class SearchUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "检索服务暂时不可用，请稍后再试。"
    default_code = "search_unavailable"


class SearchView(APIView):
    """Union-knowledge search: public content for everyone, restricted content for those allowed to see it."""

    pagination_class = None

    @extend_schema(parameters=[SearchParamsSerializer], responses=SearchResponseSerializer, tags=["检索"])
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        try:
            page = knowledge_search(
                query=data["q"],
                user=request.user,
                type=data.get("type") or None,
                organisation=data.get("organization") or None,
                tag=data.get("tag") or None,
                year=data.get("year"),
                page=data["page"],
                page_size=data["page_size"],
                channel="api",
            )
        except EngineUnavailable as error:
            raise SearchUnavailable() from error
        return Response(SearchResponseSerializer(page).data)


class SuggestView(APIView):
    """Suggestions as you type: popular queries and matching titles."""

    pagination_class = None

    @extend_schema(parameters=[SuggestParamsSerializer], responses=SuggestResponseSerializer, tags=["检索"])
    def get(self, request):
        params = SuggestParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data["q"]
        try:
            suggestions = search_suggest(query=query, user=request.user)
        except EngineUnavailable as error:
            raise SearchUnavailable() from error
        return Response(SuggestResponseSerializer({"query": query, "suggestions": suggestions}).data)
