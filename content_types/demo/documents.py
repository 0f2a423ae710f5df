"""Small but real PDF, DOCX and TXT files for the demo's attachments, written without extra packages."""

import io
import zipfile
from xml.sax.saxutils import escape

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 595, 842, 64  # A4 in points
BODY_SIZE, TITLE_SIZE, LEADING = 11, 18, 19
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)  # keeps generated files byte-identical between runs


def document(filename: str, title: str, paragraphs: list[str]) -> bytes:
    """The bytes of `filename`, a .pdf, .docx or .txt file holding `title` and `paragraphs`."""
    extension = filename.rsplit(".", 1)[-1].lower()
    writers = {"pdf": pdf, "docx": docx, "txt": txt}
    if extension not in writers:
        raise ValueError(f"Unsupported demo document type: {filename}")
    return writers[extension](title, paragraphs)


def txt(title: str, paragraphs: list[str]) -> bytes:
    return ("\n\n".join([title, *paragraphs]) + "\n").encode("utf-8")


def _em(char: str) -> float:
    return 0.5 if ord(char) < 0x2E80 else 1.0


def _wrap(text: str, size: int) -> list[str]:
    """Break `text` into lines that fit the page width at `size` points (CJK full width, Latin half)."""
    limit = (PAGE_WIDTH - 2 * MARGIN) / size
    lines = []
    for source in text.split("\n"):
        line, width = "", 0.0
        for char in source:
            if width + _em(char) > limit:
                lines.append(line)
                line, width = "", 0.0
            line += char
            width += _em(char)
        lines.append(line)
    return lines


def _pdf_text(text: str) -> str:
    # UniGB-UCS2-H takes big-endian UCS-2 codes; characters outside the BMP are replaced.
    return "<" + "".join(f"{ord(c) if ord(c) <= 0xFFFF else 0x3F:04X}" for c in text) + ">"


def _pdf_info_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def pdf(title: str, paragraphs: list[str]) -> bytes:
    """A text PDF using the standard Chinese font STSong-Light (viewers supply it), so its text can be extracted."""
    lines: list[tuple[int, str]] = [(TITLE_SIZE, line) for line in _wrap(title, TITLE_SIZE)] + [(BODY_SIZE, "")]
    for paragraph in paragraphs:
        lines += [(BODY_SIZE, line) for line in _wrap("　　" + paragraph.strip(), BODY_SIZE)]
    per_page = int((PAGE_HEIGHT - 2 * MARGIN) / LEADING)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]

    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # page tree, filled in below
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        f"<< /Title {_pdf_info_text(title)} /Producer (smart-union demo seed) >>".encode(),
    ]
    kids = []
    for page_number, page_lines in enumerate(pages, start=1):
        ops, y = ["BT"], PAGE_HEIGHT - MARGIN
        for size, line in page_lines:
            y -= LEADING if size == BODY_SIZE else LEADING + 6
            if line:
                ops.append(f"/F1 {size} Tf 1 0 0 1 {MARGIN} {y} Tm {_pdf_text(line)} Tj")
        ops.append(f"/F1 9 Tf 1 0 0 1 {PAGE_WIDTH / 2 - 20} {MARGIN / 2} Tm {_pdf_text(f'第 {page_number} 页')} Tj")
        ops.append("ET")
        stream = "\n".join(ops).encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, len(objects))
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>\
</Relationships>"""

_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>智慧工会</dc:creator>\
</cp:coreProperties>"""

_DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}\
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>\
<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>\
</w:sectPr></w:body></w:document>"""


def _docx_paragraph(text: str, *, size: int, bold: bool = False, centred: bool = False) -> str:
    props = '<w:jc w:val="center"/>' if centred else '<w:ind w:firstLineChars="200"/>'
    fonts = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="宋体"/>'
    run = f'{fonts}{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/>'
    text_run = f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:rPr>{run}</w:rPr>{text_run}</w:r></w:p>"


def docx(title: str, paragraphs: list[str]) -> bytes:
    """A minimal Word document (Office Open XML) that Word, WPS and LibreOffice open."""
    body = _docx_paragraph(title, size=36, bold=True, centred=True)
    body += "".join(_docx_paragraph(line, size=24) for p in paragraphs for line in p.split("\n"))
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),  # first entry, as type sniffers expect
        ("_rels/.rels", _RELS),
        ("docProps/core.xml", _CORE.format(title=escape(title))),
        ("word/document.xml", _DOCUMENT.format(body=body)),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return out.getvalue()
