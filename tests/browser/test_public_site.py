"""A worker on a phone reads the union's site; an editor previews a draft in the Wagtail admin."""

import datetime
import io
import re

from wagtail.rich_text import RichText

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

from content_types import factories
from content_types.models import (
    AchievementType,
    AwardLevel,
    CaseStoryGalleryImage,
    CategoryKind,
    CourseMaterial,
    NoticeAttachment,
    OrganisationLevel,
    PolicyAttachment,
    PolicyValidity,
)
from media.factories import DocumentFactory, ImageFactory, VideoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def rich(*parts: tuple[str, object]) -> list[tuple[str, object]]:
    return list(parts)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def picture(title: str, color: str, width: int = 1200, height: int = 675):
    return ImageFactory(title=title, file__width=width, file__height=height, file__color=color)


@pytest.fixture
def site_content():
    """A small union site: company and branch unions with one piece of each content type."""
    home = factories.home_page()
    company = factories.OrganisationPageFactory(
        parent=home,
        title="公司工会",
        slug="company",
        level=OrganisationLevel.COMPANY,
        description="<p>公司工会是全体职工的“职工之家”，负责维护职工合法权益、组织劳动竞赛和职工培训。</p>",
        chair="张建国",
        contact_person="刘晓梅",
        phone="0351-1234 5678",
        email="union@example.com",
        address="山西省太原市迎泽区煤城路 1 号",
        member_count=12860,
    )
    branch = factories.OrganisationPageFactory(
        parent=company, title="一号煤矿分工会", slug="mine-1", level=OrganisationLevel.BRANCH, chair="王海"
    )
    news_category = factories.CategoryFactory(kind=CategoryKind.NEWS, name="基层动态", slug="grassroots")
    news = factories.NewsPageFactory(
        parent=branch,
        title="一号煤矿举办“安康杯”安全知识竞赛",
        slug="safety-quiz",
        summary="来自12个区队的36名职工同台竞技，以赛促学筑牢安全防线。",
        category=news_category,
        featured=True,
        source="一号煤矿分工会",
        author="李明",
        cover_image=picture("竞赛现场", "#c0392b"),
        body=rich(
            ("paragraph", RichText("<p>10月15日，一号煤矿分工会在职工活动中心举办“安康杯”安全知识竞赛。</p>")),
            ("heading", {"text": "以赛促学", "level": "h2"}),
            ("image", {"image": picture("获奖队伍合影", "#2e86c1"), "caption": "获奖队伍合影", "alt_text": ""}),
            ("quote", {"text": "安全是职工最大的福利。", "attribution": "分工会主席 王海"}),
            (
                "table",
                {
                    "data": [["名次", "队伍", "得分"], ["一等奖", "综采一队", "98"], ["二等奖", "掘进二队", "95"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "竞赛成绩",
                },
            ),
            (
                "callout",
                {"style": "info", "title": "温馨提示", "text": RichText("<p>竞赛题库已上传至学习园地。</p>")},
            ),
        ),
    )
    notice = factories.NoticePageFactory(
        parent=company,
        title="关于组织2026年度职工疗休养的通知",
        slug="rest-2026",
        pinned=True,
        effective_date=datetime.date(2026, 10, 1),
        expiry_date=datetime.date(2099, 12, 31),
    )
    form = DocumentFactory(title="疗休养报名表", file__filename="baoming.pdf", file__data=blank_pdf())
    NoticeAttachment.objects.create(page=notice, document=form, title="职工疗休养报名表", sort_order=0)
    new_policy = factories.PolicyPageFactory(
        parent=company,
        title="职工困难帮扶管理办法（2026年修订）",
        slug="hardship-2026",
        document_number="工发〔2026〕12号",
        validity=PolicyValidity.VALID,
    )
    old_policy = factories.PolicyPageFactory(
        parent=company,
        title="职工困难帮扶管理办法（2019年）",
        slug="hardship-2019",
        document_number="工发〔2019〕7号",
        date=datetime.date(2019, 3, 1),
        validity=PolicyValidity.REPEALED,
        superseded_by=new_policy,
    )
    PolicyAttachment.objects.create(page=new_policy, document=DocumentFactory(title="帮扶申请表"), sort_order=0)
    case = factories.CaseStoryPageFactory(
        parent=branch,
        title="综采一队“五小”创新成果获省级表彰",
        slug="innovation",
        achievement_type=AchievementType.INNOVATION,
        award_level=AwardLevel.PROVINCIAL,
        award_name="省职工技术创新成果二等奖",
        people_involved="综采一队创新工作室",
        cover_image=picture("创新工作室", "#1e8449"),
    )
    for number, color in enumerate(["#7d3c98", "#d68910", "#17a589", "#2874a6"], start=1):
        photo = picture(f"创新成果{number}", color, 900, 900)
        CaseStoryGalleryImage.objects.create(page=case, image=photo, caption=f"创新成果展示{number}", sort_order=number)
    course = factories.CoursePageFactory(
        parent=company,
        title="班组长安全管理能力提升培训",
        slug="team-leader-safety",
        trainer_name="赵工程师",
        hours=6,
        cover_image=picture("培训课堂", "#34495e"),
    )
    CourseMaterial.objects.create(page=course, document=DocumentFactory(title="培训讲义"), sort_order=0)
    video = VideoFactory(title="安全生产法律法规讲解", poster=picture("视频封面", "#5d6d7e"))
    first = factories.LessonPageFactory(parent=course, title="安全生产法律法规要点", slug="lesson-1", video=video)
    factories.LessonPageFactory(parent=course, title="班组现场隐患排查", slug="lesson-2", duration_minutes=50)
    factories.FAQFactory(question="职工生病住院可以申请哪些补助？")
    return {
        "company": company,
        "branch": branch,
        "news": news,
        "notice": notice,
        "old_policy": old_policy,
        "new_policy": new_policy,
        "case": case,
        "course": course,
        "lesson": first,
    }


def heading(page):
    return page.get_by_role("heading", level=1)


def test_worker_reads_the_site_on_a_phone(live_server, site_content, phone_page, assert_accessible, screenshot):
    page = phone_page
    page.goto(live_server.url + "/")
    expect(heading(page)).to_have_text("智慧工会")
    expect(page.locator("#notices")).to_contain_text("关于组织2026年度职工疗休养的通知")
    expect(page.locator("#notices")).to_contain_text("置顶")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the home page scrolls sideways on a phone"
    assert_accessible(page)
    screenshot(page, "home")

    # A news story from the featured cards.
    page.locator("#news").get_by_role("link", name="一号煤矿举办“安康杯”安全知识竞赛").tap()
    expect(heading(page)).to_have_text("一号煤矿举办“安康杯”安全知识竞赛")
    expect(page.get_by_text("来源：一号煤矿分工会")).to_be_visible()
    expect(page.get_by_role("navigation", name="当前位置")).to_contain_text("公司工会")
    expect(page.get_by_role("table")).to_contain_text("综采一队")
    expect(page.get_by_text("安全是职工最大的福利。")).to_be_visible()
    cover = page.locator(".article__cover img")
    expect(cover).to_have_attribute("src", re.compile(r"/media/images/.+\.(jpg|jpeg|webp)$"))
    # currentSrc is empty until the browser has picked a source; on a busy machine that comes later.
    page.wait_for_function("document.querySelector('.article__cover img').currentSrc !== ''")
    assert page.evaluate("document.querySelector('.article__cover img').currentSrc").endswith(".webp")
    # Every image loads (a broken one never gets a width, and the wait fails).
    page.wait_for_function("[...document.images].every(img => img.complete && img.naturalWidth > 0)", timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    screenshot(page, "news")

    # A pinned notice with an attachment that downloads.
    page.go_back()
    page.locator("#notices").get_by_role("link", name=re.compile("职工疗休养")).tap()
    expect(heading(page)).to_have_text("关于组织2026年度职工疗休养的通知")
    expect(page.locator(".article__eyebrow")).to_contain_text("置顶")
    expect(page.get_by_text("截止日期")).to_be_visible()
    attachment = page.get_by_role("link", name=re.compile("职工疗休养报名表"))
    expect(attachment).to_contain_text(re.compile(r"PDF · [\d.]+\s*(字节|KB)"))
    response = page.request.get(live_server.url + attachment.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert_accessible(page)
    screenshot(page, "notice")

    # A repealed policy points to the one that replaced it.
    page.go_back()
    page.locator("#policies").get_by_role("link", name="职工困难帮扶管理办法（2019年）").tap()
    expect(heading(page)).to_have_text("职工困难帮扶管理办法（2019年）")
    expect(page.locator(".article__eyebrow")).to_contain_text("已废止")
    expect(page.get_by_role("note")).to_contain_text("本文件已废止")
    assert_accessible(page)
    screenshot(page, "policy-repealed")
    page.get_by_role("note").get_by_role("link", name=re.compile("2026年修订")).tap()
    expect(heading(page)).to_have_text("职工困难帮扶管理办法（2026年修订）")
    expect(page.locator(".article__eyebrow")).to_contain_text("有效")
    expect(page.get_by_text("本文件替代了")).to_be_visible()
    assert_accessible(page)

    # A case story with its photo gallery; a photo opens large in a dialog.
    page.goto(live_server.url + "/")
    page.locator("#cases").get_by_role("link", name=re.compile("五小")).tap()
    expect(heading(page)).to_have_text("综采一队“五小”创新成果获省级表彰")
    expect(page.get_by_text("省职工技术创新成果二等奖").first).to_be_visible()
    gallery = page.locator(".gallery__grid img")
    expect(gallery).to_have_count(4)
    page.locator(".gallery__grid").scroll_into_view_if_needed()
    assert page.evaluate("[...document.querySelectorAll('.gallery__grid img')].every(i => i.naturalWidth > 0)")
    assert_accessible(page)
    screenshot(page, "case-story")
    page.locator(".gallery__grid a").first.tap()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("img")).to_have_attribute("src", re.compile(r"\.webp$"))
    dialog.get_by_role("button", name="关闭").tap()
    expect(dialog).to_have_count(0)

    # A course with its ordered lessons, and a lesson.
    page.goto(live_server.url + "/")
    page.locator("#courses").get_by_role("link", name="班组长安全管理能力提升培训").tap()
    expect(heading(page)).to_have_text("班组长安全管理能力提升培训")
    lessons = page.locator(".lesson-item__title")
    expect(lessons).to_have_text([re.compile("安全生产法律法规要点"), re.compile("班组现场隐患排查")])
    expect(page.get_by_role("link", name=re.compile("培训讲义"))).to_be_visible()
    assert_accessible(page)
    screenshot(page, "course")
    lessons.first.tap()
    expect(heading(page)).to_have_text("安全生产法律法规要点")
    expect(page.get_by_text("第 1 课 / 共 2 课")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("下一课"))).to_contain_text("班组现场隐患排查")
    player = page.locator("video")
    expect(player).to_have_attribute("poster", re.compile(r"/media/images/.+\.webp$"))
    expect(player.locator("source")).to_have_attribute("src", re.compile(r"/media/videos/.+\.mp4$"))
    assert_accessible(page)
    screenshot(page, "lesson")

    # The organisation page, from the breadcrumbs.
    page.get_by_role("navigation", name="当前位置").get_by_role("link", name="公司工会").tap()
    expect(heading(page)).to_have_text("公司工会")
    expect(page.get_by_text("张建国")).to_be_visible()
    expect(page.get_by_role("link", name="0351-1234 5678")).to_have_attribute("href", "tel:0351-12345678")
    expect(page.get_by_role("link", name=re.compile("一号煤矿分工会"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    screenshot(page, "organisation")


def test_desktop_home_and_faq_are_readable(
    live_server, site_content, page, page_problems, assert_accessible, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    expect(page.locator("#organisations")).to_contain_text("一号煤矿分工会")
    assert_accessible(page)
    screenshot(page, "home-desktop")

    page.locator("#news").get_by_role("link", name=re.compile("安全知识竞赛")).click()
    expect(heading(page)).to_have_text("一号煤矿举办“安康杯”安全知识竞赛")
    # currentSrc is empty until the browser has picked a source; on a busy machine that comes later.
    page.wait_for_function("document.querySelector('.article__cover img').currentSrc !== ''")
    assert page.evaluate("document.querySelector('.article__cover img').currentSrc").endswith(".webp")
    assert_accessible(page)
    screenshot(page, "news-desktop")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="常见问题").click()
    expect(heading(page)).to_have_text("常见问题")
    question = page.get_by_text("职工生病住院可以申请哪些补助？")
    question.click()
    expect(page.get_by_text("请咨询所在单位工会。")).to_be_visible()
    assert_accessible(page)

    page_problems.allow(r"status of 404 .*/no-such-page/")
    page.goto(live_server.url + "/no-such-page/")
    expect(heading(page)).to_have_text("页面未找到")
    assert_accessible(page)


def test_editor_previews_a_draft_news_story(live_server, site_content, page, django_user_model):
    django_user_model.objects.create_superuser(username="admin", email="admin@example.com", password="pw-123456")
    draft = factories.NewsPageFactory(parent=site_content["branch"], title="草稿新闻", slug="draft", live=False)
    draft.save_revision()

    page.goto(f"{live_server.url}/admin/login/?next=/admin/pages/{draft.pk}/edit/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("pw-123456")
    page.locator("form button[type=submit]").click()
    title = page.locator("#id_title")
    expect(title).to_have_value("草稿新闻")
    title.fill("预览中的新标题")

    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("预览中的新标题")
    expect(preview.get_by_role("navigation", name="当前位置")).to_contain_text("一号煤矿分工会")
