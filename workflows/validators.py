"""Validators for the personal data that request forms collect."""

import datetime
import re

from django.core.exceptions import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CODES = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_PHONE_PATTERN = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def id_card_check_code(first17: str) -> str:
    return _ID_CHECK_CODES[sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def validate_id_card(value: str) -> None:
    """An 18-character resident ID number (GB 11643): a real birth date and a matching check code."""
    number = str(value).strip().upper()
    if not _ID_PATTERN.match(number):
        raise ValidationError("请输入18位身份证号码。", code="id_card_format")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期无效。", code="id_card_birth_date") from None
    if birth > datetime.date.today() or birth.year < 1900:
        raise ValidationError("身份证号码中的出生日期无效。", code="id_card_birth_date")
    if id_card_check_code(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对。", code="id_card_checksum")


def validate_phone(value: str) -> None:
    if not _PHONE_PATTERN.match(str(value).strip()):
        raise ValidationError("请输入有效的手机号码或固定电话（如 13800138000 或 0351-1234567）。", code="phone")
