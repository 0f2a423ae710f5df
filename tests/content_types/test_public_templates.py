"""The public templates: every page type and body block renders, previews work, images are renditions."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.rich_text import RichText

import pytest

from content_types import factories
from content_types.models import (
    CaseStoryGalleryImage,
    CaseStoryPage,
    CategoryKind,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticePage,
    OrganisationLevel,
    OrganisationPage,
    PolicyPage,
    PolicyValidity,
)
from media.factories import DocumentFactory, ImageFactory, VideoFactory

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def unsaved_child(parent: Page, page: Page) -> Page:
    """Place an unsaved page under `parent` the way Wagtail's preview-on-create view does."""
    page.depth = parent.depth + 1
    page.path = page._get_path(parent.path, page.depth, 1) if parent.is_leaf() else parent.get_last_child()._inc_path()
    page.set_url_path(parent)
    return page


def test_every_page_type_renders_with_its_breadcrumb_trail(client):
    lesson = factories.LessonPageFactory(title="第一课 安全常识")
    course = lesson.get_parent().specific
    organisation = course.get_parent().specific
    news = factories.NewsPageFactory(parent=organisation, title="职工运动会开幕")
    notice = factories.NoticePageFactory(parent=organisation, title="春节慰问通知")
    case = factories.CaseStoryPageFactory(parent=organisation, title="先进班组风采")
    policy = factories.PolicyPageFactory(parent=organisation, title="会费管理办法")

    home_html = html_of(client.get("/"))
    assert 'lang="zh-CN"' in home_html
    assert "职工运动会开幕" in home_html and "春节慰问通知" in home_html and "会费管理办法" in home_html

    for page in (organisation, news, notice, case, policy, course, lesson):
        page_html = html_of(client.get(page.url))
        assert f"{page.title}</h1>" in page_html
        assert 'aria-label="当前位置"' in page_html
        assert f'<span aria-current="page">{page.title}</span>' in page_html
    assert "第一课 安全常识" in html_of(client.get(course.url))
    assert "所属课程" in html_of(client.get(lesson.url))


def test_pages_show_images_as_webp_renditions_never_the_original(client):
    cover = ImageFactory(file__width=1600, file__height=900)
    news = factories.NewsPageFactory(cover_image=cover, featured=True)
    case = factories.CaseStoryPageFactory(parent=news.get_parent())
    CaseStoryGalleryImage.objects.create(page=case, image=ImageFactory(), caption="获奖现场")

    for url in ("/", news.url, case.url):
        page_html = html_of(client.get(url))
        assert "original_images" not in page_html
        assert 'type="image/webp"' in page_html


