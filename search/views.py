"""The public search page (/search/) and the click-through that feeds the editors' report."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from content_types.search import SEARCH_TYPES
from search.backends import EngineUnavailable
from search.selectors import knowledge_search, popular_queries
from search.services import search_click_record

PAGE_SIZE = 10
FILTERS = ("type", "organization", "tag", "year")


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _link(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


@require_safe
def search_page(request):
    query = request.GET.get("q", "").strip()[:100]
    params = {"q": query, **{name: request.GET.get(name, "").strip()[:100] for name in FILTERS}}
    if params["type"] not in SEARCH_TYPES:
        params["type"] = ""
    page_number = max(1, _int(request.GET.get("page"), 1))
    context = {"query": query, "params": params, "results": None, "unavailable": False}
    if query:
        try:
            results = knowledge_search(
                query=query,
                user=request.user,
                type=params["type"] or None,
                organisation=params["organization"] or None,
                tag=params["tag"] or None,
                year=_int(params["year"]),
                page=page_number,
                page_size=PAGE_SIZE,
                channel="site",
            )
        except EngineUnavailable:
            context["unavailable"] = True
        else:
            for name, values in results.facets.items():
                for value in values:
                    value.link = _link(params, page=None, **{name: "" if value.selected else value.value})
            search_id = results.search_id or _int(request.GET.get("sid"))
            context.update(
                results=results,
                search_id=search_id,
                previous_link=_link(params, page=page_number - 1, sid=search_id) if page_number > 1 else "",
                next_link=_link(params, page=page_number + 1, sid=search_id)
                if page_number < results.page_count
                else "",
                clear_link=_link({"q": query}),
                filtered=any(params[name] for name in FILTERS),
                offset=(page_number - 1) * PAGE_SIZE,
            )
    if not query or context["unavailable"] or not context["results"].count:
        context["popular"] = popular_queries()
    return TemplateResponse(request, "search/search_page.html", context)


@require_safe
def search_click(request, search_id: int):
    """Record which result of a search was opened, then go there."""
    entry = search_click_record(
        search_id=search_id, key=request.GET.get("key", "")[:40], position=max(0, _int(request.GET.get("pos"), 0))
    )
    if entry is None or not url_has_allowed_host_and_scheme(
        entry.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("search_page")
    return HttpResponseRedirect(entry.url)
