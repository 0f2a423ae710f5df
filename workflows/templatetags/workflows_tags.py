from django import template

from workflows.models import Request
from workflows.selectors import budget_warning

register = template.Library()


@register.simple_tag
def budget_warning_for(obj) -> str:
    if isinstance(obj, Request):
        return budget_warning(request=Request.objects.get(pk=obj.pk))
    return ""
