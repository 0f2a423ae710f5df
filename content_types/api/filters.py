"""Query filters for the content API: organisation subtree, category, tag, date range and per-type fields."""

from django.db.models import Q, QuerySet
from django.utils import timezone

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from content_types.models import (
    FAQ,
    AchievementType,
    AwardLevel,
    CaseStoryPage,
    Category,
    CategoryKind,
    CourseAudience,
    CoursePage,
    LessonPage,
    NewsPage,
    NoticePage,
    OrganisationLevel,
    OrganisationPage,
    PolicyPage,
    PolicyValidity,
)


@extend_schema_field(OpenApiTypes.INT)
class PageChoiceFilter(django_filters.ModelChoiceFilter):
    """A page chosen by its id."""


def _organisations(request=None):
    return OrganisationPage.objects.live()


def _category_q(value: str, field: str = "category") -> Q:
    """A category given by id or by slug."""
    by_id = value.isdigit() and len(value) < 19
    return Q(**{f"{field}_id": int(value)}) if by_id else Q(**{f"{field}__slug": value})


class PageFilterSet(django_filters.FilterSet):
    organisation = PageChoiceFilter(
        queryset=_organisations,
        method="filter_organisation",
        label="所属组织 id（含其所有下级组织）",
    )

    def filter_organisation(self, queryset: QuerySet, name: str, organisation: OrganisationPage) -> QuerySet:
        return queryset.filter(path__startswith=organisation.path)


class ArticleFilterSet(PageFilterSet):
    tag = django_filters.CharFilter(field_name="tags__slug", label="标签标识（slug）")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="发布日期不早于（YYYY-MM-DD）")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="发布日期不晚于（YYYY-MM-DD）")


class CategorisedFilterSet(ArticleFilterSet):
    category = django_filters.CharFilter(method="filter_category", label="分类 id 或标识（slug）")

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_category_q(value))


class NewsFilterSet(CategorisedFilterSet):
    featured = django_filters.BooleanFilter(label="首页推荐")

    class Meta:
        model = NewsPage
        fields = ["organisation", "category", "tag", "date_from", "date_to", "featured"]


class NoticeFilterSet(ArticleFilterSet):
    pinned = django_filters.BooleanFilter(label="置顶")
    current = django_filters.BooleanFilter(method="filter_current", label="true 只看未过截止日期的通知")

    class Meta:
        model = NoticePage
        fields = ["organisation", "tag", "date_from", "date_to", "pinned", "current"]

    def filter_current(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        unexpired = Q(expiry_date__isnull=True) | Q(expiry_date__gte=timezone.localdate())
        return queryset.filter(unexpired) if value else queryset.exclude(unexpired)


class CaseStoryFilterSet(CategorisedFilterSet):
    achievement_type = django_filters.ChoiceFilter(choices=AchievementType.choices, label="成果类型")
    award_level = django_filters.ChoiceFilter(choices=AwardLevel.choices, label="获奖级别")

    class Meta:
        model = CaseStoryPage
        fields = ["organisation", "category", "tag", "date_from", "date_to", "achievement_type", "award_level"]


class PolicyFilterSet(ArticleFilterSet):
    validity = django_filters.ChoiceFilter(choices=PolicyValidity.choices, label="效力")

    class Meta:
        model = PolicyPage
        fields = ["organisation", "tag", "date_from", "date_to", "validity"]


class CourseFilterSet(CategorisedFilterSet):
    audience = django_filters.ChoiceFilter(choices=CourseAudience.choices, label="面向对象")

    class Meta:
        model = CoursePage
        fields = ["organisation", "category", "tag", "date_from", "date_to", "audience"]


class LessonFilterSet(PageFilterSet):
    course = PageChoiceFilter(
        queryset=lambda request: CoursePage.objects.live(), method="filter_course", label="所属课程 id"
    )

    class Meta:
        model = LessonPage
        fields = ["organisation", "course"]

    def filter_course(self, queryset: QuerySet, name: str, course: CoursePage) -> QuerySet:
        return queryset.child_of(course)


class OrganisationFilterSet(PageFilterSet):
    level = django_filters.ChoiceFilter(choices=OrganisationLevel.choices, label="层级")
    parent = PageChoiceFilter(queryset=_organisations, method="filter_parent", label="上级组织 id（只列直属下级）")

    class Meta:
        model = OrganisationPage
        fields = ["organisation", "level", "parent"]

    def filter_parent(self, queryset: QuerySet, name: str, parent: OrganisationPage) -> QuerySet:
        return queryset.child_of(parent)


class FAQFilterSet(django_filters.FilterSet):
    organisation = PageChoiceFilter(
        queryset=_organisations, method="filter_organisation", label="所属组织 id（含其所有下级组织）"
    )
    category = django_filters.CharFilter(method="filter_category", label="分类 id 或标识（slug）")
    tag = django_filters.CharFilter(field_name="tags__slug", label="标签标识（slug）")

    class Meta:
        model = FAQ
        fields = ["organisation", "category", "tag"]

    def filter_organisation(self, queryset: QuerySet, name: str, organisation: OrganisationPage) -> QuerySet:
        return queryset.filter(organisation__path__startswith=organisation.path)

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(_category_q(value))


class CategoryFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=CategoryKind.choices, label="适用内容")

    class Meta:
        model = Category
        fields = ["kind"]
