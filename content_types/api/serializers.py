"""How content looks to API callers: lists carry what a card needs, details add the rendered body."""

from django.db.models import Manager

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.api.absolute import absolute_url
from content_types.api import selectors
from content_types.api.rendering import body_blocks, body_html, rich_text_html_many
from content_types.models import (
    FAQ,
    CaseStoryGalleryImage,
    CaseStoryPage,
    Category,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticePage,
    OrganisationPage,
    PolicyPage,
    Tag,
)
from media.api.serializers import ImageSerializer, VideoSerializer


def page_url(page, request) -> str | None:
    return absolute_url(page.get_url(request=request), request=request)


class PreparedListSerializer(serializers.ListSerializer):
    """Lets the item serializer load what every item needs in bulk before any item is rendered."""

    def to_representation(self, data):
        items = list(data.all() if isinstance(data, Manager) else data)
        self.child.prepare(items)
        return super().to_representation(items)


class PreparedSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = PreparedListSerializer

    def prepare(self, items: list) -> None:
        for item in items:
            item.api_prepared = True

    def to_representation(self, instance):
        if not getattr(instance, "api_prepared", False):
            self.prepare([instance])
        return super().to_representation(instance)


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name", "slug"]


class CategorySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Category
        fields = ["id", "name", "slug", "kind", "kind_display", "sort_order"]


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str | None:
        return page_url(page, self.context.get("request"))


class OrganisationSummarySerializer(PageLinkSerializer):
    short_name = serializers.CharField()
    level = serializers.CharField()
    level_display = serializers.CharField(source="get_level_display")


