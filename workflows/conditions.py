"""Conditional steps: compare one field of the item under review with the step's condition."""

from decimal import Decimal, InvalidOperation

from workflows.models.tasks import ConditionOperator

_FALSE_WORDS = {"", "0", "false", "no", "否", "none", "null"}


def field_value(obj, name: str):
    data = getattr(obj, "data", None)
    if isinstance(data, dict) and name in data:
        return data[name]
    return getattr(obj, name, None)


def _normalised(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def condition_met(*, field: str, operator: str, expected: str, obj) -> bool:
    if not field:
        return True
    value = field_value(obj, field)
    if operator == ConditionOperator.TRUTHY:
        return value is not None and _normalised(value) not in _FALSE_WORDS and value != []
    if operator in (ConditionOperator.EQUAL, ConditionOperator.NOT_EQUAL):
        equal = value is not None and _normalised(value) == _normalised(expected)
        return equal if operator == ConditionOperator.EQUAL else not equal
    left, right = _number(value), _number(expected)
    if left is None or right is None:
        return False
    return {
        ConditionOperator.GREATER: left > right,
        ConditionOperator.GREATER_OR_EQUAL: left >= right,
        ConditionOperator.LESS: left < right,
        ConditionOperator.LESS_OR_EQUAL: left <= right,
    }.get(operator, False)
