"""Rich text and StreamField bodies as API data: HTML with absolute URLs, blocks as `{type, value}`."""

import logging
from collections.abc import Callable, Iterable

from django.template import TemplateDoesNotExist

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, expand_db_html

from cms.api.absolute import absolute_html
from media.api.serializers import DocumentSerializer, ImageSerializer, VideoSerializer

logger = logging.getLogger(__name__)

# Joins many rich texts into one string so Wagtail resolves all their links in one query per link type.
_SEPARATOR = "\n<!--union-api-rich-text-separator-->\n"


def rich_text_html(source: str | RichText | None, *, request) -> str:
    """Editor HTML (with Wagtail's `<a linktype=…>` references) as public HTML with absolute URLs."""
    if source is None:
        return ""
    if isinstance(source, RichText):
        source = source.source
    return absolute_html(expand_db_html(source), request=request)


def rich_text_html_many(sources: Iterable[str], *, request) -> list[str]:
    """`rich_text_html` for a whole list page at once, without a query per item."""
    sources = list(sources)
    if not sources:
        return []
    return rich_text_html(_SEPARATOR.join(sources), request=request).split(_SEPARATOR)


def _image(value, request) -> dict:
    image = value.get("image")
    return {
        "image": ImageSerializer(image, context={"request": request}).data if image else None,
        "caption": value.get("caption", ""),
        "alt": value.get("alt_text") or value.get("caption") or (image.title if image else ""),
    }


def _gallery(value, request) -> dict:
    return {"title": value.get("title", ""), "images": [_image(item, request) for item in value.get("images", [])]}


def _video(value, request) -> dict:
    video, embed = value.get("video"), value.get("embed")
    return {
        "video": VideoSerializer(video, context={"request": request}).data if video else None,
        # Only the address: fetching the provider's embed HTML would mean calling a third party.
        "embed_url": embed.url if embed else None,
        "caption": value.get("caption", ""),
    }


def _document(value, request) -> dict:
    document = value.get("document")
    return {
        "document": DocumentSerializer(document, context={"request": request}).data if document else None,
        "title": value.get("title") or (document.title if document else ""),
    }


def _table(value, request) -> dict:
    value = value or {}
    return {
        "caption": value.get("table_caption") or "",
        "first_row_is_header": bool(value.get("first_row_is_table_header")),
        "first_col_is_header": bool(value.get("first_col_is_header")),
        "rows": [["" if cell is None else str(cell) for cell in row] for row in value.get("data") or []],
    }


def _callout(value, request) -> dict:
    return {
        "style": value.get("style"),
        "title": value.get("title", ""),
        "text": rich_text_html(value.get("text"), request=request),
    }


_BLOCKS: dict[str, Callable] = {
    "paragraph": lambda value, request: rich_text_html(value, request=request),
    "heading": lambda value, request: {"text": value.get("text", ""), "level": value.get("level", "h2")},
    "image": _image,
    "gallery": _gallery,
    "video": _video,
    "document": _document,
    "quote": lambda value, request: {"text": value.get("text", ""), "attribution": value.get("attribution", "")},
    "table": _table,
    "callout": _callout,
}


def body_blocks(body: StreamValue, *, request) -> list[dict]:
    """Each block as `{"type", "id", "value"}`; rich text rendered, media as renditions and download URLs."""
    blocks = []
    for child in body:
        convert = _BLOCKS.get(child.block_type)
        value = (
            convert(child.value, request)
            if convert
            else child.block.get_api_representation(child.value, context={"request": request})
        )
        blocks.append({"type": child.block_type, "id": child.id, "value": value})
    return blocks


def body_html(body: StreamValue, *, request, page=None) -> str:
    """The body as the public site renders it, with absolute URLs, for clients that show plain HTML."""
    context = {"request": request, "page": page}
    parts = []
    for child in body:
        try:
            parts.append(child.block.render(child.value, context=context))
        except TemplateDoesNotExist:
            logger.warning("No template for %s blocks; rendering it plainly", child.block_type)
            parts.append(child.block.render_basic(child.value, context=context))
    return absolute_html("\n".join(str(part) for part in parts), request=request)
