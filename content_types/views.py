"""Public views that are not Wagtail pages."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from content_types.selectors import faqs_by_category


@require_safe
def faq_list(request):
    """All published FAQs on one page, grouped by category."""
    return TemplateResponse(request, "content_types/faq_list.html", {"groups": faqs_by_category()})
