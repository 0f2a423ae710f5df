"""What each content type puts into the union-knowledge search.

search/ reads this module to learn what to index; nothing here imports search/. A content type that
should be searchable gets a branch in :func:`search_document` and a queryset in :func:`searchable_querysets`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from wagtail.models import Page, ReferenceIndex
from wagtail.rich_text import get_text_for_indexing

from content_types.models import (
    FAQ,
    CaseStoryPage,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticePage,
    OrganisationPage,
    PolicyPage,
    PolicyValidity,
    Tag,
)

SEARCH_TYPES = {
    "policy": "政策法规",
    "notice": "通知公告",
    "news": "新闻",
    "case": "基层风采",
    "course": "培训课程",
    "faq": "常见问题",
}
PAGE_TYPES: dict[type[Page], str] = {
    PolicyPage: "policy",
    NoticePage: "notice",
    NewsPage: "news",
    CaseStoryPage: "case",
    CoursePage: "course",
    LessonPage: "course",
}
SUMMARY_FALLBACK_CHARS = 140


@dataclass(frozen=True)
class SearchDocument:
    """One searchable item as plain data: what search shows, filters on and reads."""

    key: str
    type: str
    title: str
    summary: str
    body: str
    url: str
    published_at: datetime.date | None
    organisation_id: int | None
    tags: list[tuple[str, str]] = field(default_factory=list)
    validity: str = ""
    validity_label: str = ""
    page: Page | None = None


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def faq_key(faq_id: int) -> str:
    return f"faq:{faq_id}"


def search_key(obj: Model) -> str | None:
    """The index key of a searchable object, or None for things search does not index on their own."""
    if isinstance(obj, Page):
        return page_key(obj.pk)
    if isinstance(obj, FAQ):
        return faq_key(obj.pk)
    return None


def objects_for_keys(keys: Iterable[str]) -> dict[str, Model]:
    """The current objects behind index keys (missing ones are left out), fetched in bulk."""
    page_ids, faq_ids = [], []
    for key in keys:
        kind, _, pk = key.partition(":")
        if pk.isdigit():
            (page_ids if kind == "page" else faq_ids if kind == "faq" else []).append(int(pk))
    found: dict[str, Model] = {}
    if page_ids:
        found.update((page_key(page.pk), page) for page in Page.objects.filter(pk__in=page_ids).specific())
    if faq_ids:
        found.update((faq_key(faq.pk), faq) for faq in FAQ.objects.filter(pk__in=faq_ids))
    return found


def searchable_querysets() -> Iterator[tuple[str, QuerySet]]:
    """Everything that belongs in the index, by type (view restrictions are search's business)."""
    for model in PAGE_TYPES:
        yield PAGE_TYPES[model], model.objects.live().order_by("pk")
    yield "faq", FAQ.objects.filter(live=True).order_by("pk")


def search_document(obj: Model) -> SearchDocument | None:
    """The document for a live searchable object; None when it should not be in the index."""
    return search_documents([obj])[0]


def search_documents(objects: list[Model]) -> list[SearchDocument | None]:
    """Documents for many objects at once, with their tags, attachments and organisations fetched in bulk."""
    objects = [obj.specific if isinstance(obj, Page) else obj for obj in objects]
    by_type: dict[type, list[Model]] = defaultdict(list)
    for obj in objects:
        by_type[type(obj)].append(obj)
    for model, items in by_type.items():
        lookups = {
            NoticePage: ["tags", "attachments__document"],
            PolicyPage: ["tags", "attachments__document"],
            CoursePage: ["tags", "materials__document"],
            NewsPage: ["tags"],
            CaseStoryPage: ["tags"],
            FAQ: ["tags"],
        }.get(model)
        if lookups:
            prefetch_related_objects(items, *lookups)
    organisations = _OrganisationFinder()
    documents = []
    for obj in objects:
        if isinstance(obj, FAQ):
            documents.append(_faq_document(obj) if obj.live else None)
        elif type(obj) not in PAGE_TYPES or not obj.live:
            documents.append(None)
        elif isinstance(obj, LessonPage):
            documents.append(_lesson_document(obj, organisations))
        else:
            documents.append(_article_document(obj, organisations))
    return documents


class _OrganisationFinder:
    """The nearest organisation above a page, from one query for all organisation paths."""

    def __init__(self) -> None:
        self._paths: dict[str, int] | None = None

    def __call__(self, page: Page) -> int | None:
        if self._paths is None:
            self._paths = dict(OrganisationPage.objects.values_list("path", "pk"))
        step = Page.steplen
        for end in range(len(page.path) - step, 0, -step):
            found = self._paths.get(page.path[:end])
            if found:
                return found
        return None


def _article_document(page, organisations: _OrganisationFinder) -> SearchDocument:
    parts = [_stream_text(page.body)]
    extra = {
        PolicyPage: lambda p: [p.document_number, p.issuing_body],
        CaseStoryPage: lambda p: [p.people_involved, p.award_name],
        CoursePage: lambda p: [p.trainer_display],
    }.get(type(page))
    if extra:
        parts.extend(extra(page))
    for relation in ("attachments", "materials"):
        if hasattr(page, relation):
            for attachment in getattr(page, relation).all():
                parts.extend([attachment.title, *_document_text(attachment.document)])
    body = _join(parts)
    validity, validity_label = "", ""
    if isinstance(page, PolicyPage):
        validity = "superseded" if page.validity != PolicyValidity.VALID or page.superseded_by_id else "valid"
        if validity == "superseded":
            validity_label = page.get_validity_display() if page.validity != PolicyValidity.VALID else "已替代"
    return SearchDocument(
        key=page_key(page.pk),
        type=PAGE_TYPES[type(page)],
        title=page.title,
        summary=page.summary or _excerpt(body),
        body=body,
        url=page.get_url() or page.url_path,
        published_at=page.date,
        organisation_id=organisations(page),
        tags=[(tag.slug, tag.name) for tag in page.tags.all()],
        validity=validity,
        validity_label=validity_label,
        page=page,
    )


def _lesson_document(lesson: LessonPage, organisations: _OrganisationFinder) -> SearchDocument:
    course = lesson.course
    body = _join([_stream_text(lesson.body), course.title if course else ""])
    published = lesson.last_published_at or lesson.first_published_at
    return SearchDocument(
        key=page_key(lesson.pk),
        type="course",
        title=lesson.title,
        summary=lesson.summary or _excerpt(body),
        body=body,
        url=lesson.get_url() or lesson.url_path,
        published_at=published.date() if published else None,
        organisation_id=organisations(lesson),
        tags=[(tag.slug, tag.name) for tag in course.tags.all()] if course else [],
        page=lesson,
    )


def _faq_document(faq: FAQ) -> SearchDocument:
    answer = get_text_for_indexing(faq.answer)
    published = faq.last_published_at or faq.updated_at
    try:
        url = reverse("faq_list") + f"#faq-{faq.pk}"
    except NoReverseMatch:
        url = f"/faq/#faq-{faq.pk}"
    return SearchDocument(
        key=faq_key(faq.pk),
        type="faq",
        title=faq.question,
        summary=_excerpt(answer),
        body=answer,
        url=url,
        published_at=published.date() if published else None,
        organisation_id=faq.organisation_id,
        tags=[(tag.slug, tag.name) for tag in faq.tags.all()],
    )


def keys_referencing_document(document: Model) -> list[str]:
    """Pages whose search text includes this document (attachments, materials, document blocks)."""
    keys = set()
    for model, attribute in ((NoticePage, "attachments"), (PolicyPage, "attachments"), (CoursePage, "materials")):
        ids = model.objects.filter(**{f"{attribute}__document": document}).values_list("pk", flat=True)
        keys.update(page_key(pk) for pk in ids)
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
    keys.update(page_key(int(pk)) for pk in references.values_list("object_id", flat=True))
    return sorted(keys)


def keys_for_tag(tag: Tag) -> list[str]:
    keys = set()
    for model in (NewsPage, NoticePage, CaseStoryPage, PolicyPage, CoursePage):
        keys.update(page_key(pk) for pk in model.objects.filter(tags=tag).values_list("pk", flat=True))
    keys.update(faq_key(pk) for pk in FAQ.objects.filter(tags=tag).values_list("pk", flat=True))
    return sorted(keys)


def _document_text(document) -> list[str]:
    if document is None:
        return []
    return [document.title, getattr(document, "description", ""), getattr(document, "text", "")]


def _stream_text(stream) -> str:
    """Plain text of a BodyBlock stream: paragraphs, headings, quotes, callouts, table cells, captions, documents."""
    parts: list[str] = []
    for child in stream or []:
        value, kind = child.value, child.block_type
        if kind == "paragraph":
            parts.append(get_text_for_indexing(value.source))
        elif kind == "heading":
            parts.append(value.get("text", ""))
        elif kind == "quote":
            parts.extend([value.get("text", ""), value.get("attribution", "")])
        elif kind == "callout":
            text = value.get("text")
            parts.extend([value.get("title", ""), get_text_for_indexing(text.source) if text else ""])
        elif kind == "table":
            for row in (value or {}).get("data") or []:
                parts.append(" ".join(strip_tags(str(cell)) for cell in row if cell))
        elif kind == "image":
            parts.append(value.get("caption", ""))
        elif kind == "gallery":
            parts.append(value.get("title", ""))
            parts.extend(image.get("caption", "") for image in value.get("images") or [])
        elif kind == "video":
            parts.append(value.get("caption", ""))
        elif kind == "document":
            parts.append(value.get("title", ""))
            parts.extend(_document_text(value.get("document")))
    return _join(parts)


def _join(parts: Iterable[str | None]) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_FALLBACK_CHARS else text[:SUMMARY_FALLBACK_CHARS] + "…"
