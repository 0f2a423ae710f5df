"""Writes for roles and organisations: groups, page and collection permissions, user membership."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Collection, GroupApprovalTask, GroupCollectionPermission, GroupPagePermission

from cms.models import OrganisationGroup, User
from cms.roles import ROLES, SCOPED_ROLES, Role
from content_types.models import OrganisationPage

ADMIN_ACCESS = "wagtailadmin.access_admin"


def _permissions(dotted: tuple[str, ...]) -> list[Permission]:
    wanted = [name.split(".", 1) for name in dotted]
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in=[codename for _, codename in wanted]).select_related(
            "content_type"
        )
    }
    missing = [f"{app}.{codename}" for app, codename in wanted if (app, codename) not in found]
    if missing:
        raise LookupError(f"Unknown permissions: {', '.join(missing)}")
    return [found[(app, codename)] for app, codename in wanted]


def role_group(role: Role) -> Group:
    return Group.objects.get_or_create(name=role.label)[0]


@transaction.atomic
def roles_sync() -> None:
    """Make the platform-wide group of each role hold exactly its model permissions (idempotent)."""
    for role in ROLES.values():
        group = role_group(role)
        dotted = role.model_permissions + ((ADMIN_ACCESS,) if role.admin_access else ())
        group.permissions.set(_permissions(dotted))


def _organisation_collection(organisation: OrganisationPage) -> Collection:
    if organisation.collection_id:
        collection = organisation.collection
        if collection.name != organisation.title:
            collection.name = organisation.title
            collection.save(update_fields=["name"])
        return collection
    parent_org = organisation.get_parent().specific
    parent = (
        _organisation_collection(parent_org)
        if isinstance(parent_org, OrganisationPage)
        else Collection.get_first_root_node()
    )
    collection = parent.add_child(name=organisation.title)
    type(organisation).objects.filter(pk=organisation.pk).update(collection=collection)
    organisation.collection = collection
    return collection


def _group_name(organisation: OrganisationPage, role: Role, group: Group | None) -> str:
    """'<organisation>·<role>', made unique with the page id when two organisations share a title, and
    shortened to fit Group.name (PostgreSQL refuses what SQLite would silently store)."""
    limit = Group._meta.get_field("name").max_length

    def fit(suffix: str) -> str:
        return organisation.title[: limit - len(suffix)] + suffix

    name = fit(f"·{role.label}")
    taken = Group.objects.filter(name=name).exclude(pk=group.pk if group else None).exists()
    return fit(f"（{organisation.pk}）·{role.label}") if taken else name


def _is_top_organisation(organisation: OrganisationPage) -> bool:
    return not OrganisationPage.objects.ancestor_of(organisation).exists()


def _join_approval_tasks(*, organisation: OrganisationPage, group: Group) -> None:
    """Make the group an approver of the plain group-approval tasks (Wagtail's default 内容审核员审批) of the
    workflow governing the organisation; custom task types decide their approvers themselves."""
    workflow = organisation.get_workflow()
    if workflow is None:
        return
    plain = ContentType.objects.get_for_model(GroupApprovalTask)
    for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, active=True, content_type=plain):
        task.groups.add(group)


@transaction.atomic
def organisation_provision(*, organisation: OrganisationPage) -> dict[str, Group]:
    """Give an organisation its media collection and one group per scoped role, with exactly the role's
    page permissions on the organisation's subtree and collection permissions on its collection.

    Reviewers of a top-level organisation (the company union) also approve in the workflow that covers
    their subtree, which is Wagtail's default approval workflow until per-organisation workflows exist.
    Idempotent; re-running after a rename renames the groups and the collection.
    """
    collection = _organisation_collection(organisation)
    groups = {}
    for role in SCOPED_ROLES:
        link = (
            OrganisationGroup.objects.filter(organisation=organisation, role=role.code).select_related("group").first()
        )
        if link is None:
            group = Group.objects.create(name=_group_name(organisation, role, None))
            OrganisationGroup.objects.create(organisation=organisation, role=role.code, group=group)
        else:
            group = link.group
            name = _group_name(organisation, role, group)
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])

        page_permissions = _permissions(tuple(f"wagtailcore.{codename}" for codename in role.page_permissions))
        GroupPagePermission.objects.filter(group=group).exclude(
            page=organisation, permission__in=page_permissions
        ).delete()
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=organisation, permission=permission)

        collection_permissions = _permissions(role.collection_permissions)
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=collection, permission__in=collection_permissions
        ).delete()
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)

        if role.code == "reviewer" and _is_top_organisation(organisation):
            _join_approval_tasks(organisation=organisation, group=group)
        groups[role.code] = group
    return groups


@transaction.atomic
def user_assign_role(*, user: User, role: str, organisation: OrganisationPage) -> User:
    """Make `user` hold `role` in `organisation`: platform role group, organisation role group, home organisation.

    The admin role makes the user a superuser: it may do everything, everywhere.
    """
    definition = ROLES[role]
    user.groups.add(role_group(definition))
    if definition.scoped:
        groups = organisation_provision(organisation=organisation)
        user.groups.add(groups[role])
    update_fields = []
    if definition.superuser and not user.is_superuser:
        user.is_superuser = True
        user.is_staff = True
        update_fields += ["is_superuser", "is_staff"]
    if user.organisation_id != organisation.pk:
        user.organisation = organisation
        update_fields.append("organisation")
    if update_fields:
        user.save(update_fields=update_fields)
    return user


def user_roles(user: User) -> set[str]:
    labels = {role.label: code for code, role in ROLES.items()}
    return {labels[name] for name in user.groups.values_list("name", flat=True) if name in labels}
