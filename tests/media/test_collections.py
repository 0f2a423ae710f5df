"""Each organisation's media lives in its own collection: its editors add and choose images only there."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from cms.services import organisation_provision, user_assign_role
from content_types.factories import OrganisationPageFactory
from content_types.models import OrganisationLevel
from media.factories import DocumentFactory, ImageFactory, image_bytes, pdf_bytes
from media.models import UnionDocument, UnionImage

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(home):
    company = OrganisationPageFactory(
        parent=home, title="集团公司工会", slug="company", level=OrganisationLevel.COMPANY
    )
    organisation_provision(organisation=company)
    company.refresh_from_db()
    return company


@pytest.fixture
def branches(company):
    mine = OrganisationPageFactory(parent=company, title="一号煤矿分工会", slug="mine-one")
    other = OrganisationPageFactory(parent=company, title="二号煤矿分工会", slug="mine-two")
    organisation_provision(organisation=mine)
    organisation_provision(organisation=other)
    team = OrganisationPageFactory(
        parent=mine, title="综采一队工会", slug="mine-one-team", level=OrganisationLevel.GRASSROOTS
    )
    organisation_provision(organisation=team)
    mine.refresh_from_db()
    other.refresh_from_db()
    return mine, other


@pytest.fixture
def editor_client(client, django_user_model, branches):
    mine, _ = branches
    editor = django_user_model.objects.create_user(username="editor-mine", password="x")
    user_assign_role(user=editor, role="editor", organisation=mine)
    client.force_login(editor)
    return client


def add_image(client, collection, title="一号矿新闻图"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": SimpleUploadedFile("photo.png", image_bytes()), "collection": collection.pk},
    )


def test_each_organisation_has_its_own_collection(branches):
    mine, other = branches

    assert mine.collection.name == "一号煤矿分工会"
    assert other.collection.name == "二号煤矿分工会"
    assert mine.collection != other.collection


def grassroots_collection(branch):
    return branch.collection.get_children().get()


def test_editor_is_offered_only_their_own_collections(editor_client, branches):
    mine, _ = branches

    response = editor_client.get(reverse("wagtailimages:add"))

    assert response.status_code == 200
    offered = response.context["form"].fields["collection"].queryset
    assert list(offered) == [mine.collection, grassroots_collection(mine)]


def test_editor_adds_an_image_to_their_own_collection(editor_client, branches):
    mine, _ = branches

    response = add_image(editor_client, grassroots_collection(mine))

    assert response.status_code == 302
    assert UnionImage.objects.get().collection == grassroots_collection(mine)


def test_editor_cannot_add_an_image_to_another_branch(editor_client, branches, stored_files):
    _, other = branches

    response = add_image(editor_client, other.collection)

    assert response.status_code == 200
    assert "collection" in response.context["form"].errors
    assert not UnionImage.objects.exists()
    assert stored_files() == []


def test_editor_of_a_unit_without_sub_units_gets_no_choice(client, django_user_model, branches):
    _, other = branches
    editor = django_user_model.objects.create_user(username="editor-other", password="x")
    user_assign_role(user=editor, role="editor", organisation=other)
    client.force_login(editor)

    form = client.get(reverse("wagtailimages:add")).context["form"]
    add_image(client, branches[0].collection)  # a forged choice of another branch is ignored

    assert "collection" not in form.fields
    assert UnionImage.objects.get().collection == other.collection


def test_editor_lists_only_their_own_images(editor_client, branches):
    mine, other = branches
    ImageFactory(title="一号矿的图", collection=mine.collection)
    ImageFactory(title="二号矿的图", collection=other.collection)

    response = editor_client.get(reverse("wagtailimages:index"))

    assert [image.title for image in response.context["object_list"]] == ["一号矿的图"]


def test_editor_chooses_only_their_own_images(editor_client, branches):
    mine, other = branches
    ImageFactory(title="一号矿的图", collection=mine.collection)
    ImageFactory(title="二号矿的图", collection=other.collection)

    response = editor_client.get(reverse("wagtailimages_chooser:choose"))

    html = response.json()["html"]
    assert "一号矿的图" in html
    assert "二号矿的图" not in html


def test_editor_cannot_edit_another_branchs_image(editor_client, branches):
    _, other = branches
    image = ImageFactory(title="二号矿的图", collection=other.collection)

    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]), {"title": "改掉", "collection": other.collection.pk}
    )

    assert response.status_code in (302, 403)
    image.refresh_from_db()
    assert image.title == "二号矿的图"


def test_editor_adds_and_chooses_documents_only_in_their_own_collection(editor_client, branches):
    mine, other = branches
    DocumentFactory(title="二号矿的文件", collection=other.collection)

    refused = editor_client.post(
        reverse("wagtaildocs:add"),
        {"title": "越权", "file": SimpleUploadedFile("a.pdf", pdf_bytes("x")), "collection": other.collection.pk},
    )
    accepted = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "一号矿的文件",
            "file": SimpleUploadedFile("b.pdf", pdf_bytes("x")),
            "collection": mine.collection.pk,
        },
    )
    chooser = editor_client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]

    assert "collection" in refused.context["form"].errors
    assert accepted.status_code == 302
    assert UnionDocument.objects.get(title="一号矿的文件").collection == mine.collection
    assert "一号矿的文件" in chooser
    assert "二号矿的文件" not in chooser


def test_company_union_editor_reaches_every_branch_collection(client, django_user_model, company, branches):
    mine, other = branches
    ImageFactory(title="一号矿的图", collection=mine.collection)
    ImageFactory(title="二号矿的图", collection=other.collection)
    editor = django_user_model.objects.create_user(username="editor-company", password="x")
    user_assign_role(user=editor, role="editor", organisation=company)
    client.force_login(editor)

    listed = client.get(reverse("wagtailimages:index")).context["object_list"]
    offered = client.get(reverse("wagtailimages:add")).context["form"].fields["collection"].queryset

    assert sorted(image.title for image in listed) == ["一号矿的图", "二号矿的图"]
    assert set(offered) == {company.collection, mine.collection, grassroots_collection(mine), other.collection}
