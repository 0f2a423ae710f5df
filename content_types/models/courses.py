"""Training courses (培训课程) and their lessons; enrollment and quizzes attach to these later."""

from django.conf import settings
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content_types.blocks import BodyBlock

from .base import ArticlePage
from .snippets import CategoryKind


class CourseAudience(models.TextChoices):
    ALL = "all", "全体职工"
    MEMBERS = "members", "工会会员"
    CADRES = "cadres", "工会干部"
    NEW_WORKERS = "new_workers", "新入职职工"
    TEAM_LEADERS = "team_leaders", "班组长"


class CoursePage(ArticlePage):
    category = models.ForeignKey(
        "content_types.Category",
        verbose_name="分类",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": CategoryKind.COURSE},
        related_name="course_pages",
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="讲师账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    trainer_name = models.CharField("讲师", max_length=64, blank=True)
    audience = models.CharField("面向对象", max_length=16, choices=CourseAudience.choices, default=CourseAudience.ALL)
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, default=1)
    enrollment_open = models.BooleanField("开放报名", default=True)

    content_panels = [
        *ArticlePage.content_panels[:2],
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("trainer"),
                FieldPanel("trainer_name"),
                FieldPanel("audience"),
                FieldPanel("hours"),
                FieldPanel("enrollment_open"),
            ],
            heading="课程信息",
        ),
        *ArticlePage.content_panels[2:],
        InlinePanel("materials", label="课程资料"),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("trainer_name"),
        index.FilterField("audience"),
    ]
    subpage_types = ["content_types.LessonPage"]
    template = "content_types/course_page.html"

    class Meta:
        verbose_name = "培训课程"
        verbose_name_plural = "培训课程"

    @property
    def trainer_display(self) -> str:
        return self.trainer_name or (str(self.trainer) if self.trainer_id else "")

    def get_context(self, request, *args, **kwargs):
        from content_types.selectors import course_lessons

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = course_lessons(course=self)
        return context


class CourseMaterial(Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey("media.UnionDocument", verbose_name="文档", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("显示名称", max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "课程资料"
        verbose_name_plural = "课程资料"


class LessonPage(Page):
    """One lesson of a course; lessons are ordered as the course's child pages."""

    summary = models.TextField("摘要", blank=True, max_length=500)
    video = models.ForeignKey(
        "media.Video", verbose_name="课程视频", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField("时长（分钟）", default=45)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("video"),
        FieldPanel("duration_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["content_types.CoursePage"]
    subpage_types: list[str] = []
    template = "content_types/lesson_page.html"

    class Meta:
        verbose_name = "课时"
        verbose_name_plural = "课时"

    @property
    def course(self):
        return CoursePage.objects.parent_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from content_types.selectors import lesson_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_overview(lesson=self))
        return context
