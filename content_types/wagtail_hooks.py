from wagtail import hooks
from wagtail.snippets.models import register_snippet

from content_types.viewsets import ContentGroup, VocabularyGroup

register_snippet(VocabularyGroup)


@hooks.register("register_admin_viewset")
def register_content_listings():
    return ContentGroup()


@hooks.register("after_create_page")
def provision_new_organisation(request, page):
    from cms.services import organisation_provision
    from content_types.models import OrganisationPage

    if isinstance(page.specific, OrganisationPage):
        organisation_provision(organisation=page.specific)
