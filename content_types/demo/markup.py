"""A small plain-text format for the demo's article bodies, turned into StreamField data.

Blocks are separated by a blank line:
  ``## 标题`` / ``### 标题``            heading
  ``> 引文 —— 出处``                    quote
  ``[提示] 标题｜内容`` (also 注意/喜讯)  callout
  ``| a | b |`` lines                   table, first row is the header
  ``[图片] 说明``                        an image drawn for this caption
  ``[附件] 文件名.pdf``                  a generated document (pdf, docx or txt)
  ``- 条目`` lines                      bulleted list
anything else is a paragraph; ``**粗体**`` marks bold text.
"""

import re
from collections.abc import Callable

from django.utils.html import escape

CALLOUT_STYLES = {"提示": "info", "注意": "warning", "喜讯": "success"}
_CALLOUT = re.compile(r"^\[(提示|注意|喜讯)\]\s*(.*)$", re.S)


def inline(text: str) -> str:
    """Escape text for rich text, keeping **bold** and line breaks."""
    html = escape(text.strip())
    html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html)
    return html.replace("\n", "<br/>")


def paragraphs_html(text: str) -> str:
    """Rich text HTML for paragraphs and ``- `` lists separated by blank lines."""
    parts = []
    for chunk in _chunks(text):
        lines = chunk.splitlines()
        if all(line.startswith("- ") for line in lines):
            parts.append("<ul>" + "".join(f"<li>{inline(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            parts.append(f"<p>{inline(chunk)}</p>")
    return "".join(parts)


def plain_paragraphs(text: str) -> list[str]:
    """The body as plain paragraphs (markup removed), for generated documents and summaries."""
    result = []
    for chunk in _chunks(text):
        if chunk.startswith(("[图片]", "[附件]")):
            continue
        chunk = re.sub(r"^(#{2,3} |> |- )", "", chunk, flags=re.M)
        chunk = _CALLOUT.sub(lambda m: m.group(2).replace("｜", "："), chunk)
        chunk = chunk.replace("**", "")
        if chunk.startswith("|"):
            chunk = "\n".join(
                "  ".join(cell.strip() for cell in line.strip("|").split("|")) for line in chunk.splitlines()
            )
        result.append(chunk)
    return result


def _chunks(text: str) -> list[str]:
    return [chunk.strip() for chunk in re.split(r"\n[ \t]*\n", text.strip()) if chunk.strip()]


def body_blocks(
    text: str, *, image: Callable[[str], int] | None = None, document: Callable[[str], int] | None = None
) -> list[dict]:
    """StreamField raw data for `text`; `image(caption)` and `document(filename)` create media and return its pk."""
    blocks: list[dict] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            blocks.append({"type": "paragraph", "value": paragraphs_html("\n\n".join(pending))})
            pending.clear()

    for chunk in _chunks(text):
        lines = chunk.splitlines()
        callout = _CALLOUT.match(chunk)
        if chunk.startswith("## ") or chunk.startswith("### "):
            marker, heading = chunk.split(" ", 1)
            block = {"type": "heading", "value": {"text": heading.strip(), "level": f"h{len(marker)}"}}
        elif chunk.startswith("> "):
            quote, _, attribution = chunk[2:].partition(" —— ")
            block = {"type": "quote", "value": {"text": quote.strip(), "attribution": attribution.strip()}}
        elif callout:
            title, _, content = callout.group(2).rpartition("｜")
            block = {
                "type": "callout",
                "value": {
                    "style": CALLOUT_STYLES[callout.group(1)],
                    "title": title.strip(),
                    "text": paragraphs_html(content),
                },
            }
        elif all(line.startswith("|") for line in lines):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
            block = {
                "type": "table",
                "value": {
                    "data": rows,
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_header_choice": "row",
                    "table_caption": "",
                },
            }
        elif chunk.startswith("[图片]") and image is not None:
            caption = chunk.removeprefix("[图片]").strip()
            block = {"type": "image", "value": {"image": image(caption), "caption": caption, "alt_text": caption}}
        elif chunk.startswith("[附件]") and document is not None:
            filename = chunk.removeprefix("[附件]").strip()
            block = {"type": "document", "value": {"document": document(filename), "title": filename.rsplit(".", 1)[0]}}
        else:
            pending.append(chunk)
            continue
        flush()
        blocks.append(block)
    flush()
    return blocks