class AttachmentSerializer(serializers.Serializer):
    """A file attached to a page (notice/policy attachment, course material), downloadable through Wagtail."""

    document_id = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    file_extension = serializers.CharField(source="document.file_extension")
    file_size = serializers.IntegerField(source="document.file_size", allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_title(self, attachment) -> str:
        return attachment.title or attachment.document.title

    def get_download_url(self, attachment) -> str:
        return absolute_url(attachment.document.url, request=self.context.get("request"))


class BlockSerializer(serializers.Serializer):
    type = serializers.CharField(
        help_text="块类型：paragraph、heading、image、gallery、video、document、quote、table、callout"
    )
    id = serializers.CharField()
    value = serializers.JSONField(help_text="段落为 HTML 字符串，其余为对象；所有地址均为绝对地址")


class PageSerializer(PreparedSerializer):
    """Fields every public page shares; the organisation of a whole list is found in one query."""

    url = serializers.SerializerMethodField(help_text="公开网站上的绝对地址")
    organisation = serializers.SerializerMethodField(help_text="所属工会组织（最近的上级组织页）")

    class Meta(PreparedSerializer.Meta):
        fields = ["id", "title", "slug", "url", "organisation"]

    def prepare(self, items: list) -> None:
        organisations = selectors.nearest_ancestors(items, OrganisationPage)
        for page in items:
            page.api_organisation = organisations.get(page.pk)
        super().prepare(items)

    def get_url(self, page) -> str | None:
        return page_url(page, self.context.get("request"))

    @extend_schema_field(OrganisationSummarySerializer(allow_null=True))
    def get_organisation(self, page) -> dict | None:
        organisation = page.api_organisation
        return OrganisationSummarySerializer(organisation, context=self.context).data if organisation else None


class ArticleSerializer(PageSerializer):
    kind: str = ""
    type = serializers.SerializerMethodField(help_text="内容类型：news、notice、case、policy、course")
    published_at = serializers.DateField(source="date", read_only=True, help_text="同 date，与检索接口一致")
    tags = TagSerializer(many=True, read_only=True)
    cover_image = ImageSerializer(read_only=True, allow_null=True)

    class Meta(PageSerializer.Meta):
        fields = [
            "id",
            "type",
            "title",
            "slug",
            "url",
            "summary",
            "date",
            "published_at",
            "first_published_at",
            "last_published_at",
            "organisation",
            "tags",
            "cover_image",
        ]

    def get_type(self, page) -> str:
        return self.kind


class BodyMixin(serializers.Serializer):
    """Detail-only: the StreamField body as blocks and as ready-made HTML."""

    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField(help_text="按公开网站模板渲染的正文 HTML（绝对地址）")

    @extend_schema_field(BlockSerializer(many=True))
    def get_body(self, page) -> list[dict]:
        return body_blocks(page.body, request=self.context.get("request"))

    def get_body_html(self, page) -> str:
        return body_html(page.body, request=self.context.get("request"), page=page)


DETAIL_FIELDS = ["body", "body_html"]


class NewsSerializer(ArticleSerializer):
    kind = "news"
    category = CategorySerializer(read_only=True, allow_null=True)

    class Meta(ArticleSerializer.Meta):
        model = NewsPage
        fields = [*ArticleSerializer.Meta.fields, "category", "source", "author", "featured"]


class NewsDetailSerializer(BodyMixin, NewsSerializer):
    class Meta(NewsSerializer.Meta):
        fields = [*NewsSerializer.Meta.fields, *DETAIL_FIELDS]


class NoticeSerializer(ArticleSerializer):
    kind = "notice"
    is_expired = serializers.BooleanField(read_only=True, help_text="截止日期已过")
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        model = NoticePage
        fields = [
            *ArticleSerializer.Meta.fields,
            "effective_date",
            "expiry_date",
            "pinned",
            "is_expired",
            "attachments",
        ]


class NoticeDetailSerializer(BodyMixin, NoticeSerializer):
    class Meta(NoticeSerializer.Meta):
        fields = [*NoticeSerializer.Meta.fields, *DETAIL_FIELDS]


class GalleryImageSerializer(serializers.ModelSerializer):
    image = ImageSerializer(read_only=True)

    class Meta:
        model = CaseStoryGalleryImage
        fields = ["image", "caption"]


class CaseStorySerializer(ArticleSerializer):
    kind = "case"
    category = CategorySerializer(read_only=True, allow_null=True)
    achievement_type_display = serializers.CharField(source="get_achievement_type_display", read_only=True)
    award_level_display = serializers.CharField(source="get_award_level_display", read_only=True)

    class Meta(ArticleSerializer.Meta):
        model = CaseStoryPage
        fields = [
            *ArticleSerializer.Meta.fields,
            "category",
            "achievement_type",
            "achievement_type_display",
            "people_involved",
            "award_level",
            "award_level_display",
            "award_name",
        ]


class CaseStoryDetailSerializer(BodyMixin, CaseStorySerializer):
    gallery = GalleryImageSerializer(source="gallery_images", many=True, read_only=True)

    class Meta(CaseStorySerializer.Meta):
        fields = [*CaseStorySerializer.Meta.fields, "gallery", *DETAIL_FIELDS]


class PolicySerializer(ArticleSerializer):
    kind = "policy"
    validity_display = serializers.CharField(source="get_validity_display", read_only=True)
    superseded_by = PageLinkSerializer(read_only=True, allow_null=True, help_text="替代本文件的新文件（仅公开的）")
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        model = PolicyPage
        fields = [
            *ArticleSerializer.Meta.fields,
            "document_number",
            "issuing_body",
            "effective_date",
            "validity",
            "validity_display",
            "superseded_by",
            "attachments",
        ]


class PolicyDetailSerializer(BodyMixin, PolicySerializer):
    class Meta(PolicySerializer.Meta):
        fields = [*PolicySerializer.Meta.fields, *DETAIL_FIELDS]


class LessonSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    video = VideoSerializer(read_only=True, allow_null=True)

    class Meta:
        model = LessonPage
        fields = ["id", "title", "slug", "url", "summary", "duration_minutes", "video"]

    def get_url(self, page) -> str | None:
        return page_url(page, self.context.get("request"))


class CourseSerializer(ArticleSerializer):
    kind = "course"
    category = CategorySerializer(read_only=True, allow_null=True)
    trainer = serializers.CharField(source="trainer_display", read_only=True, help_text="讲师姓名")
    audience_display = serializers.CharField(source="get_audience_display", read_only=True)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False, read_only=True)
    materials = AttachmentSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        model = CoursePage
        fields = [
            *ArticleSerializer.Meta.fields,
            "category",
            "trainer",
            "audience",
            "audience_display",
            "hours",
            "enrollment_open",
            "materials",
        ]


