"""Reads for the content API: live, public pages with everything a list needs fetched in bulk."""

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from wagtail.models import Page
from wagtail.query import PageQuerySet

from content_types.models import (
    FAQ,
    CaseStoryGalleryImage,
    CaseStoryPage,
    Category,
    CourseMaterial,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticeAttachment,
    NoticePage,
    OrganisationPage,
    PolicyAttachment,
    PolicyPage,
    Tag,
)
from media.models import Video
from media.renditions import WEBP_SPECS, renditions_prefetch


def public_pages(model: type[Page], *, with_body: bool) -> PageQuerySet:
    """Live pages outside any view-restricted section; lists leave the StreamField body unloaded."""
    queryset = model.objects.live().public()
    return queryset if with_body else queryset.defer_streamfields()


def _articles(model: type[Page], *, with_body: bool) -> PageQuerySet:
    return public_pages(model, with_body=with_body).prefetch_related(
        "tags", renditions_prefetch("cover_image", WEBP_SPECS)
    )


def _attachments(lookup: str, model) -> Prefetch:
    return Prefetch(lookup, queryset=model.objects.select_related("document"))


def news_pages(*, with_body: bool = False) -> PageQuerySet:
    return _articles(NewsPage, with_body=with_body).select_related("category")


def notice_pages(*, with_body: bool = False) -> PageQuerySet:
    return _articles(NoticePage, with_body=with_body).prefetch_related(_attachments("attachments", NoticeAttachment))


def case_story_pages(*, with_body: bool = False) -> PageQuerySet:
    queryset = _articles(CaseStoryPage, with_body=with_body).select_related("category")
    if with_body:
        gallery = CaseStoryGalleryImage.objects.prefetch_related(renditions_prefetch("image", WEBP_SPECS))
        queryset = queryset.prefetch_related(Prefetch("gallery_images", queryset=gallery))
    return queryset


def policy_pages(*, with_body: bool = False) -> PageQuerySet:
    superseding = PolicyPage.objects.live().public().defer_streamfields()
    return _articles(PolicyPage, with_body=with_body).prefetch_related(
        _attachments("attachments", PolicyAttachment),
        # A superseding policy that is not public yet shows as null rather than as a dead link.
        Prefetch("superseded_by", queryset=superseding),
    )


def course_pages(*, with_body: bool = False) -> PageQuerySet:
    return (
        _articles(CoursePage, with_body=with_body)
        .select_related("category", "trainer")
        .prefetch_related(_attachments("materials", CourseMaterial))
    )


def _lessons(*, with_body: bool) -> PageQuerySet:
    videos = Video.objects.prefetch_related(renditions_prefetch("poster", WEBP_SPECS))
    return public_pages(LessonPage, with_body=with_body).prefetch_related(Prefetch("video", queryset=videos))


def lesson_pages(*, with_body: bool = False) -> PageQuerySet:
    return _lessons(with_body=with_body)


def course_lessons(course: CoursePage) -> PageQuerySet:
    """The course's public lessons in the order editors gave them in the page tree."""
    return _lessons(with_body=False).child_of(course).order_by("path")


def organisation_pages(*, with_body: bool = False) -> PageQuerySet:
    return public_pages(OrganisationPage, with_body=with_body).prefetch_related(
        renditions_prefetch("logo", WEBP_SPECS), renditions_prefetch("cover_image", WEBP_SPECS)
    )


def organisation_tree() -> list[dict]:
    """Every public organisation as nested `{"organisation", "children"}` nodes, from one query."""
    nodes: dict[str, dict] = {}
    roots: list[dict] = []
    for organisation in public_pages(OrganisationPage, with_body=False).order_by("path"):
        node = {"organisation": organisation, "children": []}
        nodes[organisation.path] = node
        parent = _nearest(organisation.path, nodes)
        (parent["children"] if parent else roots).append(node)
    return roots


def faqs() -> QuerySet:
    return FAQ.objects.filter(live=True).select_related("category", "organisation").prefetch_related("tags")


def categories() -> QuerySet:
    return Category.objects.all()


def tags() -> QuerySet:
    return Tag.objects.all()


def _ancestor_paths(path: str) -> list[str]:
    """Paths of every ancestor of the node at `path`, nearest first."""
    step = Page.steplen
    return [path[: step * depth] for depth in range(len(path) // step - 1, 0, -1)]


def _nearest(path: str, by_path: dict):
    return next((by_path[ancestor] for ancestor in _ancestor_paths(path) if ancestor in by_path), None)


def nearest_ancestors(pages: Iterable[Page], model: type[Page]) -> dict[int, Page]:
    """For each page, its nearest ancestor of `model` (e.g. its organisation), all found in one query."""
    pages = list(pages)
    paths = {ancestor for page in pages for ancestor in _ancestor_paths(page.path)}
    if not paths:
        return {}
    by_path = {ancestor.path: ancestor for ancestor in model.objects.filter(path__in=paths).defer_streamfields()}
    found = {page.pk: _nearest(page.path, by_path) for page in pages}
    return {pk: ancestor for pk, ancestor in found.items() if ancestor is not None}
