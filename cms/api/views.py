"""The caller's own account, for apps that log in with a token or the browser session."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.errors import ErrorSerializer
from cms.services import user_roles
from content_types.api.serializers import OrganisationSummarySerializer


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField(source="__str__", help_text="姓名；未填写时为用户名")
    organisation = OrganisationSummarySerializer(allow_null=True)
    roles = serializers.SerializerMethodField(help_text="角色代码，如 worker、editor、reviewer")

    def get_roles(self, user) -> list[str]:
        return sorted(user_roles(user))


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="当前用户", tags=["账户"], responses={200: MeSerializer, 401: ErrorSerializer})
    def get(self, request):
        return Response(MeSerializer(request.user, context={"request": request}).data)
