"""Reads for the public site and the API."""

from django.db.models import Q
from django.utils import timezone

from content_types.models import CaseStoryPage, CoursePage, NewsPage, NoticePage, OrganisationPage, PolicyPage


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
        .select_related("cover_image")
        .order_by("-date")[:5],
        "latest_news": NewsPage.objects.live().public().select_related("cover_image", "category").order_by("-date")[:8],
        "case_stories": CaseStoryPage.objects.live().public().select_related("cover_image").order_by("-date")[:4],
        "courses": CoursePage.objects.live().public().select_related("cover_image").order_by("-date")[:4],
        "policies": PolicyPage.objects.live().public().order_by("-date")[:6],
        "organisations": OrganisationPage.objects.live().public().filter(depth__lte=4).order_by("path"),
    }


def organisation_overview(*, organisation: OrganisationPage) -> dict:
    def within(model):
        return model.objects.live().public().descendant_of(organisation)

    return {
        "children": OrganisationPage.objects.live().public().child_of(organisation).order_by("title"),
        "latest_news": within(NewsPage).select_related("cover_image").order_by("-date")[:6],
        "notices": within(NoticePage).order_by("-pinned", "-date")[:6],
        "case_stories": within(CaseStoryPage).select_related("cover_image").order_by("-date")[:4],
        "policies": within(PolicyPage).order_by("-date")[:6],
        "courses": within(CoursePage).select_related("cover_image").order_by("-date")[:4],
    }
