"""Admin hooks that keep roles in step with the organisation tree and limit roles to their page types."""

from django.apps import apps
from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks

from cms.models import OrganisationGroup
from cms.roles import ROLES
from cms.services import organisation_provision
from content_types.models import OrganisationPage


def _provision_organisations(page) -> None:
    for organisation in OrganisationPage.objects.descendant_of(page, inclusive=True):
        organisation_provision(organisation=organisation)


@hooks.register("after_create_page")
def provision_created_organisation(request, page):
    if isinstance(page.specific, OrganisationPage):
        organisation_provision(organisation=page.specific)


@hooks.register("after_copy_page")
def provision_copied_organisations(request, page, new_page):
    _provision_organisations(new_page)


@hooks.register("after_publish_page")
def rename_published_organisation(request, page):
    # A title only changes on publish; the role groups and the media collection follow it.
    if isinstance(page.specific, OrganisationPage):
        organisation_provision(organisation=page.specific)


def _allowed_page_types(user, page) -> set[type] | None:
    """Page types `user` may create or edit under `page` through their organisation roles; None = any type.

    Permissions that do not come from an organisation role (superusers, hand-made groups) are not limited.
    """
    if user.is_superuser:
        return None
    organisations = OrganisationPage.objects.ancestor_of(page, inclusive=True)
    held = set(
        OrganisationGroup.objects.filter(organisation__in=organisations, group__user=user).values_list(
            "role", flat=True
        )
    )
    roles = [ROLES[code] for code in held if code in ROLES and ROLES[code].page_permissions]
    if not roles or any(role.page_types is None for role in roles):
        return None
    return {apps.get_model(label) for role in roles for label in role.page_types}


def _refuse(request, page, model):
    messages.error(request, f"您的角色不能在此处创建或修改“{model._meta.verbose_name}”。")
    return redirect("wagtailadmin_explore", page.pk)


@hooks.register("before_create_page")
def limit_created_page_types(request, parent_page, page_class):
    allowed = _allowed_page_types(request.user, parent_page)
    if allowed is not None and page_class not in allowed:
        return _refuse(request, parent_page, page_class)
    return None


@hooks.register("before_edit_page")
def limit_edited_page_types(request, page):
    allowed = _allowed_page_types(request.user, page)
    if allowed is not None and page.specific_class not in allowed:
        return _refuse(request, page.get_parent(), page.specific_class)
    return None


@hooks.register("before_delete_page")
def limit_deleted_page_types(request, page):
    return limit_edited_page_types(request, page)
