"""Writes for content: organisations, publishing, tags and the knowledge import (DESIGN.md contract)."""

import datetime
import enum
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.models import Page, Revision
from wagtail.search import index

from cms.models import User
from cms.services import organisation_provision
from content_types.models import (
    FAQ,
    AchievementType,
    CaseStoryPage,
    CoursePage,
    HomePage,
    NewsPage,
    NoticePage,
    OrganisationLevel,
    OrganisationPage,
    PolicyPage,
    Tag,
)

CHILD_LEVEL = {
    OrganisationLevel.COMPANY: OrganisationLevel.BRANCH,
    OrganisationLevel.BRANCH: OrganisationLevel.GRASSROOTS,
    OrganisationLevel.GRASSROOTS: OrganisationLevel.TEAM,
    OrganisationLevel.TEAM: OrganisationLevel.TEAM,
}

KNOWLEDGE_PAGE_TYPES: dict[str, type[Page]] = {
    "policy": PolicyPage,
    "notice": NoticePage,
    "news": NewsPage,
    "case": CaseStoryPage,
    "course": CoursePage,
}
KNOWLEDGE_TYPES = (*KNOWLEDGE_PAGE_TYPES, "faq")


def knowledge_indexed(obj: Any) -> None:
    """Bring the search index up to date for `obj` once the current transaction commits.

    The one place where published knowledge (imports, the demo seed) reaches the search index explicitly; the
    search app swaps its outbox in here. `import_knowledge` pauses Wagtail's per-save indexing, so for the
    pages, FAQs and tags it writes this is the only index update they get.
    """
    model, pk = type(obj), obj.pk

    def update() -> None:
        instance = model.objects.filter(pk=pk).first()
        if instance is not None:
            index.insert_or_update_object(instance)

    transaction.on_commit(update)


@transaction.atomic
def page_publish(*, page: Page, user: User | None = None) -> Revision:
    """Save the page's current state as a revision and publish it at once.

    This deliberately bypasses the moderation workflow and permission checks: it is meant only for the
    knowledge import and the demo seed, which act for the union as a whole. Editors in the admin still go
    through their organisation's workflow.
    """
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    knowledge_indexed(page)
    return revision


@transaction.atomic
def faq_publish(*, faq: FAQ, user: User | None = None) -> Revision:
    """Save and publish an FAQ snippet in one step; like `page_publish`, for imports and the seed only."""
    if faq.pk is None:
        faq.live = False
        faq.save()
    revision = faq.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)
    faq.refresh_from_db()
    knowledge_indexed(faq)  # runs on commit, so tags set after publishing are indexed too
    return revision


def free_slug(*, parent: Page, base: str, exclude: Page | None = None) -> str:
    """A slug for a new child of `parent`, derived from `base` and unused among its siblings."""
    stem = (slugify(base, allow_unicode=True) or "page")[:200]
    siblings = Page.objects.child_of(parent)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    taken = set(siblings.filter(slug__startswith=stem).values_list("slug", flat=True))
    slug, n = stem, 2
    while slug in taken:
        slug, n = f"{stem}-{n}", n + 1
    return slug


def _home_page() -> HomePage:
    home = HomePage.objects.order_by("path").first()
    if home is None:
        raise LookupError("No HomePage: run the migrations first.")
    return home


def organisation_find(*, name: str, parent: Page | None = None) -> OrganisationPage | None:
    """The organisation called `name` (title, then short name), among `parent`'s children if given."""
    candidates = OrganisationPage.objects.order_by("path")
    if parent is not None:
        candidates = candidates.child_of(parent)
    return candidates.filter(title=name).first() or candidates.filter(short_name=name).first()


@transaction.atomic
def organisation_ensure(
    *,
    name: str,
    parent: Page | None = None,
    level: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    user: User | None = None,
) -> OrganisationPage:
    """Return the organisation called `name`, creating, publishing and provisioning it if it does not exist.

    A new organisation goes under `parent`, or, without one, under the first company union (as a branch
    union) or, if there is no company union yet, under the home page (as the company union). Its level is
    one below its parent's unless given. `defaults` (contact data, logo, slug...) apply only on creation.
    """
    name = name.strip()
    existing = organisation_find(name=name, parent=parent)
    if existing is not None:
        return existing
    if parent is None:
        parent = (
            OrganisationPage.objects.filter(level=OrganisationLevel.COMPANY).order_by("path").first() or _home_page()
        )
    parent = parent.specific
    if level is None:
        level = CHILD_LEVEL[parent.level] if isinstance(parent, OrganisationPage) else OrganisationLevel.COMPANY
    fields = dict(defaults or {})
    slug = fields.pop("slug", None) or name
    organisation = OrganisationPage(title=name, level=level, live=False, **fields)
    organisation.slug = free_slug(parent=parent, base=slug)
    parent.add_child(instance=organisation)
    page_publish(page=organisation, user=user)
    organisation_provision(organisation=organisation)
    return organisation


