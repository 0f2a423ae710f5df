"""Build the demo: the union tree, one account per role, and published content of every type.

Everything is published through `page_publish`/`faq_publish`, i.e. without the moderation workflow, so the
demo site shows it at once. Dates are relative to `today` so notices stay current; everything else is fixed.
"""

import datetime
import hashlib
import io
from collections import Counter
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from cms.models import User
from cms.roles import ROLES
from cms.services import roles_sync, user_assign_role
from content_types import factories, models
from content_types.demo import documents, images, markup
from content_types.demo.case_stories import CASE_STORIES
from content_types.demo.courses import COURSES
from content_types.demo.faqs import FAQ_CATEGORIES, FAQS
from content_types.demo.news import NEWS
from content_types.demo.notices import NOTICES
from content_types.demo.organisations import EMAIL_DOMAIN, ORGANISATIONS, DemoOrganisation
from content_types.demo.policies import POLICIES
from content_types.services import faq_publish, organisation_ensure, page_publish, tags_ensure
from media.factories import DocumentFactory, ImageFactory

CATEGORIES = {
    models.CategoryKind.NEWS: [("要闻", "yaowen"), ("基层动态", "jiceng")],
    models.CategoryKind.CASE: [("基层风采", "fengcai"), ("典型案例", "anli"), ("优秀成果", "chengguo")],
    models.CategoryKind.COURSE: [
        ("工会业务", "yewu"),
        ("安全生产", "anquan"),
        ("职业技能", "jineng"),
        ("身心健康", "jiankang"),
    ],
    models.CategoryKind.FAQ: [(name, f"faq-{i}") for i, name in enumerate(FAQ_CATEGORIES, start=1)],
}


def _sha1(data: bytes) -> str:
    """The file hash Wagtail stores to spot duplicate uploads."""
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    display_name: str
    organisation: str  # key in ORGANISATIONS


ACCOUNTS = [
    DemoAccount("worker", "worker", "李明", "mine1.zc1"),
    DemoAccount("editor", "editor", "赵丽", "mine1"),
    DemoAccount("company_editor", "editor", "刘海燕", "company"),
    DemoAccount("reviewer", "reviewer", "周建国", "company"),
    DemoAccount("trainer", "trainer", "孙晓峰", "company"),
    DemoAccount("finance", "finance", "王芳", "company"),
    DemoAccount("leader", "leader", "郑永红", "company"),
    DemoAccount("admin", "admin", "系统管理员", "company"),
]


@dataclass
class SeedReport:
    accounts: list[tuple[str, str, str, str, bool]] = field(default_factory=list)  # username, role, name, org, new
    counts: Counter = field(default_factory=Counter)


