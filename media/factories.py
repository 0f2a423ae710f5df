"""Factories and sample files (real PNG/JPEG, PDF and DOCX with text, MP4/WebM headers) for tests and the seed."""

import io
import zipfile

import wagtail_factories

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from media.models import UnionDocument, UnionImage, Video


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"图片{n}")
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())

    class Meta:
        model = UnionImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"文档{n}")
    file = factory.django.FileField(filename="document.txt", data="工会文档正文".encode())
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())

    class Meta:
        model = UnionDocument


class VideoFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"视频{n}")
    file = factory.django.FileField(filename="clip.mp4", data=b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
    mime_type = "video/mp4"
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())

    class Meta:
        model = Video


def image_bytes(*, size: tuple[int, int] = (64, 48), image_format: str = "PNG", color: str = "#c8102e") -> bytes:
    """A real image drawn by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def _pdf_hex(text: str) -> str:
    return "<" + "".join(f"{ord(char):04X}" for char in text) + ">"


def _pdf_to_unicode_cmap(characters: set[str]) -> bytes:
    codes = sorted(f"<{ord(c):04X}> <{ord(c):04X}>" for c in characters)
    blocks = []
    for start in range(0, len(codes), 100):
        chunk = codes[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("ascii")


def pdf_bytes(*lines: str) -> bytes:
    """A one-page PDF whose text (Chinese included) can be extracted: Identity-H codes with a ToUnicode map.

    The font is not embedded, so readers substitute one; the point is a searchable text layer.
    """
    lines = lines or ("工会文档",)
    content = ["BT", "/F1 16 Tf", "72 760 Td"]
    for number, line in enumerate(lines):
        if number:
            content.append("0 -24 Td")
        content.append(f"{_pdf_hex(line)} Tj")
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    cmap = _pdf_to_unicode_cmap(set("".join(lines)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
        b" /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_DOCX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{main}"/>
</Types>"""
_DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""
DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def docx_bytes(*paragraphs: str, main_type: str = DOCX_MAIN_TYPE) -> bytes:
    """A minimal but genuine Word document, one <w:p> per paragraph."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs or ("工会文档",))
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_CONTENT_TYPES.format(main=main_type))
        archive.writestr("_rels/.rels", _DOCX_RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def mp4_bytes() -> bytes:
    """The start of an MP4 file: an `ftyp` box (isom/mp42) and an empty `mdat`."""
    ftyp = b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2mp41"
    return ftyp + b"\x00\x00\x00\x08mdat"


def webm_bytes() -> bytes:
    """The start of a WebM file: an EBML header whose DocType is `webm`."""
    return b"\x1a\x45\xdf\xa3\x87\x42\x82\x84webm" + b"\x18\x53\x80\x67\x80"
