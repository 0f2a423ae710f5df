"""One error format for the whole API: `{"errors": {field: [message]}}`."""

from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def _as_lists(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {NON_FIELD: [str(item) for item in detail]}
    return {"detail": [str(detail)]}


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        response.data = {"errors": _as_lists(exc.detail)}
    else:
        response.data = {
            "errors": _as_lists(response.data.get("detail", response.data))
            if isinstance(response.data, dict) and "detail" in response.data
            else _as_lists(response.data)
        }
    return response


class ErrorSerializer(serializers.Serializer):
    """For the schema: what every failed request answers."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="字段名（或 detail / non_field_errors）→ 错误信息列表",
    )
