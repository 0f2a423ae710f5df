"""Content API: what an app sees for each content type, and what it never sees."""

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from content_types.factories import (
    CaseStoryPageFactory,
    CategoryFactory,
    CoursePageFactory,
    FAQFactory,
    LessonPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    OrganisationPageFactory,
    PolicyPageFactory,
    TagFactory,
)
from content_types.models import (
    CaseStoryGalleryImage,
    CategoryKind,
    CourseMaterial,
    NoticeAttachment,
    PolicyAttachment,
    PolicyValidity,
)
from media.factories import DocumentFactory, ImageFactory

PAGE_ENDPOINTS = [
    ("news", NewsPageFactory, "news"),
    ("notices", NoticePageFactory, "notice"),
    ("case-stories", CaseStoryPageFactory, "case"),
    ("policies", PolicyPageFactory, "policy"),
    ("courses", CoursePageFactory, "course"),
]


def listed_ids(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.mark.parametrize(("endpoint", "factory", "kind"), PAGE_ENDPOINTS)
def test_a_page_reaches_the_api_once_it_is_published(home, client, endpoint, factory, kind):
    page = factory(live=False, title="职工之家建设")
    assert listed_ids(client, f"/api/v1/{endpoint}/") == []

    page.save_revision().publish()

    assert listed_ids(client, f"/api/v1/{endpoint}/") == [page.pk]
    detail = client.get(f"/api/v1/{endpoint}/{page.pk}/").json()
    assert detail["type"] == kind
    assert detail["title"] == "职工之家建设"
    assert detail["url"] == f"http://testserver{page.url}"
    assert detail["organisation"]["id"] == page.get_parent().pk
    assert detail["body"][0]["type"] == "paragraph"
    assert "职工之家建设的正文内容" in detail["body_html"]


@pytest.mark.parametrize(("endpoint", "factory", "kind"), PAGE_ENDPOINTS)
def test_a_draft_is_neither_listed_nor_readable(home, client, endpoint, factory, kind):
    draft = factory(live=False)

    assert listed_ids(client, f"/api/v1/{endpoint}/") == []
    response = client.get(f"/api/v1/{endpoint}/{draft.pk}/")
    assert response.status_code == 404
    assert "errors" in response.json()


@pytest.mark.parametrize(("endpoint", "factory", "kind"), PAGE_ENDPOINTS)
def test_an_unpublished_page_leaves_the_api(home, client, endpoint, factory, kind):
    page = factory(live=False)
    page.save_revision().publish()
    page.refresh_from_db()

    page.unpublish()

    assert listed_ids(client, f"/api/v1/{endpoint}/") == []
    assert client.get(f"/api/v1/{endpoint}/{page.pk}/").status_code == 404


@pytest.mark.parametrize(("endpoint", "factory", "kind"), PAGE_ENDPOINTS)
def test_pages_in_a_view_restricted_section_stay_hidden_even_from_logged_in_users(
    home, client, admin_user, endpoint, factory, kind
):
    organisation = OrganisationPageFactory()
    hidden = factory(parent=organisation)
    visible = factory()
    PageViewRestriction.objects.create(page=organisation, restriction_type=PageViewRestriction.LOGIN)

    assert listed_ids(client, f"/api/v1/{endpoint}/") == [visible.pk]
    assert client.get(f"/api/v1/{endpoint}/{hidden.pk}/").status_code == 404
    client.force_login(admin_user)
    assert listed_ids(client, f"/api/v1/{endpoint}/") == [visible.pk]


def test_unpublished_changes_to_a_live_page_are_not_shown(home, client):
    news = NewsPageFactory(live=False, title="第一版标题")
    news.save_revision().publish()

    news.title = "尚未发布的修改"
    news.save_revision()

    assert client.get(f"/api/v1/news/{news.pk}/").json()["title"] == "第一版标题"


def test_the_organisation_is_the_nearest_organisation_above_the_page(home, client):
    branch = OrganisationPageFactory(title="一号煤矿分工会", level="branch")
    unit = OrganisationPageFactory(parent=branch, title="综采一队工会", level="grassroots")
    news = NewsPageFactory(parent=unit)

    organisation = client.get(f"/api/v1/news/{news.pk}/").json()["organisation"]

    assert organisation["id"] == unit.pk
    assert organisation["title"] == "综采一队工会"
    assert organisation["level"] == "grassroots"
    assert organisation["level_display"] == "基层工会"


def test_cover_images_come_as_webp_renditions_never_the_original(home, client):
    image = ImageFactory(title="劳模表彰大会", caption="表彰大会现场")
    NewsPageFactory(cover_image=image)

    cover = client.get("/api/v1/news/").json()["results"][0]["cover_image"]

    assert cover["alt"] == "表彰大会现场"
    assert set(cover["renditions"]) == {"thumbnail", "medium", "large"}
    for rendition in cover["renditions"].values():
        assert rendition["url"].startswith("http://testserver/")
        assert rendition["url"].endswith(".webp")
        assert rendition["width"] > 0
    assert image.file.url not in str(cover)


def test_news_show_category_tags_source_and_author(home, client):
    category = CategoryFactory(kind=CategoryKind.NEWS, name="要闻", slug="headlines")
    news = NewsPageFactory(category=category, source="公司工会", author="宣传部", featured=True)
    news.tags.add(TagFactory(name="安全生产", slug="safety"))
    news.save()

    item = client.get("/api/v1/news/").json()["results"][0]

    assert item["category"]["name"] == "要闻"
    assert [tag["slug"] for tag in item["tags"]] == ["safety"]
    assert (item["source"], item["author"], item["featured"]) == ("公司工会", "宣传部", True)
    assert item["published_at"] == item["date"] == "2026-10-01"


def test_notices_show_their_period_pin_and_downloadable_attachments(home, client):
    notice = NoticePageFactory(effective_date="2026-10-01", expiry_date="2026-10-31", pinned=True)
    document = DocumentFactory(title="报名表")
    NoticeAttachment.objects.create(page=notice, document=document, title="")

    item = client.get("/api/v1/notices/").json()["results"][0]

    assert (item["effective_date"], item["expiry_date"], item["pinned"]) == ("2026-10-01", "2026-10-31", True)
    assert item["attachments"] == [
        {
            "document_id": document.pk,
            "title": "报名表",
            "file_extension": "txt",
            "file_size": document.file_size,
            "download_url": f"http://testserver{document.url}",
        }
    ]
    assert client.get(item["attachments"][0]["download_url"]).status_code == 200


def test_case_stories_show_achievement_award_and_gallery_renditions(home, client):
    story = CaseStoryPageFactory(
        achievement_type="innovation", award_level="provincial", people_involved="李师傅创新工作室"
    )
    CaseStoryGalleryImage.objects.create(page=story, image=ImageFactory(), caption="工作室成员")

    detail = client.get(f"/api/v1/case-stories/{story.pk}/").json()

    assert detail["achievement_type_display"] == "创新成果"
    assert detail["award_level_display"] == "省部级"
    assert detail["people_involved"] == "李师傅创新工作室"
    assert detail["gallery"][0]["caption"] == "工作室成员"
    assert detail["gallery"][0]["image"]["renditions"]["large"]["url"].endswith(".webp")


def test_policies_show_document_data_validity_and_their_public_successor(home, client):
    successor = PolicyPageFactory(title="工会经费管理办法（2026年修订）")
    old = PolicyPageFactory(
        title="工会经费管理办法",
        document_number="工发〔2020〕3号",
        issuing_body="公司工会",
        effective_date="2020-05-01",
        validity=PolicyValidity.AMENDED,
        superseded_by=successor,
    )
    PolicyAttachment.objects.create(page=old, document=DocumentFactory())

    detail = client.get(f"/api/v1/policies/{old.pk}/").json()

    assert detail["document_number"] == "工发〔2020〕3号"
    assert detail["issuing_body"] == "公司工会"
    assert detail["effective_date"] == "2020-05-01"
    assert (detail["validity"], detail["validity_display"]) == ("amended", "已修订")
    assert detail["superseded_by"] == {
        "id": successor.pk,
        "title": "工会经费管理办法（2026年修订）",
        "url": f"http://testserver{successor.url}",
    }
    assert len(detail["attachments"]) == 1


def test_a_successor_that_is_not_published_is_not_linked(home, client):
    draft = PolicyPageFactory(live=False)
    old = PolicyPageFactory(validity=PolicyValidity.REPEALED, superseded_by=draft)

    assert client.get(f"/api/v1/policies/{old.pk}/").json()["superseded_by"] is None


def test_a_course_lists_its_published_lessons_in_order(home, client):
    course = CoursePageFactory(trainer_name="王老师", hours=3, audience="cadres")
    first = LessonPageFactory(parent=course, title="第一课 工会法")
    LessonPageFactory(parent=course, title="草稿课时", live=False)
    second = LessonPageFactory(parent=course, title="第二课 劳动合同")
    CourseMaterial.objects.create(page=course, document=DocumentFactory(), title="讲义")

    detail = client.get(f"/api/v1/courses/{course.pk}/").json()

    assert [lesson["id"] for lesson in detail["lessons"]] == [first.pk, second.pk]
    assert detail["trainer"] == "王老师"
    assert detail["hours"] == 3
    assert detail["audience_display"] == "工会干部"
    assert [material["title"] for material in detail["materials"]] == ["讲义"]


def test_lessons_link_back_to_their_course_and_can_be_filtered_by_it(home, client):
    lesson = LessonPageFactory()
    course = lesson.get_parent()
    LessonPageFactory()

    listed = client.get(f"/api/v1/lessons/?course={course.pk}").json()["results"]

    assert [item["id"] for item in listed] == [lesson.pk]
    assert listed[0]["course"] == {"id": course.pk, "title": course.title, "url": f"http://testserver{course.url}"}
    assert listed[0]["organisation"]["id"] == course.get_parent().pk
    assert client.get(f"/api/v1/lessons/{lesson.pk}/").json()["body"][0]["type"] == "paragraph"


def test_the_body_links_images_and_documents_with_absolute_urls(home, client):
    target = NewsPageFactory(title="被链接的新闻")
    document = DocumentFactory(title="实施细则")
    image = ImageFactory()
    news = NewsPageFactory(
        body=[
            (
                "paragraph",
                RichText(
                    f'<p>详见<a linktype="page" id="{target.pk}">新闻</a>和'
                    f'<a linktype="document" id="{document.pk}">细则</a>。</p>'
                ),
            ),
            ("heading", {"text": "活动安排", "level": "h2"}),
            ("image", {"image": image, "caption": "活动现场", "alt_text": ""}),
            ("document", {"document": document, "title": ""}),
            ("quote", {"text": "工会是职工之家。", "attribution": "主席"}),
        ]
    )

    detail = client.get(f"/api/v1/news/{news.pk}/").json()
    blocks = {block["type"]: block["value"] for block in detail["body"]}

    assert f'href="http://testserver{target.url}"' in blocks["paragraph"]
    assert f'href="http://testserver{document.url}"' in blocks["paragraph"]
    assert blocks["heading"] == {"text": "活动安排", "level": "h2"}
    assert blocks["image"]["alt"] == "活动现场"
    assert blocks["image"]["image"]["renditions"]["medium"]["url"].startswith("http://testserver/")
    assert blocks["document"]["document"]["download_url"] == f"http://testserver{document.url}"
    assert blocks["quote"] == {"text": "工会是职工之家。", "attribution": "主席"}
    assert f'href="http://testserver{target.url}"' in detail["body_html"]
    assert 'src="/' not in detail["body_html"]
    assert 'href="/' not in detail["body_html"]


def test_lists_do_not_carry_the_body(home, client):
    NewsPageFactory()

    item = client.get("/api/v1/news/").json()["results"][0]

    assert "body" not in item
    assert "body_html" not in item


def test_only_live_faqs_are_listed_with_their_answer_as_html(home, client):
    page = NewsPageFactory()
    live = FAQFactory(question="会费怎么交？", answer=f'<p>见<a linktype="page" id="{page.pk}">说明</a></p>')
    FAQFactory(live=False)

    results = client.get("/api/v1/faqs/").json()["results"]

    assert [faq["id"] for faq in results] == [live.pk]
    assert results[0]["question"] == "会费怎么交？"
    assert results[0]["answer"] == f'<p>见<a href="http://testserver{page.url}">说明</a></p>'
    assert client.get(f"/api/v1/faqs/{live.pk}/").json()["answer"] == results[0]["answer"]


def test_categories_and_tags_are_listed(home, client):
    CategoryFactory(kind=CategoryKind.NEWS, name="要闻", slug="headlines")
    CategoryFactory(kind=CategoryKind.FAQ, name="会员服务", slug="members")
    TagFactory(name="送温暖", slug="warmth")

    news_categories = client.get("/api/v1/categories/?kind=news").json()["results"]
    tags = client.get("/api/v1/tags/").json()["results"]

    assert [(c["name"], c["kind_display"]) for c in news_categories] == [("要闻", "新闻")]
    assert {"name": "送温暖", "slug": "warmth"}.items() <= tags[0].items()