class _Seeder:
    def __init__(self, *, password: str, today: datetime.date):
        self.password = password
        self.today = today
        self.report = SeedReport()
        self.organisations: dict[str, models.OrganisationPage] = {}
        self.users: dict[str, User] = {}
        self.categories: dict[tuple[str, str], models.Category] = {}
        self.documents: dict[tuple[int, str], object] = {}
        self.file_number = 0

    def _file_name(self, extension: str) -> str:
        self.file_number += 1
        return f"demo-{self.file_number:03d}.{extension}"

    def image(self, title: str, *, org: models.OrganisationPage, theme: str, size=(1200, 675), lettered: bool = True):
        """A drawn scene: a cover carries its title in the picture, a photo (lettered=False) as its caption."""
        data = images.scene(title if lettered else "", theme=theme, size=size)
        return self._image_create(data, title=title, extension="jpg", org=org, caption="" if lettered else title)

    def _image_create(
        self, data: bytes, *, title: str, extension: str, org: models.OrganisationPage, caption: str = ""
    ):
        self.report.counts["images"] += 1
        return ImageFactory(
            title=title[:255],
            file=ImageFile(io.BytesIO(data), name=self._file_name(extension)),
            file_size=len(data),
            file_hash=_sha1(data),
            collection=org.collection,
            caption=caption[:255],
            credit="智慧工会演示数据（程序绘制）",
        )

    def document(self, filename: str, *, org: models.OrganisationPage, paragraphs: list[str]):
        key = (org.pk, filename)
        if key not in self.documents:
            title = filename.rsplit(".", 1)[0]
            body = paragraphs or [f"{title}（演示文件）。请以所在单位工会发布的正式文件为准。"]
            data = documents.document(filename, title, body)
            self.documents[key] = DocumentFactory(
                title=title,
                file=ContentFile(data, name=filename),
                file_size=len(data),
                file_hash=_sha1(data),
                collection=org.collection,
                description=f"{org.title}发布的{title}。",
                text="\n".join([title, *body]),  # the media app may re-extract it from the file on save
            )
            self.report.counts["documents"] += 1
        return self.documents[key]

    def body(self, text: str, *, org: models.OrganisationPage, theme: str) -> list[dict]:
        paragraphs = markup.plain_paragraphs(text)
        return markup.body_blocks(
            text,
            image=lambda caption: self.image(caption, org=org, theme=theme, size=(1200, 800), lettered=False).pk,
            document=lambda filename: self.document(filename, org=org, paragraphs=paragraphs).pk,
        )

    def categories_create(self) -> None:
        for kind, entries in CATEGORIES.items():
            for order, (name, slug) in enumerate(entries):
                category, _ = models.Category.objects.get_or_create(
                    kind=kind, slug=slug, defaults={"name": name, "sort_order": order}
                )
                self.categories[(kind, name)] = category

    def organisations_create(self) -> None:
        home = factories.home_page()
        for spec in ORGANISATIONS:
            parent = self.organisations[spec.parent] if spec.parent else home
            organisation = organisation_ensure(
                name=spec.name, parent=parent, level=spec.level, defaults=self._org_fields(spec)
            )
            organisation.logo = self._logo(spec, organisation)
            if spec.level in (models.OrganisationLevel.COMPANY, models.OrganisationLevel.BRANCH):
                organisation.cover_image = self.image(spec.name, org=organisation, theme=spec.theme)
            page_publish(page=organisation, user=None)
            self.organisations[spec.key] = organisation
            self.report.counts["organisations"] += 1

    def _org_fields(self, spec: DemoOrganisation) -> dict:
        contact = {
            "slug": spec.slug,
            "short_name": spec.short_name,
            "chair": spec.chair,
            "contact_person": spec.contact_person or spec.chair,
            "phone": spec.phone,
            "address": spec.address,
            "member_count": spec.member_count,
            "description": f"<p>{escape(spec.description)}</p>" if spec.description else "",
        }
        if spec.level in (models.OrganisationLevel.COMPANY, models.OrganisationLevel.BRANCH):
            contact["email"] = f"{spec.slug}@{EMAIL_DOMAIN}"
        return contact

    def _logo(self, spec: DemoOrganisation, organisation: models.OrganisationPage):
        data = images.logo(spec.name, mark=spec.mark, colour=spec.colour)
        return self._image_create(data, title=f"{spec.name}标志", extension="png", org=organisation)

    def accounts_create(self) -> None:
        for account in ACCOUNTS:
            organisation = self.organisations[account.organisation]
            user = User.objects.filter(username=account.username).first()
            created = user is None
            if created:
                user = User.objects.create_user(
                    username=account.username,
                    password=self.password,
                    display_name=account.display_name,
                    email=f"{account.username}@{EMAIL_DOMAIN}",
                    is_staff=account.role == "admin",
                    is_superuser=account.role == "admin",
                )
                user_assign_role(user=user, role=account.role, organisation=organisation)
            self.users[account.username] = user
            self.report.accounts.append(
                (account.username, ROLES[account.role].label, account.display_name, organisation.title, created)
            )

    def editor_for(self, org_key: str) -> User | None:
        if org_key == "mine1" or org_key.startswith("mine1."):
            return self.users.get("editor")
        return self.users.get("company_editor")

    def _dated(self, item: dict) -> tuple[datetime.date, str, str, str]:
        date = self.today - datetime.timedelta(days=item["days_ago"])
        year = str(date.year)
        return (
            date,
            item["title"].replace("{year}", year),
            item["summary"].replace("{year}", year),
            item["body"].replace("{year}", year),
        )

    def _publish(self, page, org_key: str) -> None:
        page_publish(page=page, user=self.editor_for(org_key))
        self.report.counts[type(page).__name__] += 1

    def news_create(self) -> None:
        for number, item in enumerate(NEWS, start=1):
            org = self.organisations[item["org"]]
            date, title, summary, body = self._dated(item)
            page = factories.NewsPageFactory(
                parent=org,
                title=title,
                slug=f"news-{number:02d}",
                summary=summary,
                date=date,
                category=self.categories[(models.CategoryKind.NEWS, item["category"])],
                source=item["source"],
                author=item["author"],
                featured=item["featured"],
                cover_image=self.image(title, org=org, theme=item["theme"]),
                body=self.body(body, org=org, theme=item["theme"]),
                tags=tags_ensure(names=item["tags"]),
            )
            self._publish(page, item["org"])

    def notices_create(self) -> None:
        for number, item in enumerate(NOTICES, start=1):
            org = self.organisations[item["org"]]
            date, title, summary, body = self._dated(item)
            paragraphs = markup.plain_paragraphs(body)
            attachments = [
                models.NoticeAttachment(
                    document=self.document(name, org=org, paragraphs=paragraphs), title=name.rsplit(".", 1)[0]
                )
                for name in item["attachments"]
            ]
            page = factories.NoticePageFactory(
                parent=org,
                title=title,
                slug=f"notice-{number:02d}",
                summary=summary,
                date=date,
                effective_date=self.today + datetime.timedelta(days=item["effective_in"]),
                expiry_date=self.today + datetime.timedelta(days=item["expires_in"]),
                pinned=item["pinned"],
                body=self.body(body, org=org, theme="people"),
                tags=tags_ensure(names=item["tags"]),
                attachments=attachments,
            )
            self._publish(page, item["org"])

    def case_stories_create(self) -> None:
        for number, item in enumerate(CASE_STORIES, start=1):
            org = self.organisations[item["org"]]
            date, title, summary, body = self._dated(item)
            gallery = [
                models.CaseStoryGalleryImage(
                    image=self.image(caption, org=org, theme=item["theme"], size=(1200, 800), lettered=False),
                    caption=caption,
                )
                for caption in item["gallery"]
            ]
            page = factories.CaseStoryPageFactory(
                parent=org,
                title=title,
                slug=f"case-{number:02d}",
                summary=summary,
                date=date,
                category=self.categories[(models.CategoryKind.CASE, item["category"])],
                achievement_type=item["achievement_type"],
                people_involved=item["people_involved"],
                award_level=item["award_level"],
                award_name=item["award_name"],
                cover_image=self.image(title, org=org, theme=item["theme"]),
                body=self.body(body, org=org, theme=item["theme"]),
                tags=tags_ensure(names=item["tags"]),
                gallery_images=gallery,
            )
            self._publish(page, item["org"])

    def policies_create(self) -> None:
        created: dict[str, models.PolicyPage] = {}
        for number, item in enumerate(POLICIES, start=1):
            org = self.organisations[item["org"]]
            effective = datetime.date.fromisoformat(item["effective_date"])
            body = item["body"].replace("{effective_date}", f"{effective.year}年{effective.month}月{effective.day}日")
            paragraphs = markup.plain_paragraphs(body)
            page = factories.PolicyPageFactory(
                parent=org,
                title=item["title"],
                slug=f"policy-{number:02d}",
                summary=item["summary"],
                date=datetime.date.fromisoformat(item["date"]),
                document_number=item["document_number"],
                issuing_body=item["issuing_body"],
                effective_date=effective,
                validity=item["validity"],
                superseded_by=created.get(item.get("superseded_by", "")),
                body=self.body(body, org=org, theme="study"),
                tags=tags_ensure(names=item["tags"]),
                attachments=[
                    models.PolicyAttachment(
                        document=self.document(name, org=org, paragraphs=[item["title"], *paragraphs]),
                        title=name.rsplit(".", 1)[0],
                    )
                    for name in item["attachments"]
                ],
            )
            self._publish(page, item["org"])
            created[item["key"]] = page

    def courses_create(self) -> None:
        trainer = self.users.get("trainer")
        for number, item in enumerate(COURSES, start=1):
            org = self.organisations[item["org"]]
            date, title, summary, body = self._dated(item)
            course = factories.CoursePageFactory(
                parent=org,
                title=title,
                slug=f"course-{number:02d}",
                summary=summary,
                date=date,
                category=self.categories[(models.CategoryKind.COURSE, item["category"])],
                trainer=trainer if item["org"] == "company" else None,
                trainer_name=item["trainer_name"],
                audience=item["audience"],
                hours=item["hours"],
                cover_image=self.image(title, org=org, theme=item["theme"]),
                body=self.body(body, org=org, theme=item["theme"]),
                tags=tags_ensure(names=item["tags"]),
                materials=[
                    models.CourseMaterial(
                        document=self.document(
                            name, org=org, paragraphs=[lesson["summary"] for lesson in item["lessons"]]
                        ),
                        title=name.rsplit(".", 1)[0],
                    )
                    for name in item["materials"]
                ],
            )
            self._publish(course, item["org"])
            for position, lesson in enumerate(item["lessons"], start=1):
                page = factories.LessonPageFactory(
                    parent=course,
                    title=f"第{position}课 {lesson['title']}",
                    slug=f"lesson-{position}",
                    summary=lesson["summary"],
                    duration_minutes=lesson["minutes"],
                    body=self.body(lesson["body"], org=org, theme=item["theme"]),
                )
                self._publish(page, item["org"])

    def faqs_create(self) -> None:
        company = self.organisations["company"]
        for order, item in enumerate(FAQS, start=1):
            faq = factories.FAQFactory(
                question=item["question"],
                answer=markup.paragraphs_html(item["answer"]),
                category=self.categories[(models.CategoryKind.FAQ, item["category"])],
                organisation=company,
                sort_order=order,
                external_id=f"demo-faq-{order:02d}",
            )
            faq_publish(faq=faq, user=self.users.get("company_editor"))
            faq.tags.set(tags_ensure(names=item["tags"]))
            self.report.counts["FAQ"] += 1


@transaction.atomic
def demo_seed(*, password: str, today: datetime.date | None = None) -> SeedReport:
    """Create the whole demo in one transaction; callers check first that the database has no organisations."""
    seeder = _Seeder(password=password, today=today or timezone.localdate())
    roles_sync()
    seeder.categories_create()
    seeder.organisations_create()
    seeder.accounts_create()
    seeder.news_create()
    seeder.notices_create()
    seeder.case_stories_create()
    seeder.policies_create()
    seeder.courses_create()
    seeder.faqs_create()
    return seeder.report
