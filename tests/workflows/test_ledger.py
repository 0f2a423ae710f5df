"""The finance hook: approved amounts post to the paying organisation's ledger; approvers are warned of overruns."""

from decimal import Decimal

import pytest

from tests.workflows.helpers import multipart, pending_state_for, valid_submission
from workflows.models import Budget, LedgerEntry, Request
from workflows.selectors import budget_for, budget_summary
from workflows.services.ledger import ledger_pay

pytestmark = pytest.mark.django_db


def submit(org, api, amount: str) -> Request:
    assert org.approvers
    request_type = org.request_type("hardship-aid")
    data, files = valid_submission(request_type, amount=amount)
    response = api(org.worker).post("/api/v1/requests/", multipart(request_type, data, files), format="multipart")
    return Request.objects.get(pk=response.json()["id"])


def approve_all(org, api, request, **extra):
    while found := pending_state_for(request, org.approvers):
        state, approver = found
        response = api(approver).post(
            f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve", **extra}, format="json"
        )
        assert response.status_code == 200, response.json()


@pytest.fixture
def budget(org):
    from django.utils import timezone

    budget = Budget.objects.create(organisation=org.branch, year=timezone.localdate().year, amount="3000")
    budget.refresh_from_db()
    return budget


def test_approved_amounts_are_committed_against_the_budget_that_pays(org, api, budget):
    request = submit(org, api, "1200")
    approve_all(org, api, request)

    entry = LedgerEntry.objects.get(request=request)
    assert entry.organisation == org.branch  # the grassroots unit has no budget of its own; its branch pays
    assert budget_summary(budget=budget) == {
        "budget": Decimal("3000.00"),
        "committed": Decimal("1200.00"),
        "spent": Decimal("0"),
        "remaining": Decimal("1800.00"),
    }
    ledger_pay(entry=entry, user=org.branch_finance)
    assert budget_summary(budget=budget)["spent"] == Decimal("1200.00")
    assert budget_for(organisation=org.grassroots, year=budget.year) == budget


def test_an_approval_that_would_exceed_the_budget_warns_and_needs_confirmation(org, api, budget):
    approve_all(org, api, submit(org, api, "1900"))
    request = submit(org, api, "1500")
    state, approver = pending_state_for(request, org.approvers)

    task = next(item for item in api(approver).get("/api/v1/tasks/").json() if item["id"] == state.pk)
    unconfirmed = api(approver).post(f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve"}, format="json")
    confirmed = api(approver).post(
        f"/api/v1/tasks/{state.pk}/decide/", {"action": "approve", "confirm_over_budget": True}, format="json"
    )

    assert task["budget_warning"].startswith("本次金额 1500.00 元将超出一号煤矿分工会")
    assert "剩余预算 1100.00 元" in task["budget_warning"]
    assert unconfirmed.status_code == 400
    assert list(unconfirmed.json()["errors"]) == ["confirm_over_budget"]
    assert confirmed.status_code == 200


def test_within_budget_needs_no_confirmation(org, api, budget):
    request = submit(org, api, "500")
    state, approver = pending_state_for(request, org.approvers)

    task = next(item for item in api(approver).get("/api/v1/tasks/").json() if item["id"] == state.pk)

    assert task["budget_warning"] is None


def test_requests_without_money_post_nothing(org, api):
    assert org.approvers
    request_type = org.request_type("membership")
    data, files = valid_submission(request_type)
    created = api(org.worker).post("/api/v1/requests/", multipart(request_type, data, files), format="multipart")
    approve_all(org, api, Request.objects.get(pk=created.json()["id"]))

    assert not LedgerEntry.objects.exists()
