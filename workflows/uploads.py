"""Attachments are checked like every other upload on the platform (media.validation)."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}


def attachment_kind(name: str) -> str:
    return "image" if PurePath(name).suffix.lower().lstrip(".") in IMAGE_EXTENSIONS else "document"


def _basic_validate_upload(file, kind: str) -> None:
    # Used only until media.validation lands: extension and size limits from settings.
    extension = PurePath(file.name).suffix.lower().lstrip(".")
    allowed = set(settings.WAGTAILIMAGES_EXTENSIONS if kind == "image" else settings.WAGTAILDOCS_EXTENSIONS)
    if extension not in allowed:
        raise ValidationError(f"不支持的文件类型“.{extension}”，允许：{'、'.join(sorted(allowed))}。")
    limit_mb = settings.UPLOAD_MAX_IMAGE_MB if kind == "image" else settings.UPLOAD_MAX_DOCUMENT_MB
    if file.size > limit_mb * 1024 * 1024:
        raise ValidationError(f"文件不能超过 {limit_mb} MB。")


def validate_attachment(file) -> None:
    try:
        from media.validation import validate_upload
    except ImportError:
        validate_upload = _basic_validate_upload
    validate_upload(file, attachment_kind(file.name))
