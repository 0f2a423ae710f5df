"""Attachments are checked by content like every other upload on the platform (media.validation)."""

from media.validation import UploadKind, validate_upload


def validate_attachment(file) -> None:
    """An image or a document, told apart by its extension; raises ValidationError with a Chinese message."""
    validate_upload(file, UploadKind.ATTACHMENT)
