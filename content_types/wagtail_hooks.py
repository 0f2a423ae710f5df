from wagtail import hooks
from wagtail.snippets.models import register_snippet

from content_types.viewsets import ContentGroup, VocabularyGroup

register_snippet(VocabularyGroup)


@hooks.register("register_admin_viewset")
def register_content_listings():
    return ContentGroup()


# New, copied and renamed organisations get their role groups from cms/wagtail_hooks.py.
