"""A worker searches the union's knowledge from a phone; an editor reads the search report in the admin."""

import re

import pytest
from playwright.sync_api import expect

from content_types.factories import (
    FAQFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    PolicyPageFactory,
    home_page,
)
from search.models import SearchClick, SearchQuery

pytestmark = [
    pytest.mark.browser,
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def knowledge(settings):
    """Published union knowledge on the embedded engine (index updates drain when each save commits)."""
    settings.ELASTICSEARCH_URL = ""
    home = home_page()
    branch = OrganisationPageFactory(parent=home, title="洗选厂分工会", slug="washery")
    policy = PolicyPageFactory(
        parent=branch,
        title="职工疗休养管理办法",
        summary="一线职工每年可以参加一次疗休养，由所在单位工会统一组织。",
    )
    NewsPageFactory(parent=branch, title="首批职工赴海边疗休养", summary="三十名一线职工参加疗休养。")
    NewsPageFactory(parent=branch, title="洗选厂举办职工书画展", summary="展出职工作品六十余幅。")
    faq = FAQFactory(
        question="疗休养期间工资照发吗？",
        answer="<p>疗休养期间按正常出勤计发工资，不占年休假。</p>",
        organisation=branch,
    )
    return {"policy": policy, "faq": faq}


def hits(page):
    return page.locator(".search-hit__title")


def assert_fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, f"{page.url} scrolls sideways on a phone"


def test_worker_searches_from_the_header_filters_and_opens_results(
    live_server, knowledge, phone_page, assert_accessible, screenshot
):
    page = phone_page
    page.goto(live_server.url + "/")
    header_search = page.get_by_role("search", name="全站检索")
    assert_fits_the_phone(page)
    screenshot(page, "header")
    header_search.get_by_role("searchbox").fill("疗休养")
    header_search.get_by_role("button", name="检索").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("检索")
    expect(page.get_by_role("status")).to_contain_text("找到 3 条与“疗休养”相关的内容")
    expect(hits(page)).to_have_count(3)
    found = sorted(text.strip() for text in hits(page).all_inner_texts())
    assert found == ["疗休养期间工资照发吗？", "职工疗休养管理办法", "首批职工赴海边疗休养"]
    expect(page.locator(".search-hit__title em").first).to_have_text("疗休养")  # highlighted
    faq_snippet = page.locator(".search-hit", has_text="工资照发").locator(".search-hit__snippet")
    assert faq_snippet.inner_text().count("计发工资") == 1, "the FAQ's answer is shown twice"
    expect(page.get_by_role("search", name="全站检索")).to_have_count(0)  # one search form on the search page
    assert_fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "results")

    # Narrow to one type with a facet, then clear the filter.
    facets = page.get_by_role("complementary", name="筛选")
    facets.get_by_role("link", name=re.compile("新闻")).tap()
    expect(hits(page)).to_have_text(["首批职工赴海边疗休养"])
    expect(facets.locator("[aria-current=true]")).to_contain_text("新闻")
    page.get_by_role("link", name="清除筛选条件").tap()
    expect(hits(page)).to_have_count(3)

    # Opening a result goes to the page and is recorded for the editors' report.
    page.get_by_role("link", name="职工疗休养管理办法").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("职工疗休养管理办法")
    assert page.url == live_server.url + knowledge["policy"].url
    assert SearchClick.objects.get().title == "职工疗休养管理办法"

    # A question finds the FAQ; its result opens the answer on the FAQ page.
    page.go_back()
    search = page.get_by_role("search").get_by_role("combobox")
    search.fill("疗休养期间工资照发吗")
    search.press("Enter")
    expect(hits(page).first).to_have_text("疗休养期间工资照发吗？")
    hits(page).first.get_by_role("link").tap()
    expect(page).to_have_url(re.compile(rf"/faq/#faq-{knowledge['faq'].pk}$"))
    answer = page.get_by_text("疗休养期间按正常出勤计发工资")
    expect(answer).to_be_visible()
    expect(page.locator(f"#faq-{knowledge['faq'].pk}")).to_have_attribute("open", "")
    assert_accessible(page)

    # One story holds both words; what holds only one of them follows, below a divider.
    page.goto(live_server.url + "/search/?q=海边疗休养")
    expect(hits(page).first).to_have_text("首批职工赴海边疗休养")
    divider = page.locator(".search-hits__divider")
    expect(divider).to_have_text("下面的结果只与检索词的一部分相关")
    below = page.locator(".search-hits__divider ~ .search-hit .search-hit__title")
    assert sorted(below.all_inner_texts()) == ["疗休养期间工资照发吗？", "职工疗休养管理办法"]
    assert_fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "partial")

    # Nothing found: the page says what to try next.
    page.goto(live_server.url + "/search/?q=火星探测器")
    expect(page.get_by_role("status")).to_contain_text("没有找到与“火星探测器”相关的内容")
    expect(page.get_by_role("heading", name="换个说法试试")).to_be_visible()
    expect(page.get_by_role("link", name="常见问题").last).to_be_visible()
    assert_fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, "empty")


def test_suggestions_appear_as_the_worker_types_and_can_be_chosen_by_keyboard(
    live_server, knowledge, phone_page, assert_accessible, screenshot
):
    page = phone_page
    page.goto(live_server.url + "/search/")
    expect(page.get_by_text("孩子考上大学工会有补助吗")).to_be_visible()  # the empty page invites a question
    search = page.get_by_role("combobox")
    search.press_sequentially("疗休")
    suggestions = page.get_by_role("listbox", name="检索建议")
    expect(suggestions).to_be_visible()
    expect(suggestions.get_by_role("option", name=re.compile("职工疗休养管理办法"))).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)
    screenshot(page, "suggestions")

    search.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", "search-suggestion-0")
    search.press("Escape")
    expect(suggestions).to_be_hidden()
    expect(search).to_have_attribute("aria-expanded", "false")

    search.press_sequentially("养管理")
    option = suggestions.get_by_role("option", name=re.compile("职工疗休养管理办法"))
    expect(option).to_be_visible()
    option_index = option.get_attribute("id")
    for _ in range(int(option_index.rsplit("-", 1)[1]) + 1):
        search.press("ArrowDown")
    search.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("职工疗休养管理办法")


def test_editor_reads_what_workers_search_for_and_do_not_find(
    live_server, knowledge, page, django_user_model, assert_accessible, screenshot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    for query in ("疗休养", "疗休养", "婚假天数"):
        page.goto(live_server.url + "/search/?" + f"q={query}")
    page.goto(live_server.url + "/search/?q=疗休养")
    page.get_by_role("link", name="职工疗休养管理办法").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("职工疗休养管理办法")
    assert SearchQuery.objects.filter(normalised="疗休养").count() == 3

    django_user_model.objects.create_superuser("editor", "editor@example.com", "editor-password")
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("editor-password")
    page.locator("form button[type=submit]").click()
    page.get_by_role("button", name="报告").click()
    page.get_by_role("link", name="检索分析").click()

    top = page.locator("section", has=page.get_by_role("heading", name="热门检索"))
    expect(top.get_by_role("row", name=re.compile("疗休养"))).to_contain_text("3")
    unanswered = page.locator("section", has=page.get_by_role("heading", name="没有结果的检索"))
    expect(unanswered).to_contain_text("婚假天数")
    expect(unanswered).not_to_contain_text("疗休养")
    clicked = page.locator("section", has=page.get_by_role("heading", name="被点开的结果"))
    expect(clicked).to_contain_text("职工疗休养管理办法")
    assert_accessible(page)
    screenshot(page, "report")
