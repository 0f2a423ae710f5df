"""Role groups and organisation provisioning: what the services leave in the database."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

import pytest

from cms.models import OrganisationGroup, User
from cms.roles import ROLES, SCOPED_ROLES
from cms.services import organisation_provision, roles_sync, user_assign_role, user_roles
from content_types.factories import OrganisationPageFactory
from content_types.models import OrganisationLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(home):
    return OrganisationPageFactory(title="公司工会", level=OrganisationLevel.COMPANY, parent=home)


@pytest.fixture
def branch(company):
    return OrganisationPageFactory(title="一号煤矿分工会", parent=company)


def test_every_role_has_a_platform_group_after_migrating():
    names = set(Group.objects.values_list("name", flat=True))

    assert {role.label for role in ROLES.values()} <= names


def test_only_the_worker_role_lacks_admin_access():
    without_access = {
        role.code
        for role in ROLES.values()
        if not Group.objects.get(name=role.label).permissions.filter(codename="access_admin").exists()
    }

    assert without_access == {"worker"}


def test_roles_sync_removes_permissions_the_role_no_longer_declares():
    group = Group.objects.get(name=ROLES["editor"].label)
    group.permissions.add(Permission.objects.get(codename="delete_faq"))

    roles_sync()

    assert not group.permissions.filter(codename="delete_faq").exists()
    assert group.permissions.filter(codename="add_faq").exists()


def test_provisioning_gives_each_scoped_role_a_group_with_subtree_permissions(branch):
    groups = organisation_provision(organisation=branch)

    assert set(groups) == {role.code for role in SCOPED_ROLES}
    assert groups["editor"].name == "一号煤矿分工会·编辑"
    editor_permissions = set(
        GroupPagePermission.objects.filter(group=groups["editor"]).values_list("page_id", "permission__codename")
    )
    assert editor_permissions == {(branch.pk, "add_page"), (branch.pk, "change_page"), (branch.pk, "lock_page")}
    assert GroupPagePermission.objects.filter(group=groups["reviewer"], permission__codename="publish_page").exists()
    assert not GroupPagePermission.objects.filter(group=groups["leader"]).exists()


def test_provisioning_twice_changes_nothing(branch):
    first = organisation_provision(organisation=branch)
    counts = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count(), Group.objects.count())

    second = organisation_provision(organisation=branch)

    assert first == second
    assert counts == (
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Group.objects.count(),
    )


def test_provisioning_removes_permissions_granted_outside_the_role(branch, company):
    editor = organisation_provision(organisation=branch)["editor"]
    stray = GroupPagePermission.objects.create(
        group=editor, page=company, permission=Permission.objects.get(codename="publish_page")
    )

    organisation_provision(organisation=branch)

    assert not GroupPagePermission.objects.filter(pk=stray.pk).exists()


def test_organisation_collections_nest_like_the_organisations(company, branch):
    grassroots = OrganisationPageFactory(title="综采一队基层工会", parent=branch, level=OrganisationLevel.GRASSROOTS)

    organisation_provision(organisation=grassroots)

    grassroots.refresh_from_db()
    branch.refresh_from_db()
    company.refresh_from_db()
    assert grassroots.collection.name == "综采一队基层工会"
    assert grassroots.collection.get_parent() == branch.collection
    assert branch.collection.get_parent() == company.collection
    assert company.collection.get_parent() == Collection.get_first_root_node()


def test_organisations_with_the_same_title_get_distinct_groups(company, branch):
    other_branch = OrganisationPageFactory(title="二号煤矿分工会", parent=company)
    first = OrganisationPageFactory(title="机电科基层工会", parent=branch, level=OrganisationLevel.GRASSROOTS)
    second = OrganisationPageFactory(title="机电科基层工会", parent=other_branch, level=OrganisationLevel.GRASSROOTS)

    first_groups = organisation_provision(organisation=first)
    second_groups = organisation_provision(organisation=second)

    assert first_groups["editor"].name == "机电科基层工会·编辑"
    assert second_groups["editor"].name == f"机电科基层工会（{second.pk}）·编辑"


def test_a_very_long_organisation_title_still_gets_its_groups(company):
    organisation = OrganisationPageFactory(title="工会" * 100, parent=company)

    groups = organisation_provision(organisation=organisation)

    for code, group in groups.items():
        assert len(group.name) <= 150
        assert group.name.endswith(f"·{ROLES[code].label}")


def test_renaming_an_organisation_renames_its_groups_and_collection(branch):
    organisation_provision(organisation=branch)
    branch.title = "一号煤矿工会"
    branch.save()

    groups = organisation_provision(organisation=branch)

    branch.refresh_from_db()
    assert groups["reviewer"].name == "一号煤矿工会·审核人"
    assert branch.collection.name == "一号煤矿工会"
    assert OrganisationGroup.objects.filter(organisation=branch).count() == len(SCOPED_ROLES)


def test_assigning_a_role_puts_the_user_in_the_platform_and_organisation_groups(branch):
    user = User.objects.create_user("zhang", password="x")

    user_assign_role(user=user, role="editor", organisation=branch)

    assert set(user.groups.values_list("name", flat=True)) == {"编辑", "一号煤矿分工会·编辑"}
    assert user.organisation == branch
    assert user_roles(user) == {"editor"}


def test_a_worker_gets_no_organisation_group_and_no_admin_access(branch):
    user = User.objects.create_user("li", password="x")

    user_assign_role(user=user, role="worker", organisation=branch)

    assert list(user.groups.values_list("name", flat=True)) == ["职工"]
    assert not user.has_perm("wagtailadmin.access_admin")
    assert user.organisation == branch


def test_the_admin_role_makes_a_superuser(company):
    user = User.objects.create_user("wang", password="x")

    user_assign_role(user=user, role="admin", organisation=company)

    user.refresh_from_db()
    assert user.is_superuser
    assert user_roles(user) == {"admin"}
