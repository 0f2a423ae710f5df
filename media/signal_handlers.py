"""Wiring only: after a document's file is saved or replaced, its text is extracted by the service."""

from django.db.models.signals import post_save, pre_save

from media.models import UnionDocument
from media.services import document_extract_text


def _note_file_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.pk is None:
        instance._file_changed = True
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    instance._file_changed = stored != instance.file.name


def _extract_text_after_upload(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_file_changed", False):
        return
    instance._file_changed = False
    document_extract_text(document=instance)


def register() -> None:
    pre_save.connect(_note_file_change, sender=UnionDocument, dispatch_uid="media_document_file_change")
    post_save.connect(_extract_text_after_upload, sender=UnionDocument, dispatch_uid="media_document_text")