def test_every_body_block_renders(client):
    image = ImageFactory(title="活动照片")
    document = DocumentFactory(title="活动方案")
    video = VideoFactory(title="活动视频", poster=ImageFactory())
    news = factories.NewsPageFactory(
        body=[
            ("paragraph", RichText("<p>开篇段落</p>")),
            ("heading", {"text": "活动回顾", "level": "h3"}),
            ("image", {"image": image, "caption": "合影留念", "alt_text": "全体参赛职工合影"}),
            ("gallery", {"title": "精彩瞬间", "images": [{"image": image, "caption": "颁奖", "alt_text": ""}]}),
            ("video", {"video": video, "embed": None, "caption": "现场视频"}),
            ("document", {"document": document, "title": "下载活动方案"}),
            ("quote", {"text": "劳动最光荣", "attribution": "主席致辞"}),
            (
                "table",
                {
                    "data": [["项目", "人数"], ["拔河", "40"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "参赛统计",
                },
            ),
            ("callout", {"style": "warning", "title": "注意", "text": RichText("<p>请按时集合</p>")}),
        ]
    )

    page_html = html_of(client.get(news.url))
    assert '<h3 class="block-heading">活动回顾</h3>' in page_html
    assert 'alt="全体参赛职工合影"' in page_html
    assert "合影留念</figcaption>" in page_html
    assert "精彩瞬间" in page_html and "data-gallery" in page_html
    assert "<video" in page_html and 'type="video/mp4"' in page_html and 'poster="/media/images/' in page_html
    assert "下载活动方案" in page_html and document.url in page_html
    assert "劳动最光荣" in page_html and "主席致辞" in page_html
    assert '<th scope="col"' in page_html and "参赛统计" in page_html
    assert 'class="alert alert--warning"' in page_html and "请按时集合" in page_html


def test_an_expired_notice_says_so_and_a_current_one_does_not(client):
    today = datetime.date.today()
    expired = factories.NoticePageFactory(expiry_date=today - datetime.timedelta(days=1), pinned=True)
    current = factories.NoticePageFactory(parent=expired.get_parent(), expiry_date=today + datetime.timedelta(days=7))

    expired_html = html_of(client.get(expired.url))
    assert "已截止" in expired_html and "内容仅供查阅" in expired_html and "置顶" in expired_html
    assert "已截止" not in html_of(client.get(current.url))


def test_a_repealed_policy_links_to_the_policy_that_replaced_it(client):
    new = factories.PolicyPageFactory(title="帮扶办法（2026年）")
    old = factories.PolicyPageFactory(
        parent=new.get_parent(), title="帮扶办法（2019年）", validity=PolicyValidity.REPEALED, superseded_by=new
    )

    old_html = html_of(client.get(old.url))
    assert "本文件已废止" in old_html
    assert f'href="{new.url}"' in old_html
    new_html = html_of(client.get(new.url))
    assert "本文件替代了" in new_html and f'href="{old.url}"' in new_html


@pytest.mark.parametrize(
    ("page_class", "fields"),
    [
        (NewsPage, {"title": "预览新闻"}),
        (NoticePage, {"title": "预览通知", "pinned": True}),
        (CaseStoryPage, {"title": "预览风采", "achievement_type": "innovation"}),
        (PolicyPage, {"title": "预览制度", "validity": PolicyValidity.AMENDED}),
        (CoursePage, {"title": "预览课程"}),
        (OrganisationPage, {"title": "预览分工会", "level": OrganisationLevel.GRASSROOTS}),
    ],
)
def test_a_page_not_saved_yet_renders_in_preview(home, page_class, fields):
    organisation = factories.OrganisationPageFactory()
    page = unsaved_child(organisation, page_class(slug="preview", **fields))

    response = page.make_preview_request()

    assert f"{fields['title']}</h1>" in html_of(response)


def test_a_lesson_not_saved_yet_renders_in_preview(home):
    course = factories.CoursePageFactory()
    lesson = unsaved_child(course, LessonPage(title="预览课时", slug="preview"))

    page_html = html_of(lesson.make_preview_request())

    assert "预览课时</h1>" in page_html and course.title in page_html


def test_the_faq_page_lists_published_questions_by_category(client):
    category = factories.CategoryFactory(kind=CategoryKind.FAQ, name="会员服务")
    factories.FAQFactory(question="如何办理会员卡？", category=category)
    factories.FAQFactory(question="没有分类的问题？")
    factories.FAQFactory(question="尚未发布的问题？", live=False)

    page_html = html_of(client.get("/faq/"))

    assert page_html.index("会员服务") < page_html.index("如何办理会员卡？") < page_html.index("其他问题")
    assert "没有分类的问题？" in page_html
    assert "尚未发布的问题？" not in page_html


def test_an_unknown_address_shows_the_chinese_not_found_page(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "页面未找到" in response.content.decode()


def _add_content(organisation, count: int) -> None:
    for _ in range(count):
        factories.NewsPageFactory(parent=organisation, featured=True, cover_image=ImageFactory())
        factories.CaseStoryPageFactory(parent=organisation, cover_image=ImageFactory())
        factories.CoursePageFactory(parent=organisation, cover_image=ImageFactory())
        factories.NoticePageFactory(parent=organisation, pinned=True)
        factories.PolicyPageFactory(parent=organisation)


@pytest.mark.parametrize("path", ["/", "organisation"])
def test_overview_pages_take_the_same_number_of_queries_however_much_content_they_show(
    client, django_assert_num_queries, path
):
    organisation = factories.OrganisationPageFactory()
    url = organisation.url if path == "organisation" else path
    _add_content(organisation, 1)
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        html_of(client.get(url))
    few = len(queries)  # read now: the next request clears the query log

    _add_content(organisation, 3)
    client.get(url)
    with django_assert_num_queries(few):
        html_of(client.get(url))
