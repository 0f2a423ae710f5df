"""Admin screens for search: the editors' vocabulary, synonyms and pinned results, and the search report."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.models import PromotedResult, SearchTerm, SynonymGroup
from search.selectors import search_report
from search.services import search_status

REPORT_PERIODS = (7, 30, 90)


class SearchTermViewSet(SnippetViewSet):
    model = SearchTerm
    icon = "tag"
    menu_label = "检索词汇"
    list_display = ["word", "note", "updated_at"]
    search_fields = ["word", "note"]
    ordering = ["word"]


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "link"
    menu_label = "同义词组"
    list_display = ["__str__", "note", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["terms", "broader", "note"]


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = "置顶结果"
    list_display = ["query", "page", "faq", "sort_order", "note"]
    search_fields = ["query", "note"]
    ordering = ["query", "sort_order"]


class SearchSettingsGroup(SnippetViewSetGroup):
    menu_label = "检索设置"
    menu_icon = "search"
    menu_order = 130
    items = (SearchTermViewSet, SynonymGroupViewSet, PromotedResultViewSet)


@permission_required("search.view_searchquery", raise_exception=True)
def report_view(request):
    """Top queries, queries without results, opened results; and whether the index is in step."""
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    days = days if days in REPORT_PERIODS else 30
    context = {
        "report": search_report(days=days),
        "periods": REPORT_PERIODS,
        "status": search_status(),
        "page_title": "检索分析",
        "header_icon": "search",
    }
    return render(request, "search/admin/report.html", context)
