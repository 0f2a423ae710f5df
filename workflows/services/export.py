"""XLSX (and CSV) export of request lists with Chinese headers; personal data masked as in the list."""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone

from cms.models import User
from workflows.models import Request
from workflows.selectors import current_step, request_data_for, request_rows

BASE_HEADERS = ["编号", "申请事项", "申请人", "所属组织", "状态", "当前步骤", "金额（元）", "提交时间", "办结时间"]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def requests_export_rows(*, requests: Iterable[Request], viewer: User) -> tuple[list[str], list[list]]:
    """One row per request; a column per form field, in the order the request types define them."""
    requests = list(requests)
    field_labels: dict[str, str] = {}
    for request in requests:
        for field in request.request_type.fields.all():
            field_labels.setdefault(f"{request.request_type_id}:{field.name}", field.label)
    labels = list(dict.fromkeys(field_labels.values()))
    rows = []
    for request in requests:
        data, _masked = request_data_for(request=request, user=viewer)
        by_label = {row["label"]: row["value"] for row in request_rows(request=request, data=data)}
        step = current_step(request)
        rows.append(
            [
                request.pk,
                request.request_type.name,
                str(request.applicant),
                request.organisation.title,
                request.get_status_display(),
                step.task.name if step else "",
                float(request.amount) if request.amount is not None else "",
                _local(request.submitted_at),
                _local(request.decided_at),
                *(by_label.get(label, "") for label in labels),
            ]
        )
    return [*BASE_HEADERS, *labels], rows


def requests_export_xlsx(*, requests: Iterable[Request], viewer: User) -> bytes:
    from openpyxl import Workbook

    headers, rows = requests_export_rows(requests=requests, viewer=viewer)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="申请")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def requests_export_csv(*, requests: Iterable[Request], viewer: User) -> str:
    headers, rows = requests_export_rows(requests=requests, viewer=viewer)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headers)
    writer.writerows(rows)
    return "\ufeff" + output.getvalue()
