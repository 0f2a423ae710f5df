"""Each content type: created and published in the admin, then served on the site and through the API."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from content_types import models
from content_types.factories import CoursePageFactory, OrganisationPageFactory

ARTICLE = {"summary": "摘要文字", "date": "2026-11-01", "tags": []}

CASES = [
    ("news", models.NewsPage, "/api/v1/news/", {"source": "一号煤矿", "author": "张三"}, []),
    (
        "notice",
        models.NoticePage,
        "/api/v1/notices/",
        {"effective_date": "2026-11-01", "expiry_date": "2026-12-31", "pinned": "on"},
        ["attachments"],
    ),
    (
        "case",
        models.CaseStoryPage,
        "/api/v1/case-stories/",
        {"achievement_type": "innovation", "award_level": "company", "people_involved": "综采一队"},
        ["gallery_images"],
    ),
    (
        "policy",
        models.PolicyPage,
        "/api/v1/policies/",
        {"document_number": "工发〔2026〕8号", "issuing_body": "公司工会", "validity": "valid"},
        ["attachments"],
    ),
    (
        "course",
        models.CoursePage,
        "/api/v1/courses/",
        {"trainer_name": "李老师", "audience": "all", "hours": "2.0", "enrollment_open": "on"},
        ["materials"],
    ),
]


def _form(slug, title, extra, inlines):
    data = {
        "title": title,
        "slug": slug,
        **ARTICLE,
        **extra,
        "body": streamfield([("paragraph", rich_text(f"<p>{title}的正文</p>"))]),
        **{name: inline_formset([]) for name in inlines},
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    return nested_form_data(data)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "model", "api_path", "extra", "inlines"), CASES, ids=[c[0] for c in CASES])
def test_content_created_in_the_admin_is_served_on_the_site_and_in_the_api(
    admin_client, home, kind, model, api_path, extra, inlines
):
    organisation = OrganisationPageFactory(title="一号煤矿分工会")
    title = f"测试{model._meta.verbose_name}标题"
    add_url = reverse("wagtailadmin_pages:add", args=("content_types", model._meta.model_name, organisation.pk))

    response = admin_client.post(add_url, _form(f"test-{kind}", title, extra, inlines))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = model.objects.get(title=title)
    assert page.live
    rendered = admin_client.get(page.url)
    assert rendered.status_code == 200
    assert title in rendered.content.decode()
    listed = admin_client.get(api_path).json()
    assert [item["title"] for item in listed["results"]] == [title]


@pytest.mark.django_db
def test_a_lesson_is_created_under_its_course_and_rendered(admin_client, home):
    course = CoursePageFactory(title="安全生产培训")
    add_url = reverse("wagtailadmin_pages:add", args=("content_types", "lessonpage", course.pk))
    data = nested_form_data(
        {
            "title": "第一课 认识瓦斯",
            "slug": "lesson-gas",
            "summary": "瓦斯的来源与防治",
            "duration_minutes": "45",
            "body": streamfield([("paragraph", rich_text("<p>瓦斯是煤矿的头号杀手。</p>"))]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(add_url, data)

    assert response.status_code == 302
    lesson = models.LessonPage.objects.get(title="第一课 认识瓦斯")
    assert lesson.course == course
    assert "瓦斯是煤矿的头号杀手" in admin_client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_content_cannot_be_created_outside_an_organisation(home):
    for model in (models.NewsPage, models.NoticePage, models.CaseStoryPage, models.PolicyPage, models.CoursePage):
        assert not model.can_create_at(home)
        assert model.can_create_at(OrganisationPageFactory.build())
    assert not models.LessonPage.can_create_at(OrganisationPageFactory.build())
    assert models.OrganisationPage.can_create_at(home)
    assert not models.HomePage.can_create_at(Page.get_first_root_node())
