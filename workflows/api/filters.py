"""Filters shared by the request list and its XLSX export."""

import django_filters

from content_types.models import OrganisationPage
from workflows.models import Request, RequestStatus


class RequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    type = django_filters.CharFilter(field_name="request_type__slug")
    organisation = django_filters.NumberFilter(method="filter_organisation", label="组织（含下属）")
    submitted_after = django_filters.DateFilter(field_name="submitted_at", lookup_expr="date__gte")
    submitted_before = django_filters.DateFilter(field_name="submitted_at", lookup_expr="date__lte")

    class Meta:
        model = Request
        fields = ["status", "type", "organisation", "submitted_after", "submitted_before"]

    def filter_organisation(self, queryset, name, value):
        organisation = OrganisationPage.objects.filter(pk=value).first()
        if organisation is None:
            return queryset.none()
        return queryset.filter(organisation__path__startswith=organisation.path)
