"""Finance keeps budgets and the ledger for its organisation and those below it; leaders read them."""

from django.urls import reverse

import pytest

from workflows.models import Budget, LedgerEntry

pytestmark = pytest.mark.django_db

BUDGETS = "/admin/snippets/workflows/budget/"
LEDGER = "/admin/snippets/workflows/ledgerentry/"


@pytest.fixture
def books(org):
    return {
        "branch": Budget.objects.create(organisation=org.branch, year=2026, amount="50000"),
        "other": Budget.objects.create(organisation=org.other_branch, year=2026, amount="80000"),
        "entry": LedgerEntry.objects.create(organisation=org.branch, year=2026, amount="1200", note="帮扶：王师傅"),
    }


def test_finance_sees_and_edits_only_its_own_books(org, client, books):
    client.force_login(org.branch_finance)

    listing = client.get(BUDGETS).content.decode()
    own = client.get(reverse("wagtailsnippets_workflows_budget:edit", args=(books["branch"].pk,)))
    other = client.get(reverse("wagtailsnippets_workflows_budget:edit", args=(books["other"].pk,)))

    assert "一号煤矿分工会 2026年度预算" in listing
    assert "二号煤矿分工会 2026年度预算" not in listing
    assert own.status_code == 200
    assert other.status_code == 404


def test_finance_can_only_budget_for_organisations_it_keeps_the_books_for(org, client):
    client.force_login(org.branch_finance)

    form = client.get(reverse("wagtailsnippets_workflows_budget:add")).content.decode()
    created = client.post(
        reverse("wagtailsnippets_workflows_budget:add"),
        {"organisation": org.other_branch.pk, "year": 2027, "amount": "1000", "note": ""},
    )

    assert "综采一队基层工会" in form
    assert "二号煤矿分工会" not in form
    assert created.status_code == 200  # refused: not a valid choice
    assert not Budget.objects.filter(year=2027).exists()


def test_leaders_read_the_books_but_do_not_change_them(org, client, books):
    client.force_login(org.branch_leader)

    assert client.get(BUDGETS).status_code == 200
    edit = client.get(reverse("wagtailsnippets_workflows_budget:edit", args=(books["branch"].pk,)))
    assert edit.status_code in (302, 403, 404)
    assert client.get(reverse("wagtailsnippets_workflows_budget:add")).status_code in (302, 403)


def test_workers_and_editors_have_no_books(org, client, books):
    for user in (org.editor, org.grassroots_reviewer):
        client.force_login(user)
        assert client.get(BUDGETS).status_code in (302, 403)


def test_finance_marks_committed_money_as_spent(org, client, books):
    client.force_login(org.branch_finance)
    url = reverse("workflows_ledger_pay", args=(books["entry"].pk,))

    assert url in client.get(LEDGER).content.decode()
    assert "确认已支出" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert LedgerEntry.objects.get(pk=books["entry"].pk).kind == "spent"


def test_another_branchs_finance_cannot_pay_it(org, client, books):
    client.force_login(org.other_finance)

    response = client.post(reverse("workflows_ledger_pay", args=(books["entry"].pk,)))

    assert response.status_code == 404
    assert LedgerEntry.objects.get(pk=books["entry"].pk).kind == "committed"
