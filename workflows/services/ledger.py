"""Posting approved money to the ledger of the organisation whose budget pays."""

from django.db import transaction

from cms.models import User
from workflows.models import LedgerEntry, LedgerKind, Request
from workflows.selectors import budget_for, request_year


@transaction.atomic
def ledger_commit(*, request: Request, user: User | None) -> LedgerEntry | None:
    """An approved request's amount becomes committed money of its paying organisation (idempotent)."""
    if not request.amount:
        return None
    existing = LedgerEntry.objects.filter(request=request).first()
    if existing:
        return existing
    year = request_year(request)
    budget = budget_for(organisation=request.organisation, year=year)
    return LedgerEntry.objects.create(
        organisation=budget.organisation if budget else request.organisation,
        year=year,
        kind=LedgerKind.COMMITTED,
        amount=request.amount,
        request=request,
        note=f"{request}（申请编号 {request.pk}）",
        created_by=user,
    )


@transaction.atomic
def ledger_pay(*, entry: LedgerEntry, user: User) -> LedgerEntry:
    """Finance has paid out committed money: the entry moves from committed to spent."""
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.kind != LedgerKind.SPENT:
        entry.kind = LedgerKind.SPENT
        entry.created_by = user
        entry.save(update_fields=["kind", "created_by"])
    return entry
