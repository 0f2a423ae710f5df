"""The site's home page: the company union's portal for workers."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from content_types.blocks.body import RICH_TEXT_FEATURES


class HomePage(Page):
    """Site root; shows pinned notices, featured news, case stories and courses from every organisation."""

    intro = RichTextField("欢迎语", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content_types.OrganisationPage"]
    max_count = 1
    template = "content_types/home_page.html"

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        from content_types.selectors import home_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(home_overview())
        return context
