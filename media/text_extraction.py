"""Plain text out of uploaded documents (PDF, DOCX, TXT), so search can look inside them."""

import logging
import zipfile
from collections.abc import Callable
from typing import IO

from defusedxml import ElementTree
from pypdf import PdfReader

from media.validation import decode_text

logger = logging.getLogger(__name__)

# Enough for any policy or notice; keeps one runaway file from bloating the database and the index.
MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 1_000
_MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
_WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class TextExtractionError(Exception):
    """The document could not be read; the upload itself stays valid."""


def _truncate(text: str) -> str:
    return text[:MAX_TEXT_CHARS]


def pdf_text(file: IO[bytes]) -> str:
    reader = PdfReader(file)
    if reader.is_encrypted and not reader.decrypt(""):
        raise TextExtractionError("PDF is encrypted")
    parts: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or length >= MAX_TEXT_CHARS:
            break
        page_text = (page.extract_text() or "").strip()
        if page_text:
            parts.append(page_text)
            length += len(page_text)
    return _truncate("\n\n".join(parts))


def _docx_paragraph_text(paragraph) -> str:
    pieces = []
    for element in paragraph.iter():
        if element.tag == f"{_WORD_NS}t" and element.text:
            pieces.append(element.text)
        elif element.tag == f"{_WORD_NS}tab":
            pieces.append("\t")
        elif element.tag in (f"{_WORD_NS}br", f"{_WORD_NS}cr"):
            pieces.append("\n")
    return "".join(pieces)


def docx_text(file: IO[bytes]) -> str:
    with zipfile.ZipFile(file) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > _MAX_DOCX_XML_BYTES:
            raise TextExtractionError("word/document.xml is too large")
        root = ElementTree.fromstring(archive.read(info))
    paragraphs = (_docx_paragraph_text(p) for p in root.iter(f"{_WORD_NS}p"))
    return _truncate("\n".join(text for text in paragraphs if text.strip()))


def plain_text(file: IO[bytes]) -> str:
    data = file.read(MAX_TEXT_CHARS * 4)
    text = decode_text(data)
    if text is None:
        # A cut at the size cap can split a character; decode what is whole.
        text = data.decode("utf-8", errors="ignore")
    return _truncate(text)


EXTRACTORS: dict[str, Callable[[IO[bytes]], str]] = {
    "pdf": pdf_text,
    "docx": docx_text,
    "txt": plain_text,
    "csv": plain_text,
}


def extract_text(file: IO[bytes], *, extension: str) -> str:
    """The document's plain text; '' for formats we do not read. Raises on unreadable files."""
    extractor = EXTRACTORS.get(extension.lower())
    if extractor is None:
        return ""
    try:
        return extractor(file).replace("\x00", "").strip()
    except TextExtractionError:
        raise
    except Exception as exc:  # parsers raise many kinds of errors on malformed files
        raise TextExtractionError(str(exc)) from exc