@transaction.atomic
def tags_ensure(*, names: Iterable[str]) -> list[Tag]:
    """The tags with these names (in order, without duplicates), creating the missing ones."""
    wanted = list(dict.fromkeys(name.strip() for name in names if name and name.strip()))
    found = {tag.name: tag for tag in Tag.objects.filter(name__in=wanted)}
    for name in wanted:
        if name not in found:
            stem = slugify(name, allow_unicode=True)[:56] or "tag"
            slug, n = stem, 2
            while Tag.objects.filter(slug=slug).exists():
                slug, n = f"{stem}-{n}", n + 1
            found[name] = Tag.objects.create(name=name, slug=slug)
            knowledge_indexed(found[name])
    return [found[name] for name in wanted]


class KnowledgeLineRejected(Exception):
    """A knowledge line that cannot be imported; the message says why, in Chinese, for the person importing."""


class ImportOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class KnowledgeRecord:
    external_id: str
    type: str
    title: str
    summary: str
    body: str
    published_at: datetime.date | None
    organization: str
    tags: tuple[str, ...]


_REQUIRED = ("external_id", "type", "title", "body", "organization")
_TITLE_MAX = 255
_SUMMARY_MAX = 500
_EXTERNAL_ID_MAX = 128
_TAG_MAX = 64


def knowledge_record_parse(line: str | bytes) -> KnowledgeRecord:
    """Check one JSONL line against the import contract; raise `KnowledgeLineRejected` saying what is wrong."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise KnowledgeLineRejected(f"不是有效的 UTF-8 文本（第 {exc.start + 1} 个字节）") from exc
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise KnowledgeLineRejected(f"JSON 格式错误：{exc.msg}（第 {exc.colno} 列）") from exc
    if not isinstance(data, dict):
        raise KnowledgeLineRejected("每行必须是一个 JSON 对象 {...}")

    kind = data.get("type")
    required = [*_REQUIRED, *(() if kind == "faq" else ("published_at",))]
    missing = [name for name in required if data.get(name) is None]
    if missing:
        raise KnowledgeLineRejected(f"缺少字段：{'、'.join(missing)}")
    for name in ("type", "title", "summary", "body", "published_at", "organization"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise KnowledgeLineRejected(f"字段 {name} 必须是字符串")
    if kind not in KNOWLEDGE_TYPES:
        raise KnowledgeLineRejected(f"未知类型“{kind}”，应为 {'、'.join(KNOWLEDGE_TYPES)} 之一")

    external_id = data["external_id"]
    if isinstance(external_id, bool) or not isinstance(external_id, str | int):
        raise KnowledgeLineRejected("字段 external_id 必须是字符串或整数")
    external_id = str(external_id).strip()
    if not external_id:
        raise KnowledgeLineRejected("external_id 为空")
    if len(external_id) > _EXTERNAL_ID_MAX:
        raise KnowledgeLineRejected(f"external_id 超过 {_EXTERNAL_ID_MAX} 个字符")

    title = " ".join(data["title"].split())
    if not title:
        raise KnowledgeLineRejected("标题为空")
    if len(title) > _TITLE_MAX:
        raise KnowledgeLineRejected(f"标题超过 {_TITLE_MAX} 个字符")
    summary = (data.get("summary") or "").strip()
    if len(summary) > _SUMMARY_MAX:
        raise KnowledgeLineRejected(f"摘要超过 {_SUMMARY_MAX} 个字符")
    organization = " ".join(data["organization"].split())
    if not organization:
        raise KnowledgeLineRejected("organization（所属组织）为空")
    if len(organization) > _TITLE_MAX:
        raise KnowledgeLineRejected(f"organization 超过 {_TITLE_MAX} 个字符")

    published_at = None
    if data.get("published_at") is not None:
        raw_date = data["published_at"].strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw_date):
                raise ValueError
            published_at = datetime.date.fromisoformat(raw_date)
        except ValueError:
            raise KnowledgeLineRejected(f"published_at 日期无效：“{raw_date}”，应为 YYYY-MM-DD") from None

    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise KnowledgeLineRejected("字段 tags 必须是字符串数组")
    tags = tuple(dict.fromkeys(" ".join(tag.split()) for tag in tags if tag.strip()))
    too_long = [tag for tag in tags if len(tag) > _TAG_MAX]
    if too_long:
        raise KnowledgeLineRejected(f"标签超过 {_TAG_MAX} 个字符：{too_long[0][:20]}…")

    body = data["body"].replace("\r\n", "\n").replace("\r", "\n").strip()
    if kind == "faq" and not body:
        raise KnowledgeLineRejected("常见问题（faq）的 body（回答）不能为空")

    return KnowledgeRecord(
        external_id=external_id,
        type=kind,
        title=title,
        summary=summary,
        body=body,
        published_at=published_at,
        organization=organization,
        tags=tags,
    )


def plain_text_paragraphs(text: str) -> list[str]:
    """Plain text to HTML paragraphs: a blank line separates paragraphs, a single newline becomes <br/>."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return ["<p>" + "<br/>".join(escape(line.strip()) for line in p.split("\n")) + "</p>" for p in paragraphs]