class CourseDetailSerializer(BodyMixin, CourseSerializer):
    lessons = serializers.SerializerMethodField(help_text="按顺序排列的已发布课时")

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "lessons", *DETAIL_FIELDS]

    @extend_schema_field(LessonSummarySerializer(many=True))
    def get_lessons(self, course) -> list[dict]:
        return LessonSummarySerializer(selectors.course_lessons(course), many=True, context=self.context).data


class LessonSerializer(PageSerializer):
    course = serializers.SerializerMethodField()
    video = VideoSerializer(read_only=True, allow_null=True)

    class Meta(PageSerializer.Meta):
        model = LessonPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "summary",
            "duration_minutes",
            "video",
            "course",
            "organisation",
            "first_published_at",
            "last_published_at",
        ]

    def prepare(self, items: list) -> None:
        courses = selectors.nearest_ancestors(items, CoursePage)
        for lesson in items:
            lesson.api_course = courses.get(lesson.pk)
        super().prepare(items)

    @extend_schema_field(PageLinkSerializer(allow_null=True))
    def get_course(self, lesson) -> dict | None:
        return PageLinkSerializer(lesson.api_course, context=self.context).data if lesson.api_course else None


class LessonDetailSerializer(BodyMixin, LessonSerializer):
    class Meta(LessonSerializer.Meta):
        fields = [*LessonSerializer.Meta.fields, *DETAIL_FIELDS]


class OrganisationSerializer(PageSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    parent = serializers.SerializerMethodField(help_text="上级工会组织")
    description = serializers.SerializerMethodField(help_text="简介 HTML（绝对地址）")
    logo = ImageSerializer(read_only=True, allow_null=True)
    cover_image = ImageSerializer(read_only=True, allow_null=True)

    class Meta(PageSerializer.Meta):
        model = OrganisationPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "short_name",
            "level",
            "level_display",
            "parent",
            "description",
            "chair",
            "contact_person",
            "phone",
            "email",
            "address",
            "member_count",
            "logo",
            "cover_image",
        ]

    def prepare(self, items: list) -> None:
        # An organisation's own organisation is its parent organisation.
        super().prepare(items)
        descriptions = rich_text_html_many([o.description for o in items], request=self.context.get("request"))
        for organisation, description in zip(items, descriptions, strict=True):
            organisation.api_description = description

    @extend_schema_field(OrganisationSummarySerializer(allow_null=True))
    def get_parent(self, organisation) -> dict | None:
        return self.get_organisation(organisation)

    def get_description(self, organisation) -> str:
        return organisation.api_description


class OrganisationTreeNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation.id")
    title = serializers.CharField(source="organisation.title")
    short_name = serializers.CharField(source="organisation.short_name")
    level = serializers.CharField(source="organisation.level")
    level_display = serializers.CharField(source="organisation.get_level_display")
    url = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()

    def get_url(self, node) -> str | None:
        return page_url(node["organisation"], self.context.get("request"))

    @extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/OrganisationTreeNode"}})
    def get_children(self, node) -> list[dict]:
        return OrganisationTreeNodeSerializer(node["children"], many=True, context=self.context).data


class FAQSerializer(PreparedSerializer):
    type = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField(help_text="回答 HTML（绝对地址）")
    category = CategorySerializer(read_only=True, allow_null=True)
    organisation = OrganisationSummarySerializer(read_only=True, allow_null=True)
    tags = TagSerializer(many=True, read_only=True)

    class Meta(PreparedSerializer.Meta):
        model = FAQ
        fields = ["id", "type", "question", "answer", "category", "organisation", "tags", "sort_order", "updated_at"]

    def prepare(self, items: list) -> None:
        answers = rich_text_html_many([faq.answer for faq in items], request=self.context.get("request"))
        for faq, answer in zip(items, answers, strict=True):
            faq.api_answer = answer
        super().prepare(items)

    def get_type(self, faq) -> str:
        return "faq"

    def get_answer(self, faq) -> str:
        return faq.api_answer
