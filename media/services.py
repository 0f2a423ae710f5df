"""Writes for media: what happens to an upload after it has been accepted."""

import logging

from django.db import transaction

from wagtail.search import index

from media.models import UnionDocument
from media.text_extraction import TextExtractionError, extract_text

logger = logging.getLogger(__name__)


@transaction.atomic
def document_extract_text(*, document: UnionDocument) -> str:
    """Store the document's plain text for search; a file we cannot read leaves the text empty, never an error."""
    text = ""
    try:
        with document.open_file() as handle:
            text = extract_text(handle, extension=document.file_extension)
    except (TextExtractionError, OSError) as exc:
        logger.warning("Could not extract text from document %s (%s): %s", document.pk, document.file.name, exc)
    # update() rather than save(): the post-save wiring must not run again for our own write.
    UnionDocument.objects.filter(pk=document.pk).update(text=text)
    document.text = text
    index.insert_or_update_object(document)
    return text
