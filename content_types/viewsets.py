"""Admin screens: a flat, filterable listing per page type and the shared snippets."""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content_types.models import (
    FAQ,
    CaseStoryPage,
    Category,
    CoursePage,
    NewsPage,
    NoticePage,
    OrganisationPage,
    PolicyPage,
    Tag,
)


class _ContentListing(PageListingViewSet):
    add_to_admin_menu = False
    list_display = ["title", DateColumn("date", label="发布日期"), "status_string", "latest_revision_created_at"]


class NewsListing(_ContentListing):
    model = NewsPage
    icon = "news"
    menu_label = "新闻"
    name = "news_pages"
    list_filter = ["category", "featured", "tags", "date"]
    list_display = [*_ContentListing.list_display[:2], "category", *_ContentListing.list_display[2:]]


class NoticeListing(_ContentListing):
    model = NoticePage
    icon = "info-circle"
    menu_label = "通知公告"
    name = "notice_pages"
    list_filter = ["pinned", "effective_date", "expiry_date", "tags"]


class CaseStoryListing(_ContentListing):
    model = CaseStoryPage
    icon = "trophy"
    menu_label = "基层风采"
    name = "case_story_pages"
    list_filter = ["achievement_type", "award_level", "category", "tags"]


class PolicyListing(_ContentListing):
    model = PolicyPage
    icon = "doc-full-inverse"
    menu_label = "政策法规"
    name = "policy_pages"
    list_filter = ["validity", "issuing_body", "effective_date", "tags"]
    list_display = [
        *_ContentListing.list_display[:1],
        Column("document_number", label="文号"),
        "validity",
        *_ContentListing.list_display[1:],
    ]


class CourseListing(_ContentListing):
    model = CoursePage
    icon = "graduation-cap"
    menu_label = "培训课程"
    name = "course_pages"
    list_filter = ["audience", "category", "enrollment_open", "tags"]


class OrganisationListing(PageListingViewSet):
    model = OrganisationPage
    icon = "group"
    menu_label = "工会组织"
    name = "organisation_pages"
    add_to_admin_menu = False
    list_filter = ["level"]
    list_display = ["title", "level", "chair", "phone", "status_string"]


class ContentGroup(ViewSetGroup):
    menu_label = "内容管理"
    menu_icon = "folder-open-inverse"
    menu_order = 110
    items = (OrganisationListing, NewsListing, NoticeListing, CaseStoryListing, PolicyListing, CourseListing)


class FAQViewSet(SnippetViewSet):
    model = FAQ
    icon = "help"
    menu_label = "常见问题"
    list_display = ["question", "category", "organisation", "live", "updated_at"]
    list_filter = ["category", "live", "tags"]
    search_fields = ["question", "answer"]
    ordering = ["sort_order", "-updated_at"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "list-ul"
    menu_label = "分类"
    list_display = ["name", "kind", "slug", "sort_order"]
    list_filter = ["kind"]


class TagViewSet(SnippetViewSet):
    model = Tag
    icon = "tag"
    menu_label = "标签"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "问答与分类"
    menu_icon = "help"
    menu_order = 120
    items = (FAQViewSet, CategoryViewSet, TagViewSet)
