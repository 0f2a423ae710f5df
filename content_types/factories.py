"""Factories for tests and the demo seed; each page factory builds its own parent chain."""

import datetime

import wagtail_factories
from wagtail.rich_text import RichText

import factory
from factory.django import DjangoModelFactory

from content_types import models


def home_page() -> models.HomePage:
    return models.HomePage.objects.get(depth=2)


def paragraphs(*texts: str) -> list[tuple[str, object]]:
    return [("paragraph", RichText("".join(f"<p>{t}</p>" for t in texts)))]


class TagFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"标签{n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")

    class Meta:
        model = models.Tag
        django_get_or_create = ("name",)


class CategoryFactory(DjangoModelFactory):
    kind = models.CategoryKind.NEWS
    name = factory.Sequence(lambda n: f"分类{n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = models.Category


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}分工会")
    slug = factory.Sequence(lambda n: f"org-{n}")
    level = models.OrganisationLevel.BRANCH
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = models.OrganisationPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = factory.LazyAttribute(lambda o: f"{o.title}的摘要。")
    date = factory.LazyFunction(lambda: datetime.date(2026, 10, 1))
    body = factory.LazyAttribute(lambda o: paragraphs(f"{o.title}的正文内容。"))
    parent = factory.SubFactory(OrganisationPageFactory)

    class Meta:
        abstract = True


class NewsPageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"新闻{n}")
    source = "公司工会"
    author = "宣传部"

    class Meta:
        model = models.NewsPage


class NoticePageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"通知{n}")

    class Meta:
        model = models.NoticePage


class CaseStoryPageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"案例{n}")
    achievement_type = models.AchievementType.INNOVATION
    award_level = models.AwardLevel.COMPANY

    class Meta:
        model = models.CaseStoryPage


class PolicyPageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"制度{n}")
    document_number = factory.Sequence(lambda n: f"工发〔2026〕{n}号")
    issuing_body = "公司工会"
    validity = models.PolicyValidity.VALID

    class Meta:
        model = models.PolicyPage


class CoursePageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"课程{n}")
    trainer_name = "王老师"
    hours = 2

    class Meta:
        model = models.CoursePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}课")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    summary = "课时摘要"
    body = factory.LazyAttribute(lambda o: paragraphs(f"{o.title}的讲义。"))
    parent = factory.SubFactory(CoursePageFactory)

    class Meta:
        model = models.LessonPage


class FAQFactory(DjangoModelFactory):
    question = factory.Sequence(lambda n: f"常见问题{n}？")
    answer = "<p>请咨询所在单位工会。</p>"
    live = True

    class Meta:
        model = models.FAQ
