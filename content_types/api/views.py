"""Read-only content endpoints: thin viewsets over the API selectors and serializers."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from content_types.api import filters, selectors, serializers


def _documented(tag: str, noun: str):
    return extend_schema_view(
        list=extend_schema(summary=f"{noun}列表", tags=[tag]),
        retrieve=extend_schema(summary=f"{noun}详情", tags=[tag]),
    )


class PageViewSet(viewsets.ReadOnlyModelViewSet):
    """Lists render cards; the detail view adds the body. Only live pages outside private sections appear."""

    detail_serializer_class = None
    pages = None  # a selector taking `with_body`
    ordering_fields = ["date", "title", "first_published_at", "last_published_at"]
    ordering = ["-date", "-id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation must not touch the database
            return self.serializer_class.Meta.model.objects.none()
        return type(self).pages(with_body=self.action == "retrieve")

    def get_serializer_class(self):
        if self.action == "retrieve" and self.detail_serializer_class:
            return self.detail_serializer_class
        return self.serializer_class


@_documented("内容", "新闻")
class NewsViewSet(PageViewSet):
    pages = selectors.news_pages
    serializer_class = serializers.NewsSerializer
    detail_serializer_class = serializers.NewsDetailSerializer
    filterset_class = filters.NewsFilterSet


@_documented("内容", "通知公告")
class NoticeViewSet(PageViewSet):
    pages = selectors.notice_pages
    serializer_class = serializers.NoticeSerializer
    detail_serializer_class = serializers.NoticeDetailSerializer
    filterset_class = filters.NoticeFilterSet
    ordering_fields = [*PageViewSet.ordering_fields, "pinned", "effective_date", "expiry_date"]
    ordering = ["-pinned", "-date", "-id"]


@_documented("内容", "基层风采")
class CaseStoryViewSet(PageViewSet):
    pages = selectors.case_story_pages
    serializer_class = serializers.CaseStorySerializer
    detail_serializer_class = serializers.CaseStoryDetailSerializer
    filterset_class = filters.CaseStoryFilterSet


@_documented("内容", "政策法规")
class PolicyViewSet(PageViewSet):
    pages = selectors.policy_pages
    serializer_class = serializers.PolicySerializer
    detail_serializer_class = serializers.PolicyDetailSerializer
    filterset_class = filters.PolicyFilterSet
    ordering_fields = [*PageViewSet.ordering_fields, "effective_date", "document_number"]


@_documented("培训", "培训课程")
class CourseViewSet(PageViewSet):
    pages = selectors.course_pages
    serializer_class = serializers.CourseSerializer
    detail_serializer_class = serializers.CourseDetailSerializer
    filterset_class = filters.CourseFilterSet
    ordering_fields = [*PageViewSet.ordering_fields, "hours"]


@_documented("培训", "课时")
class LessonViewSet(PageViewSet):
    pages = selectors.lesson_pages
    serializer_class = serializers.LessonSerializer
    detail_serializer_class = serializers.LessonDetailSerializer
    filterset_class = filters.LessonFilterSet
    ordering_fields = ["title", "first_published_at", "last_published_at"]
    ordering = ["path"]


@_documented("组织", "工会组织")
class OrganisationViewSet(PageViewSet):
    pages = selectors.organisation_pages
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilterSet
    ordering_fields = ["title", "member_count"]
    ordering = ["path"]

    @extend_schema(
        summary="工会组织树",
        tags=["组织"],
        responses=serializers.OrganisationTreeNodeSerializer(many=True),
        filters=False,
    )
    @action(detail=False, pagination_class=None, filter_backends=[])
    def tree(self, request):
        nodes = selectors.organisation_tree()
        return Response(serializers.OrganisationTreeNodeSerializer(nodes, many=True, context={"request": request}).data)


@_documented("内容", "常见问题")
class FAQViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.FAQSerializer
    filterset_class = filters.FAQFilterSet
    ordering_fields = ["sort_order", "updated_at"]
    ordering = ["sort_order", "-updated_at", "-id"]

    def get_queryset(self):
        return selectors.faqs()


@_documented("分类与标签", "分类")
class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CategorySerializer
    filterset_class = filters.CategoryFilterSet
    ordering_fields = ["name", "sort_order"]
    ordering = ["kind", "sort_order", "name"]

    def get_queryset(self):
        return selectors.categories()


@_documented("分类与标签", "标签")
class TagViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.TagSerializer
    ordering_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.tags()
