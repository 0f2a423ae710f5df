"""Masking personal data (ID numbers, phones, medical details) for everyone off the approval chain."""

from workflows.models import FieldType, RequestField

HIDDEN = "（已隐藏）"


def mask_id_card(value: str) -> str:
    text = str(value)
    return f"{text[:3]}{'*' * (len(text) - 7)}{text[-4:]}" if len(text) > 7 else "*" * len(text)


def mask_phone(value: str) -> str:
    text = str(value)
    return f"{text[:3]}****{text[-4:]}" if len(text) >= 8 else "*" * len(text)


def mask_value(definition: RequestField, value):
    if value in (None, "", []):
        return value
    if definition.field_type == FieldType.ID_CARD:
        return mask_id_card(value)
    if definition.field_type == FieldType.PHONE:
        return mask_phone(value)
    return HIDDEN


def masked_data(data: dict, definitions: list[RequestField]) -> dict:
    sensitive = {definition.name: definition for definition in definitions if definition.is_sensitive}
    return {name: mask_value(sensitive[name], value) if name in sensitive else value for name, value in data.items()}
