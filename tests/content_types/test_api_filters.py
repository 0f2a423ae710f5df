"""Content API filters, ordering and pagination as an app uses them."""

import datetime

from content_types.factories import (
    CaseStoryPageFactory,
    CategoryFactory,
    CoursePageFactory,
    FAQFactory,
    NewsPageFactory,
    NoticePageFactory,
    OrganisationPageFactory,
    PolicyPageFactory,
    TagFactory,
)
from content_types.models import CategoryKind, OrganisationLevel, PolicyValidity


def ids(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_an_organisation_filter_includes_its_grassroots_units(home, client):
    branch = OrganisationPageFactory(title="一号煤矿分工会")
    unit = OrganisationPageFactory(parent=branch, level=OrganisationLevel.GRASSROOTS)
    other_branch = OrganisationPageFactory()
    at_branch = NewsPageFactory(parent=branch)
    at_unit = NewsPageFactory(parent=unit)
    NewsPageFactory(parent=other_branch)

    assert sorted(ids(client, f"/api/v1/news/?organisation={branch.pk}")) == sorted([at_branch.pk, at_unit.pk])
    assert ids(client, f"/api/v1/news/?organisation={unit.pk}") == [at_unit.pk]


def test_an_unknown_organisation_is_refused_in_the_one_error_format(home, client):
    response = client.get("/api/v1/news/?organisation=999999")

    assert response.status_code == 400
    assert list(response.json()) == ["errors"]
    assert "organisation" in response.json()["errors"]


def test_category_by_slug_or_by_id(home, client):
    headlines = CategoryFactory(kind=CategoryKind.NEWS, name="要闻", slug="headlines")
    grassroots = CategoryFactory(kind=CategoryKind.NEWS, name="基层动态", slug="grassroots")
    headline = NewsPageFactory(category=headlines)
    NewsPageFactory(category=grassroots)

    assert ids(client, "/api/v1/news/?category=headlines") == [headline.pk]
    assert ids(client, f"/api/v1/news/?category={headlines.pk}") == [headline.pk]
    assert ids(client, "/api/v1/news/?category=missing") == []


def test_categories_filter_case_stories_and_courses_too(home, client):
    case_category = CategoryFactory(kind=CategoryKind.CASE, slug="models")
    course_category = CategoryFactory(kind=CategoryKind.COURSE, slug="safety-training")
    story = CaseStoryPageFactory(category=case_category)
    CaseStoryPageFactory()
    course = CoursePageFactory(category=course_category)
    CoursePageFactory()

    assert ids(client, "/api/v1/case-stories/?category=models") == [story.pk]
    assert ids(client, "/api/v1/courses/?category=safety-training") == [course.pk]


def test_tag_filter(home, client):
    safety = TagFactory(name="安全生产", slug="safety")
    tagged = PolicyPageFactory()
    tagged.tags.add(safety)
    tagged.save()
    PolicyPageFactory()

    assert ids(client, "/api/v1/policies/?tag=safety") == [tagged.pk]


def test_date_range(home, client):
    september = NoticePageFactory(date=datetime.date(2026, 9, 15))
    october = NoticePageFactory(date=datetime.date(2026, 10, 15))
    NoticePageFactory(date=datetime.date(2026, 11, 15))

    assert ids(client, "/api/v1/notices/?date_from=2026-10-01&date_to=2026-10-31") == [october.pk]
    assert ids(client, "/api/v1/notices/?date_to=2026-09-30") == [september.pk]


def test_a_malformed_date_is_refused(home, client):
    response = client.get("/api/v1/news/?date_from=yesterday")

    assert response.status_code == 400
    assert "date_from" in response.json()["errors"]


def test_policies_by_validity(home, client):
    valid = PolicyPageFactory(validity=PolicyValidity.VALID)
    repealed = PolicyPageFactory(validity=PolicyValidity.REPEALED)

    assert ids(client, "/api/v1/policies/?validity=valid") == [valid.pk]
    assert ids(client, "/api/v1/policies/?validity=repealed") == [repealed.pk]


def test_current_notices_leave_out_expired_ones(home, client):
    expired = NoticePageFactory(expiry_date=datetime.date(2020, 1, 1))
    open_ended = NoticePageFactory(expiry_date=None)

    assert ids(client, "/api/v1/notices/?current=true") == [open_ended.pk]
    assert ids(client, "/api/v1/notices/?current=false") == [expired.pk]


def test_notices_show_pinned_ones_first_by_default(home, client):
    older_pinned = NoticePageFactory(date=datetime.date(2026, 1, 1), pinned=True)
    newer = NoticePageFactory(date=datetime.date(2026, 10, 1))

    assert ids(client, "/api/v1/notices/") == [older_pinned.pk, newer.pk]


def test_lists_are_newest_first_and_can_be_ordered(home, client):
    old = NewsPageFactory(title="B 职代会", date=datetime.date(2026, 1, 1))
    new = NewsPageFactory(title="A 劳动竞赛", date=datetime.date(2026, 10, 1))
    same_day = NewsPageFactory(title="C 送温暖", date=datetime.date(2026, 10, 1))

    assert ids(client, "/api/v1/news/")[-1] == old.pk
    assert ids(client, "/api/v1/news/?ordering=date")[0] == old.pk
    assert ids(client, "/api/v1/news/?ordering=-date,title") == [new.pk, same_day.pk, old.pk]


def test_pagination_splits_long_lists(home, client):
    for _ in range(3):
        NewsPageFactory()

    first = client.get("/api/v1/news/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["next"].startswith("http://testserver/api/v1/news/")
    assert len(second["results"]) == 1
    assert second["next"] is None


def test_a_page_past_the_end_is_a_404_in_the_one_error_format(home, client):
    response = client.get("/api/v1/news/?page=5")

    assert response.status_code == 404
    assert list(response.json()) == ["errors"]


def test_faqs_filter_by_organisation_subtree_category_and_tag(home, client):
    branch = OrganisationPageFactory()
    unit = OrganisationPageFactory(parent=branch, level=OrganisationLevel.GRASSROOTS)
    members = CategoryFactory(kind=CategoryKind.FAQ, slug="members")
    dues = TagFactory(slug="dues")
    of_unit = FAQFactory(organisation=unit, category=members)
    of_unit.tags.add(dues)
    FAQFactory(organisation=OrganisationPageFactory())

    assert ids(client, f"/api/v1/faqs/?organisation={branch.pk}") == [of_unit.pk]
    assert ids(client, "/api/v1/faqs/?category=members") == [of_unit.pk]
    assert ids(client, "/api/v1/faqs/?tag=dues") == [of_unit.pk]
