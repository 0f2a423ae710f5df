"""Admin screens for OA: requests (read-only, scoped to what the user may see), request types, budgets, ledger."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from content_types.models import OrganisationPage
from workflows.models import Budget, FieldType, LedgerEntry, LedgerKind, Request, RequestType
from workflows.panels import RequestDataPanel, request_context
from workflows.selectors import REQUEST_ACTIONS, organisations_with_role, requests_visible_to
from workflows.services.export import requests_export_csv, requests_export_xlsx
from workflows.services.requests import has_decisions


class RequestIndexView(IndexView):
    def get_base_queryset(self):
        return (
            requests_visible_to(user=self.request.user)
            .select_related("request_type", "applicant", "organisation")
            .prefetch_related("request_type__fields")
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        viewer = self.request.user
        if spreadsheet_format == self.FORMAT_CSV:
            response = HttpResponse(requests_export_csv(requests=queryset, viewer=viewer), content_type="text/csv")
            response["Content-Disposition"] = 'attachment; filename="requests.csv"'
            return response
        return FileResponse(
            iter([requests_export_xlsx(requests=queryset, viewer=viewer)]),
            as_attachment=True,
            filename="申请列表.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class RequestInspectView(InspectView):
    template_name = "workflows/admin/request_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(requests_visible_to(user=self.request.user), pk=self.pk)

    def get_fields(self):
        return ["request_type", "applicant", "organisation", "status", "amount", "submitted_at", "decided_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(request_context(request=self.object, user=self.request.user))
        task = self.object.current_workflow_task
        context["can_decide"] = bool(task and task.get_actions(self.object, self.request.user))
        context["decide_url"] = reverse("wagtailsnippets_workflows_request:edit", args=[self.object.pk])
        context["can_withdraw"] = self.object.applicant_id == self.request.user.pk and (
            self.object.status == "returned" or (self.object.status == "in_review" and not has_decisions(self.object))
        )
        context["withdraw_url"] = reverse("workflows_request_withdraw", args=[self.object.pk])
        return context


class RequestEditView(EditView):
    # Django would name the object after the model ("request") and shadow the HTTP request in templates.
    context_object_name = "union_request"

    def get_success_message(self, instance=None):
        # Approvers only decide here; Wagtail's generic "updated" would not say what they decided.
        if self.action == "workflow-action":
            verb = {name: label for name, label, _modal in REQUEST_ACTIONS}.get(self.workflow_action)
            if verb:
                return f"已{verb}“{instance or self.object}”。"
        return super().get_success_message(instance)


class RequestDeleteView(DeleteView):
    context_object_name = "union_request"


class RequestViewSet(SnippetViewSet):
    model = Request
    icon = "tasks"
    menu_label = "申请"
    menu_order = 100
    index_view_class = RequestIndexView
    inspect_view_class = RequestInspectView
    edit_view_class = RequestEditView
    delete_view_class = RequestDeleteView
    inspect_view_enabled = True
    list_display = ["__str__", "request_type", "organisation", "status", "amount", "submitted_at"]
    list_filter = ["status", "request_type", "organisation", "submitted_at"]
    list_export = ["id"]
    ordering = ["-submitted_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("request_type", read_only=True),
            FieldPanel("applicant", read_only=True),
            FieldPanel("organisation", read_only=True),
            FieldPanel("status", read_only=True),
            RequestDataPanel(heading="申请内容与审批记录"),
        ]
    )


class RequestTypeForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("fields")
        if formset is None or not formset.is_valid():
            return cleaned
        names, money = set(), set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            name = form.cleaned_data.get("name")
            if name in names:
                form.add_error("name", "同一申请事项中字段名不能重复。")
            names.add(name)
            if form.cleaned_data.get("field_type") == FieldType.MONEY:
                money.add(name)
        ledger_field = cleaned.get("ledger_field")
        if ledger_field and ledger_field not in money:
            self.add_error("ledger_field", ValidationError("记账金额字段须是本申请事项中“金额”类型的字段名。"))
        return cleaned


class RequestTypeViewSet(SnippetViewSet):
    model = RequestType
    icon = "form"
    menu_label = "申请事项"
    menu_order = 200
    list_display = [
        "name",
        "slug",
        "workflow",
        # Wagtail would print the boolean as "True"/"False".
        Column("active", label="启用", accessor=lambda request_type: "是" if request_type.active else "否"),
    ]
    list_filter = ["active"]
    search_fields = ["name", "slug", "description"]
    search_backend_name = None

    @cached_property
    def edit_handler(self):
        return ObjectList(RequestType.panels, base_form_class=RequestTypeForm)


class FundsForm(WagtailAdminModelForm):
    """Finance picks only organisations it keeps the books for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "organisation" in self.fields:
            paths = list(organisations_with_role(user=user, roles=("finance",)).values_list("path", flat=True))
            within = Q(pk__in=[])
            for path in paths:
                within |= Q(path__startswith=path)
            self.fields["organisation"].queryset = OrganisationPage.objects.filter(within)


def _scoped(action):
    """Views of budgets and ledger entries see only the organisations the user's role covers."""

    def get_base_queryset(self):
        return policy_registry.get_by_type(self.model).instances_user_has_permission_for(self.request.user, action)

    return get_base_queryset


class FundsIndexView(IndexView):
    get_base_queryset = _scoped("view")


class FundsEditView(EditView):
    def get_object(self, queryset=None):
        scope = policy_registry.get_by_type(self.model).instances_user_has_permission_for(self.request.user, "change")
        return super().get_object(queryset=scope)


class LedgerIndexView(FundsIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.kind == LedgerKind.COMMITTED and self.user_has_permission_for_instance("change", instance):
            buttons.append(
                MenuItem(
                    "标记为已支出",
                    url=reverse("workflows_ledger_pay", args=[instance.pk]),
                    icon_name="tick",
                    priority=15,
                )
            )
        return buttons


class BudgetViewSet(SnippetViewSet):
    model = Budget
    index_view_class = FundsIndexView
    edit_view_class = FundsEditView
    edit_handler = ObjectList(Budget.panels, base_form_class=FundsForm)
    icon = "table"
    menu_label = "经费预算"
    menu_order = 300
    list_display = ["organisation", "year", "amount", "note"]
    list_filter = ["year"]


class LedgerEntryViewSet(SnippetViewSet):
    model = LedgerEntry
    index_view_class = LedgerIndexView
    edit_view_class = FundsEditView
    edit_handler = ObjectList(LedgerEntry.panels, base_form_class=FundsForm)
    icon = "list-ul"
    menu_label = "经费台账"
    menu_order = 400
    list_display = ["organisation", "year", "kind", "amount", "request", "created_at"]
    list_filter = ["year", "kind"]
    list_export = ["organisation", "year", "kind", "amount", "request", "note", "created_at"]
    export_headings = {
        "organisation": "组织",
        "year": "年度",
        "kind": "类别",
        "amount": "金额（元）",
        "request": "来源申请",
        "note": "摘要",
        "created_at": "记账时间",
    }


class OfficeGroup(SnippetViewSetGroup):
    items = (RequestViewSet, RequestTypeViewSet, BudgetViewSet, LedgerEntryViewSet)
    menu_icon = "clipboard-list"
    menu_label = "办公审批"
    menu_name = "office"
    menu_order = 250
