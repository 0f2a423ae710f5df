"""Reads for the public site and the API."""

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from wagtail.images import get_image_model

from content_types.models import (
    FAQ,
    CaseStoryPage,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticePage,
    OrganisationPage,
    PolicyPage,
)


def with_renditions(lookup: str) -> Prefetch:
    """Prefetch an image relation with all its renditions, so listing cards need no query per image."""
    return Prefetch(lookup, queryset=get_image_model().objects.prefetch_renditions())


def current_notices():
    today = timezone.localdate()
    return (
        NoticePage.objects.live()
        .public()
        .filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))
        .order_by("-pinned", "-date")
    )


def home_overview() -> dict:
    return {
        "notices": current_notices()[:6],
        "featured_news": NewsPage.objects.live()
        .public()
        .filter(featured=True)
        .prefetch_related(with_renditions("cover_image"))
        .order_by("-date")[:5],
        "latest_news": NewsPage.objects.live().public().select_related("category").order_by("-date")[:8],
        "case_stories": CaseStoryPage.objects.live()
        .public()
        .prefetch_related(with_renditions("cover_image"))
        .order_by("-date")[:4],
        "courses": CoursePage.objects.live()
        .public()
        .prefetch_related(with_renditions("cover_image"))
        .order_by("-date")[:4],
        "policies": PolicyPage.objects.live().public().order_by("-date")[:6],
        "organisations": OrganisationPage.objects.live().public().filter(depth__lte=4).order_by("path"),
    }


def organisation_overview(*, organisation: OrganisationPage) -> dict:
    def within(model):
        return model.objects.live().public().descendant_of(organisation)

    return {
        "children": OrganisationPage.objects.live().public().child_of(organisation).order_by("title"),
        "latest_news": within(NewsPage).prefetch_related(with_renditions("cover_image")).order_by("-date")[:6],
        "notices": within(NoticePage).order_by("-pinned", "-date")[:6],
        "case_stories": within(CaseStoryPage).prefetch_related(with_renditions("cover_image")).order_by("-date")[:4],
        "policies": within(PolicyPage).order_by("-date")[:6],
        "courses": within(CoursePage).prefetch_related(with_renditions("cover_image")).order_by("-date")[:4],
    }


def course_lessons(*, course: CoursePage):
    """The course's published lessons in the order editors arranged them in the page tree."""
    return LessonPage.objects.live().public().child_of(course).select_related("video").order_by("path")


def lesson_overview(*, lesson: LessonPage) -> dict:
    """The lesson's course, its place in the course and its neighbours, for the lesson page."""
    course = CoursePage.objects.parent_of(lesson).first()
    lessons = list(course_lessons(course=course)) if course else []
    ids = [item.pk for item in lessons]
    position = ids.index(lesson.pk) if lesson.pk in ids else None
    return {
        "course": course,
        "lesson_count": len(lessons),
        "lesson_number": position + 1 if position is not None else None,
        "previous_lesson": lessons[position - 1] if position else None,
        "next_lesson": lessons[position + 1] if position is not None and position + 1 < len(ids) else None,
    }


def policy_supersedes(*, policy: PolicyPage):
    """The published policies that this one replaced (empty for a policy not saved yet, e.g. in preview)."""
    if policy.pk is None:
        return PolicyPage.objects.none()
    return PolicyPage.objects.live().public().filter(superseded_by=policy).order_by("-date")


def faqs_by_category() -> list[dict]:
    """Published FAQs grouped by category in the categories' order; uncategorised questions come last."""
    faqs = (
        FAQ.objects.filter(live=True)
        .select_related("category")
        .order_by(
            F("category__sort_order").asc(nulls_last=True), "category__name", "category_id", "sort_order", "-updated_at"
        )
    )
    groups: list[dict] = []
    for faq in faqs:
        if not groups or groups[-1]["category"] != faq.category:
            groups.append({"category": faq.category, "faqs": []})
        groups[-1]["faqs"].append(faq)
    return groups
