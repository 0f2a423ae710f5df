"""Forms: a request type's data form built from its field definitions, and the approvers' decision forms."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from workflows.models import FieldType, RequestField, RequestType
from workflows.uploads import validate_attachment
from workflows.validators import validate_id_card, validate_phone


class DecisionForm(forms.Form):
    comment = forms.CharField(label="审批意见", required=False, widget=forms.Textarea({"rows": 3}))


class ReasonRequiredDecisionForm(forms.Form):
    comment = forms.CharField(
        label="审批意见",
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": "退回或驳回时请填写审批意见。"},
    )


def _messages(definition: RequestField) -> dict[str, str]:
    return {
        "required": f"请填写“{definition.label}”。",
        "invalid": "格式不正确。",
        "invalid_choice": "“%(value)s”不是可选项。",
        "invalid_list": "请提供一组选项。",
        "max_length": "不能超过 %(limit_value)d 个字符（当前 %(show_value)d 个）。",
        "min_value": "不能小于 %(limit_value)s。",
        "max_value": "不能大于 %(limit_value)s。",
        "max_digits": "数字位数过多。",
        "max_decimal_places": "最多保留 %(max)s 位小数。",
        "max_whole_digits": "数字过大。",
        "missing": f"请上传“{definition.label}”。",
        "empty": "上传的文件是空的。",
    }


def _form_field(definition: RequestField, *, has_attachment: bool) -> forms.Field:
    options = {
        "label": definition.label,
        "help_text": definition.help_text,
        "required": definition.required,
        "error_messages": _messages(definition),
    }
    limits = {"min_value": definition.min_value, "max_value": definition.max_value}
    kind = definition.field_type
    if kind == FieldType.TEXT:
        return forms.CharField(max_length=definition.max_length or 200, **options)
    if kind == FieldType.TEXTAREA:
        return forms.CharField(max_length=definition.max_length or 2000, widget=forms.Textarea, **options)
    if kind == FieldType.NUMBER:
        return forms.DecimalField(max_digits=14, decimal_places=4, **limits, **options)
    if kind == FieldType.MONEY:
        if limits["min_value"] is None:
            limits["min_value"] = Decimal("0")
        return forms.DecimalField(max_digits=12, decimal_places=2, **limits, **options)
    if kind == FieldType.DATE:
        options["error_messages"]["invalid"] = "请输入有效日期，格式为 YYYY-MM-DD。"
        return forms.DateField(input_formats=["%Y-%m-%d"], **options)
    if kind == FieldType.CHOICE:
        return forms.ChoiceField(choices=[(c, c) for c in definition.choice_list], **options)
    if kind == FieldType.MULTICHOICE:
        return forms.MultipleChoiceField(choices=[(c, c) for c in definition.choice_list], **options)
    if kind == FieldType.ATTACHMENT:
        options["required"] = definition.required and not has_attachment
        options["error_messages"]["required"] = f"请上传“{definition.label}”。"
        return forms.FileField(validators=[validate_attachment], **options)
    if kind == FieldType.ID_CARD:
        return forms.CharField(max_length=18, validators=[validate_id_card], **options)
    if kind == FieldType.PHONE:
        return forms.CharField(max_length=20, validators=[validate_phone], **options)
    raise ValueError(f"unknown field type {kind}")


def _json_value(definition: RequestField, value):
    if value in (None, "", []):
        return [] if definition.field_type == FieldType.MULTICHOICE else None
    if definition.field_type == FieldType.MONEY:
        return f"{value:.2f}"
    if definition.field_type == FieldType.NUMBER:
        return int(value) if value == value.to_integral_value() else float(value)
    if definition.field_type == FieldType.DATE:
        return value.isoformat()
    if definition.field_type == FieldType.ID_CARD:
        return value.strip().upper()
    return value


def validate_request_data(
    *, request_type: RequestType, data, files=None, attached_fields: frozenset[str] = frozenset()
) -> tuple[dict, dict]:
    """Check submitted data against the type's fields; return (JSON-safe data, {field: uploaded file}).

    Raises ValidationError with one list of Chinese messages per field.
    """
    if not isinstance(data, dict):
        raise ValidationError({"data": ["申请内容必须是一个对象（字段名: 值）。"]})
    files = files or {}
    definitions = {definition.name: definition for definition in request_type.fields.all()}
    errors: dict[str, list[str]] = {}
    prepared = {}
    for name, value in data.items():
        definition = definitions.get(name)
        if definition is None:
            errors[name] = ["该申请事项没有这个字段。"]
        elif definition.field_type == FieldType.ATTACHMENT:
            if value not in (None, ""):
                errors[name] = ["附件请以文件形式上传（multipart/form-data）。"]
        elif definition.field_type == FieldType.MULTICHOICE:
            prepared[name] = value if isinstance(value, list) else [value]
        elif isinstance(value, dict | list | bool):
            errors[name] = ["格式不正确。"]
        else:
            prepared[name] = "" if value is None else str(value)
    for name in files:
        definition = definitions.get(name)
        if definition is None or definition.field_type != FieldType.ATTACHMENT:
            errors.setdefault(name, []).append("该字段不接受文件。")

    form_class = type(
        "RequestDataForm",
        (forms.Form,),
        {
            name: _form_field(definition, has_attachment=name in attached_fields)
            for name, definition in definitions.items()
        },
    )
    form = form_class(data=prepared, files=files)
    if not form.is_valid():
        for name, messages in form.errors.items():
            errors.setdefault(name, list(messages))
    if errors:
        raise ValidationError(errors)

    cleaned, uploads = {}, {}
    for name, definition in definitions.items():
        value = form.cleaned_data.get(name)
        if definition.field_type == FieldType.ATTACHMENT:
            if value:
                uploads[name] = value
            continue
        cleaned[name] = _json_value(definition, value)
    return cleaned, uploads
