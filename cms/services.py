"""Writes for roles and organisations: groups, page and collection permissions, user membership."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from cms.models import OrganisationGroup, User
from cms.roles import ROLES, Role

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
    """Create the platform-wide group of each role with its model permissions (idempotent)."""
    for role in ROLES.values():
        group = role_group(role)
        dotted = role.model_permissions + ((ADMIN_ACCESS,) if role.admin_access else ())
        group.permissions.add(*_permissions(dotted))


def _organisation_collection(organisation) -> Collection:
    if organisation.collection_id:
        collection = organisation.collection
        if collection.name != organisation.title:
            collection.name = organisation.title
            collection.save(update_fields=["name"])
        return collection
    parent_org = organisation.get_parent().specific
    parent = (
        _organisation_collection(parent_org)
        if hasattr(parent_org, "collection_id")
        else Collection.get_first_root_node()
    )
    collection = parent.add_child(name=organisation.title)
    type(organisation).objects.filter(pk=organisation.pk).update(collection=collection)
    organisation.collection = collection
    return collection


@transaction.atomic
def organisation_provision(*, organisation) -> dict[str, Group]:
    """Give an organisation its media collection and one group per role, scoped to its subtree (idempotent)."""
    collection = _organisation_collection(organisation)
    groups = {}
    for role in ROLES.values():
        if role.code == "worker":
            continue
        link = (
            OrganisationGroup.objects.filter(organisation=organisation, role=role.code).select_related("group").first()
        )
        name = f"{organisation.title}·{role.label}"
        if link is None:
            group = Group.objects.create(name=name)
            OrganisationGroup.objects.create(organisation=organisation, role=role.code, group=group)
        else:
            group = link.group
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])
        for permission in _permissions(tuple(f"wagtailcore.{c}" for c in role.page_permissions)):
            GroupPagePermission.objects.get_or_create(group=group, page=organisation, permission=permission)
        for permission in _permissions(role.collection_permissions):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
        groups[role.code] = group
    return groups


@transaction.atomic
def user_assign_role(*, user: User, role: str, organisation) -> User:
    """Make `user` hold `role` in `organisation`: platform role group, organisation role group, home organisation."""
    definition = ROLES[role]
    user.groups.add(role_group(definition))
    if role != "worker":
        groups = organisation_provision(organisation=organisation)
        user.groups.add(groups[role])
    if user.organisation_id != organisation.pk:
        user.organisation = organisation
        user.save(update_fields=["organisation"])
    return user


def user_roles(user: User) -> set[str]:
    labels = {role.label: code for code, role in ROLES.items()}
    return {labels[name] for name in user.groups.values_list("name", flat=True) if name in labels}
