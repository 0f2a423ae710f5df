"""Who approves a step: walk the organisation tree from the item under review to a staffed role group."""

from django.contrib.auth.models import Group

from wagtail.models import Page

from cms.models import OrganisationGroup
from content_types.models import OrganisationPage

Assignment = tuple[OrganisationPage | None, list[Group], str]


def organisation_of(obj) -> OrganisationPage | None:
    """The organisation an item belongs to: a request's applicant organisation, a page's nearest organisation."""
    if isinstance(obj, Page):
        return OrganisationPage.objects.ancestor_of(obj, inclusive=True).order_by("-depth").first()
    return getattr(obj, "organisation", None)


def parent_organisation(organisation: OrganisationPage) -> OrganisationPage | None:
    return OrganisationPage.objects.ancestor_of(organisation).order_by("-depth").first()


def organisation_at_level(organisation: OrganisationPage, level: str) -> OrganisationPage | None:
    return (
        OrganisationPage.objects.ancestor_of(organisation, inclusive=True)
        .filter(level=level)
        .order_by("-depth")
        .first()
    )


def role_group(organisation: OrganisationPage, role: str) -> Group | None:
    link = OrganisationGroup.objects.filter(organisation=organisation, role=role).select_related("group").first()
    return link.group if link else None


def _staffed(group: Group | None, requester) -> bool:
    if group is None:
        return False
    members = group.user_set.filter(is_active=True)
    if requester is not None:
        members = members.exclude(pk=requester.pk)
    return members.exists()


def organisation_role_assignment(*, obj, role: str, levels_up: int, target_level: str, requester) -> Assignment:
    """Resolve the organisation and its role group; climb further up while nobody (but the requester) holds the role."""
    organisation = organisation_of(obj)
    if organisation is None:
        return None, [], "找不到所属组织，跳过此步骤"
    for _ in range(levels_up):
        organisation = parent_organisation(organisation)
        if organisation is None:
            return None, [], "没有更高一级的组织，跳过此步骤"
    if target_level:
        organisation = organisation_at_level(organisation, target_level)
        if organisation is None:
            return None, [], "上级中没有这一层级的组织，跳过此步骤"
    resolved, group = organisation, role_group(organisation, role)
    candidate = organisation
    while candidate is not None and not _staffed(group, requester):
        candidate = parent_organisation(candidate)
        if candidate is not None and _staffed(role_group(candidate, role), requester):
            resolved, group = candidate, role_group(candidate, role)
            break
    return resolved, ([group] if group else []), ""


def escalation_target(*, organisation: OrganisationPage | None, role: str, requester) -> Assignment | None:
    """The next staffed level above `organisation` for an overdue step, or None at the top."""
    candidate = organisation
    while candidate is not None:
        candidate = parent_organisation(candidate)
        if candidate is not None and _staffed(group := role_group(candidate, role), requester):
            return candidate, [group], ""
    return None