def _existing(external_id: str, kind: str) -> Page | FAQ | None:
    """The object already imported under `external_id`; rejects a line whose id belongs to another type."""
    models = {**KNOWLEDGE_PAGE_TYPES, "faq": FAQ}
    found = models[kind].objects.filter(external_id=external_id).order_by("pk").first()
    if found is not None:
        return found
    for other_kind, model in models.items():
        if other_kind != kind and model.objects.filter(external_id=external_id).exists():
            raise KnowledgeLineRejected(f"external_id“{external_id}”已被类型 {other_kind} 的内容使用，不能改为 {kind}")
    return None


def _achievement_type(tags: tuple[str, ...]) -> str:
    labels = {label: value for value, label in AchievementType.choices}
    return next((labels[tag] for tag in tags if tag in labels), AchievementType.SERVICE)


def _blocks(stream) -> list[tuple[str, Any]]:
    return [(block["type"], block["value"]) for block in stream.raw_data]


def _import_page(record: KnowledgeRecord, organisation: OrganisationPage, user: User | None) -> ImportOutcome:
    model = KNOWLEDGE_PAGE_TYPES[record.type]
    page = _existing(record.external_id, record.type)
    body = [{"type": "paragraph", "value": html} for html in plain_text_paragraphs(record.body)]
    tags = tags_ensure(names=record.tags)

    if page is None:
        page = model(title=record.title, external_id=record.external_id, live=False)
        if model is CaseStoryPage:
            page.achievement_type = _achievement_type(record.tags)
        outcome = ImportOutcome.CREATED
    else:
        parent_id = page.get_parent().pk
        unchanged = (
            page.live
            and not page.has_unpublished_changes
            and parent_id == organisation.pk
            and page.title == record.title
            and page.summary == record.summary
            and page.date == record.published_at
            and _blocks(page.body) == [(block["type"], block["value"]) for block in body]
            and sorted(page.tags.values_list("name", flat=True)) == sorted(record.tags)
        )
        if unchanged:
            return ImportOutcome.UNCHANGED
        if parent_id != organisation.pk:
            page.move(organisation, pos="last-child")
            page = model.objects.get(pk=page.pk)
            if Page.objects.child_of(organisation).filter(slug=page.slug).exclude(pk=page.pk).exists():
                page.slug = free_slug(parent=organisation, base=page.slug, exclude=page)
        page.title = record.title
        outcome = ImportOutcome.UPDATED

    page.summary = record.summary
    page.date = record.published_at
    page.body = body
    page.tags = tags
    if outcome is ImportOutcome.CREATED:
        page.slug = free_slug(parent=organisation, base=record.external_id)
        organisation.add_child(instance=page)
    page_publish(page=page, user=user)
    return outcome


def _import_faq(record: KnowledgeRecord, organisation: OrganisationPage, user: User | None) -> ImportOutcome:
    faq = _existing(record.external_id, "faq")
    answer = "".join(plain_text_paragraphs(record.body))
    tags = tags_ensure(names=record.tags)
    if faq is None:
        faq = FAQ(external_id=record.external_id)
        outcome = ImportOutcome.CREATED
    else:
        unchanged = (
            faq.live
            and not faq.has_unpublished_changes
            and faq.question == record.title
            and faq.answer == answer
            and faq.organisation_id == organisation.pk
            and sorted(faq.tags.values_list("name", flat=True)) == sorted(record.tags)
        )
        if unchanged:
            return ImportOutcome.UNCHANGED
        outcome = ImportOutcome.UPDATED
    faq.question = record.title
    faq.answer = answer
    faq.organisation = organisation
    faq_publish(faq=faq, user=user)
    faq.tags.set(tags)
    return outcome


@transaction.atomic
def knowledge_import(*, record: KnowledgeRecord, user: User | None = None) -> ImportOutcome:
    """Create or update the published page (or FAQ) for one import record, idempotent by its external id."""
    organisation = organisation_ensure(name=record.organization, user=user)
    try:
        if record.type == "faq":
            return _import_faq(record, organisation, user)
        return _import_page(record, organisation, user)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            messages = [f"{field}: {'；'.join(errors)}" for field, errors in exc.message_dict.items()]
        else:
            messages = exc.messages
        raise KnowledgeLineRejected("内容校验失败：" + "；".join(messages)) from exc


@transaction.atomic
def knowledge_import_line(*, line: str | bytes, user: User | None = None) -> ImportOutcome:
    """Parse and import one JSONL line in its own transaction; raises `KnowledgeLineRejected` for a bad line."""
    return knowledge_import(record=knowledge_record_parse(line), user=user)
