from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from search.viewsets import SearchSettingsGroup, report_view

register_snippet(SearchSettingsGroup)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/search/", report_view, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchquery")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SearchReportMenuItem("检索分析", reverse("search_report"), icon_name="search", order=900)
