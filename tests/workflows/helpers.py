"""Valid submissions for any request type, and a driver that walks a request through its approval chain."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import TaskState

from workflows.models import FieldType, Request, RequestType
from workflows.selectors import pending_task_states
from workflows.validators import id_card_check_code


def id_number(prefix17: str = "14010219850312001") -> str:
    return prefix17 + id_card_check_code(prefix17)


def pdf_file(name: str = "证明.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    body += b"trailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def valid_submission(request_type: RequestType, **overrides) -> tuple[dict, dict]:
    """Data that passes every field of the type (attachments as files), with `overrides` applied."""
    data, files = {}, {}
    for field in request_type.fields.all():
        kind = field.field_type
        if kind == FieldType.ATTACHMENT:
            files[field.name] = pdf_file(f"{field.label}.pdf")
            continue
        if kind == FieldType.TEXT:
            value = f"{field.label}示例"
        elif kind == FieldType.TEXTAREA:
            value = f"{field.label}：家中老人常年卧病，收入微薄。"
        elif kind == FieldType.NUMBER:
            value = int(field.min_value) if field.min_value is not None else 3
        elif kind == FieldType.MONEY:
            value = "1500.00" if field.name == "amount" else "800.00"
        elif kind == FieldType.DATE:
            value = "2026-09-01"
        elif kind == FieldType.CHOICE:
            value = field.choice_list[0]
        elif kind == FieldType.MULTICHOICE:
            value = field.choice_list[:2]
        elif kind == FieldType.ID_CARD:
            value = id_number()
        else:
            value = "13800138000"
        data[field.name] = value
    data.update(overrides)
    return data, files


def multipart(request_type: RequestType, data: dict, files: dict) -> dict:
    import json

    return {"type": request_type.slug, "data": json.dumps(data, ensure_ascii=False), **files}


def pending_state_for(request: Request, users) -> tuple[TaskState, object] | None:
    """The in-progress step of `request` and the first of `users` it waits for."""
    for user in users:
        for state in pending_task_states(user=user):
            if state.workflow_state.object_id == str(request.pk):
                return state, user
    return None
