"""The platform's roles (DESIGN.md) and what Wagtail permissions each one carries per organisation."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    admin_access: bool
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    model_permissions: tuple[str, ...] = ()


_MEDIA = (
    "media.add_unionimage",
    "media.change_unionimage",
    "media.choose_image",
    "media.add_uniondocument",
    "media.change_uniondocument",
    "media.choose_document",
)
_SNIPPETS = (
    "content_types.add_faq",
    "content_types.change_faq",
    "content_types.publish_faq",
    "content_types.add_tag",
    "content_types.change_tag",
    "media.add_video",
    "media.change_video",
)

WORKER = Role("worker", "职工", admin_access=False)
EDITOR = Role(
    "editor",
    "编辑",
    admin_access=True,
    page_permissions=("add_page", "change_page", "lock_page"),
    collection_permissions=_MEDIA,
    model_permissions=_SNIPPETS,
)
REVIEWER = Role(
    "reviewer",
    "审核人",
    admin_access=True,
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    collection_permissions=_MEDIA,
    model_permissions=(*_SNIPPETS, "content_types.delete_faq"),
)
TRAINER = Role(
    "trainer",
    "培训讲师",
    admin_access=True,
    page_permissions=("add_page", "change_page"),
    collection_permissions=_MEDIA,
    model_permissions=("media.add_video", "media.change_video"),
)
FINANCE = Role("finance", "财务", admin_access=True)
LEADER = Role("leader", "领导", admin_access=True)
ADMIN = Role(
    "admin",
    "系统管理员",
    admin_access=True,
    page_permissions=("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
    collection_permissions=(*_MEDIA, "media.delete_unionimage", "media.delete_uniondocument"),
)

ROLES: dict[str, Role] = {role.code: role for role in (WORKER, EDITOR, REVIEWER, TRAINER, FINANCE, LEADER, ADMIN)}
