"""The platform's roles (DESIGN.md) and what Wagtail permissions each one carries per organisation.

Every role has one platform-wide Django group (named after its Chinese label) holding its model
permissions. Roles that act inside an organisation (``scoped``) also get one group per organisation,
holding page permissions on the organisation's subtree and collection permissions on its media
collection; ``cms.services.organisation_provision`` creates those. This module is the only place
where role permissions are declared: the services make the groups match it exactly.
"""

from dataclasses import dataclass

PAGE_ADD = "add_page"
PAGE_CHANGE = "change_page"
PAGE_PUBLISH = "publish_page"
PAGE_BULK_DELETE = "bulk_delete_page"
PAGE_LOCK = "lock_page"
PAGE_UNLOCK = "unlock_page"


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    admin_access: bool
    #: Gets a group per organisation (page and collection permissions on that organisation's subtree).
    scoped: bool = True
    #: Holds every permission everywhere (Django superuser).
    superuser: bool = False
    page_permissions: tuple[str, ...] = ()
    #: Page types this role may create and edit in its subtree; None means every type.
    page_types: tuple[str, ...] | None = None
    collection_permissions: tuple[str, ...] = ()
    model_permissions: tuple[str, ...] = ()


# Wagtail checks image and document permissions against its own Image and Document models, custom
# models included (policy auth_model), so these are wagtailimages/wagtaildocs codenames, not media.* ones.
_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
_SNIPPETS = (
    "content_types.add_faq",
    "content_types.change_faq",
    "content_types.add_tag",
    "content_types.change_tag",
    "media.add_video",
    "media.change_video",
)

WORKER = Role("worker", "职工", admin_access=False, scoped=False)
EDITOR = Role(
    "editor",
    "编辑",
    admin_access=True,
    page_permissions=(PAGE_ADD, PAGE_CHANGE, PAGE_LOCK),
    collection_permissions=_MEDIA,
    model_permissions=_SNIPPETS,
)
REVIEWER = Role(
    "reviewer",
    "审核人",
    admin_access=True,
    page_permissions=(PAGE_ADD, PAGE_CHANGE, PAGE_PUBLISH, PAGE_LOCK, PAGE_UNLOCK),
    collection_permissions=_MEDIA,
    model_permissions=(*_SNIPPETS, "content_types.publish_faq", "content_types.delete_faq"),
)
TRAINER = Role(
    "trainer",
    "培训讲师",
    admin_access=True,
    page_permissions=(PAGE_ADD, PAGE_CHANGE),
    page_types=("content_types.CoursePage", "content_types.LessonPage"),
    collection_permissions=_MEDIA,
    model_permissions=("media.add_video", "media.change_video"),
)
FINANCE = Role("finance", "财务", admin_access=True)
LEADER = Role("leader", "领导", admin_access=True)
# Superuser everywhere; the per-organisation group still records whose system administrator they are.
ADMIN = Role(
    "admin",
    "系统管理员",
    admin_access=True,
    superuser=True,
    page_permissions=(PAGE_ADD, PAGE_CHANGE, PAGE_PUBLISH, PAGE_BULK_DELETE, PAGE_LOCK, PAGE_UNLOCK),
    collection_permissions=(*_MEDIA, "wagtailimages.delete_image", "wagtaildocs.delete_document"),
)

ROLES: dict[str, Role] = {role.code: role for role in (WORKER, EDITOR, REVIEWER, TRAINER, FINANCE, LEADER, ADMIN)}
SCOPED_ROLES: tuple[Role, ...] = tuple(role for role in ROLES.values() if role.scoped)
