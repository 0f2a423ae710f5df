"""The organisation endpoints: a flat, filterable list and the whole union as a tree."""

from wagtail.models import PageViewRestriction

from content_types.factories import OrganisationPageFactory
from content_types.models import OrganisationLevel


def build_union():
    company = OrganisationPageFactory(title="公司工会", level=OrganisationLevel.COMPANY)
    branch = OrganisationPageFactory(parent=company, title="一号煤矿分工会", level=OrganisationLevel.BRANCH)
    unit = OrganisationPageFactory(parent=branch, title="综采一队工会", level=OrganisationLevel.GRASSROOTS)
    second_branch = OrganisationPageFactory(parent=company, title="二号煤矿分工会", level=OrganisationLevel.BRANCH)
    return company, branch, unit, second_branch


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["results"]]


def test_the_tree_nests_every_organisation_under_its_parent(home, client):
    build_union()

    tree = client.get("/api/v1/organisations/tree/").json()

    assert [node["title"] for node in tree] == ["公司工会"]
    branches = tree[0]["children"]
    assert [node["title"] for node in branches] == ["一号煤矿分工会", "二号煤矿分工会"]
    assert [node["title"] for node in branches[0]["children"]] == ["综采一队工会"]
    assert branches[0]["level_display"] == "分工会"
    assert branches[0]["url"].startswith("http://testserver/")


def test_the_tree_leaves_out_unpublished_and_private_organisations(home, client):
    company, branch, unit, second_branch = build_union()
    OrganisationPageFactory(parent=company, title="筹建中的分工会", live=False)
    PageViewRestriction.objects.create(page=second_branch, restriction_type=PageViewRestriction.LOGIN)

    tree = client.get("/api/v1/organisations/tree/").json()

    assert [node["title"] for node in tree[0]["children"]] == ["一号煤矿分工会"]


def test_the_list_filters_by_level_parent_and_subtree(home, client):
    company, branch, unit, second_branch = build_union()

    assert titles(client.get("/api/v1/organisations/?level=branch")) == ["一号煤矿分工会", "二号煤矿分工会"]
    assert titles(client.get(f"/api/v1/organisations/?parent={company.pk}")) == ["一号煤矿分工会", "二号煤矿分工会"]
    assert titles(client.get(f"/api/v1/organisations/?organisation={branch.pk}")) == ["一号煤矿分工会", "综采一队工会"]


def test_an_organisation_shows_its_contacts_parent_and_description(home, client):
    company, branch, unit, second_branch = build_union()
    branch.chair = "张主席"
    branch.phone = "0351-1234567"
    branch.description = f'<p>下设<a linktype="page" id="{unit.pk}">综采一队</a>等基层工会。</p>'
    branch.save()

    detail = client.get(f"/api/v1/organisations/{branch.pk}/").json()

    assert detail["parent"]["id"] == company.pk
    assert (detail["chair"], detail["phone"]) == ("张主席", "0351-1234567")
    assert f'href="http://testserver{unit.url}"' in detail["description"]
