"""Upload checks by content, not by name: every upload path (admin forms, API, OA attachments) calls these.

Each check reads the file's bytes, decides what it really is, and raises `ValidationError` with a Chinese
message an editor can act on. Nothing here writes to the database or the storage.
"""

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

import filetype
from defusedxml import ElementTree
from filetype.types import image as image_types
from filetype.types import video as video_types
from PIL import Image, UnidentifiedImageError


class UploadKind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"
    VIDEO = "video"
    # An attachment is an image or a document, told apart by its extension (OA request attachments).
    ATTACHMENT = "attachment"


@dataclass(frozen=True)
class CheckedUpload:
    """What an upload turned out to be once its content was checked."""

    kind: UploadKind
    extension: str
    mime_type: str
    size: int


KIND_LABELS = {UploadKind.IMAGE: "图片", UploadKind.DOCUMENT: "文档", UploadKind.VIDEO: "视频"}

_SIZE_SETTINGS = {
    UploadKind.IMAGE: "UPLOAD_MAX_IMAGE_MB",
    UploadKind.DOCUMENT: "UPLOAD_MAX_DOCUMENT_MB",
    UploadKind.VIDEO: "UPLOAD_MAX_VIDEO_MB",
}

# Chinese names of what a file may turn out to be, for error messages.
_CONTENT_LABELS = {
    "jpg": "JPEG 图片",
    "png": "PNG 图片",
    "apng": "PNG 动图",
    "gif": "GIF 图片",
    "webp": "WebP 图片",
    "bmp": "BMP 图片",
    "tif": "TIFF 图片",
    "heic": "HEIC 图片",
    "avif": "AVIF 图片",
    "ico": "图标文件",
    "psd": "Photoshop 文件",
    "pdf": "PDF 文档",
    "zip": "ZIP 压缩包",
    "rar": "RAR 压缩包",
    "7z": "7z 压缩包",
    "gz": "gzip 压缩包",
    "tar": "tar 归档",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "pptx": "PowerPoint 演示文稿",
    "doc": "Word 97-2003 文档",
    "xls": "Excel 97-2003 表格",
    "ppt": "PowerPoint 97-2003 演示文稿",
    "odt": "OpenDocument 文本",
    "ods": "OpenDocument 表格",
    "odp": "OpenDocument 演示文稿",
    "mp4": "MP4 视频",
    "webm": "WebM 视频",
    "mov": "QuickTime 视频",
    "mkv": "MKV 视频",
    "avi": "AVI 视频",
    "mp3": "MP3 音频",
    "exe": "Windows 可执行程序",
    "elf": "Linux 可执行程序",
    "wasm": "WebAssembly 程序",
}

_IMAGE_FORMATS = {  # extension -> (filetype matcher, Pillow format, MIME type)
    "jpg": (image_types.Jpeg(), "JPEG", "image/jpeg"),
    "png": (image_types.Png(), "PNG", "image/png"),
    "gif": (image_types.Gif(), "GIF", "image/gif"),
    "webp": (image_types.Webp(), "WEBP", "image/webp"),
}
_EXTENSION_ALIASES = {"jpeg": "jpg", "jpe": "jpg", "jfif": "jpg", "htm": "html"}
_SVG_EXTENSIONS = {"svg", "svgz"}
_VIDEO_FORMATS = {"mp4": (video_types.Mp4(), "video/mp4"), "webm": (video_types.Webm(), "video/webm")}

_HEAD_BYTES = 8192
# Reading a whole file is needed for a few formats; the size limit has already been checked by then.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|(?:html|head|body|script|iframe|frameset|object|embed|meta|link|form|svg)\b|\?php)",
    re.IGNORECASE,
)
_SVG_MARKUP = re.compile(rb"<\s*(?:svg[\s>]|!doctype\s+svg)", re.IGNORECASE)
_MACHO_MAGICS = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
_RISKY_ARCHIVE_MEMBERS = {
    "exe", "dll", "com", "scr", "msi", "msp", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf",
    "hta", "jar", "apk", "sh", "lnk", "reg", "cpl", "html", "htm", "xhtml", "svg", "php", "jsp", "asp", "aspx",
}  # fmt: skip
# A declared uncompressed size beyond these is treated as a zip bomb.
_ZIP_MAX_RATIO = 100
_ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024

_OOXML = "application/vnd.openxmlformats-officedocument"
_OOXML_PARTS = {  # extension -> (main part, main content type)
    "docx": ("word/document.xml", f"{_OOXML}.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", f"{_OOXML}.spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", f"{_OOXML}.presentationml.presentation.main+xml"),
}
_ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
_OLE_STREAMS = {"doc": ("WordDocument",), "xls": ("Workbook", "Book"), "ppt": ("PowerPoint Document",)}
DOCUMENT_MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "odt": _ODF_MIMETYPES["odt"],
    "ods": _ODF_MIMETYPES["ods"],
    "odp": _ODF_MIMETYPES["odp"],
    "txt": "text/plain",
    "csv": "text/csv",
    "zip": "application/zip",
}


# Reading without consuming the caller's file.


def _rewind(file: IO[bytes]) -> None:
    if hasattr(file, "seek"):
        file.seek(0)


def _read(file: IO[bytes], size: int = -1) -> bytes:
    _rewind(file)
    data = file.read(size)
    _rewind(file)
    return data or b""


def _file_size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    return size


def file_extension(name: str) -> str:
    """The lower-case extension without its dot, with aliases folded (`JPEG` -> `jpg`)."""
    suffix = PurePath(name or "").suffix.lower().lstrip(".")
    return _EXTENSION_ALIASES.get(suffix, suffix)


def human_size(size: int) -> str:
    """Sizes as editors read them: "1.2 MB", "340 KB", "10 MB"."""
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        return f"{megabytes:.0f} MB" if megabytes == int(megabytes) else f"{megabytes:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _upper_list(extensions) -> str:
    return "、".join(ext.upper() for ext in extensions)


# Checks shared by every kind.


def max_upload_bytes(kind: UploadKind | str) -> int:
    """The size limit of a kind of upload, from settings (read on every call, so overrides apply)."""
    return int(getattr(settings, _SIZE_SETTINGS[UploadKind(kind)])) * 1024 * 1024


def validate_size(file: IO[bytes], kind: UploadKind | str) -> int:
    kind = UploadKind(kind)
    size = _file_size(file)
    limit = max_upload_bytes(kind)
    if size == 0:
        raise ValidationError("文件是空的，请重新选择。", code="empty_file")
    if size > limit:
        raise ValidationError(
            "文件太大（%(size)s），%(kind)s不能超过 %(limit)s。",
            code="file_too_large",
            params={"size": human_size(size), "kind": KIND_LABELS[kind], "limit": human_size(limit)},
        )
    return size


def _is_windows_executable(head: bytes) -> bool:
    if not head.startswith(b"MZ") or len(head) < 64:
        return False
    pe_offset = int.from_bytes(head[60:64], "little")
    return head[pe_offset : pe_offset + 4] == b"PE\x00\x00" or b"This program cannot be run in DOS mode" in head


def dangerous_content(head: bytes) -> str | None:
    """Name what the bytes are when they are a program, a script or markup a browser would run, else None."""
    if _is_windows_executable(head):
        return "Windows 可执行程序"
    if head.startswith(b"\x7fELF"):
        return "Linux 可执行程序"
    if head.startswith(_MACHO_MAGICS):
        return "macOS 可执行程序"
    if head.startswith(b"\xca\xfe\xba\xbe"):
        return "Java 或 macOS 程序"
    if head.startswith(b"\x00asm"):
        return "WebAssembly 程序"
    if filetype.guess(head) is not None:
        return None  # a recognised binary format; markup bytes inside it mean nothing
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_head.startswith(b"#!"):
        return "脚本文件"
    if _SVG_MARKUP.search(head[:4096]):
        return "SVG 矢量图"
    if _MARKUP.search(head[:4096]):
        return "网页或脚本（HTML）"
    return None


def _content_label(head: bytes) -> str | None:
    guess = filetype.guess(head)
    if guess is None:
        return None
    return _CONTENT_LABELS.get(guess.extension, f"{guess.mime} 文件")


def _refuse_dangerous(head: bytes, extension: str) -> None:
    label = dangerous_content(head)
    if label == "SVG 矢量图":
        raise ValidationError(_svg_message(), code="svg_refused")
    if label:
        raise ValidationError(
            "文件扩展名是 .%(extension)s，但内容实为“%(label)s”，出于安全考虑不允许上传。",
            code="dangerous_content",
            params={"extension": extension, "label": label},
        )


def _mismatch(head: bytes, extension: str, expected: str) -> ValidationError:
    label = _content_label(head)
    if label:
        return ValidationError(
            "文件扩展名是 .%(extension)s，但内容实为“%(label)s”，两者不符。请检查文件后重新上传。",
            code="extension_mismatch",
            params={"extension": extension, "label": label},
        )
    return ValidationError(
        "文件内容不是有效的“%(expected)s”，可能已损坏或扩展名被改过。",
        code="unrecognised_content",
        params={"expected": expected},
    )


def _svg_message() -> str:
    return "出于安全考虑，不接受 SVG 矢量图（其中可能嵌有脚本）。请导出为 PNG 或 JPG 后再上传。"


def _require_extension(extension: str, allowed, kind: UploadKind) -> None:
    if not extension:
        raise ValidationError(
            "文件名缺少扩展名，无法确认文件类型。支持的%(kind)s格式：%(allowed)s。",
            code="missing_extension",
            params={"kind": KIND_LABELS[kind], "allowed": _upper_list(allowed)},
        )
    if extension not in allowed:
        raise ValidationError(
            "不支持 .%(extension)s 格式的%(kind)s。支持的格式：%(allowed)s。",
            code="unsupported_extension",
            params={"extension": extension, "kind": KIND_LABELS[kind], "allowed": _upper_list(allowed)},
        )


# Images.


def allowed_image_extensions() -> list[str]:
    configured = {file_extension(f"x.{ext}") for ext in settings.WAGTAILIMAGES_EXTENSIONS}
    return [ext for ext in _IMAGE_FORMATS if ext in configured]


def max_image_pixels() -> int:
    """Our pixel limit, never above Pillow's own decompression-bomb threshold."""
    limits = [getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None), Image.MAX_IMAGE_PIXELS]
    return min(limit for limit in limits if limit) if any(limits) else 0


def _bomb_error(pixels: int | None, limit: int) -> ValidationError:
    counted = f"（{pixels:,} 像素）" if pixels else ""
    return ValidationError(
        "图片尺寸过大%(counted)s，超过上限 %(limit)s 像素。这样的文件可能是“解压炸弹”，请缩小尺寸后再上传。",
        code="too_many_pixels",
        params={"counted": counted, "limit": f"{limit:,}"},
    )


def _corrupt_image_error() -> ValidationError:
    return ValidationError("图片文件已损坏或不完整，无法读取。请重新导出后上传。", code="corrupt_image")


def validate_image(file: IO[bytes]) -> CheckedUpload:
    extension = file_extension(getattr(file, "name", ""))
    if extension in _SVG_EXTENSIONS:
        raise ValidationError(_svg_message(), code="svg_refused")
    allowed = allowed_image_extensions()
    _require_extension(extension, allowed, UploadKind.IMAGE)
    size = validate_size(file, UploadKind.IMAGE)
    head = _read(file, _HEAD_BYTES)
    _refuse_dangerous(head, extension)
    matcher, pillow_format, mime_type = _IMAGE_FORMATS[extension]
    if not matcher.match(head) and not (extension == "png" and image_types.Apng().match(head)):
        raise _mismatch(head, extension, "图片")
    _verify_with_pillow(file, pillow_format)
    return CheckedUpload(kind=UploadKind.IMAGE, extension=extension, mime_type=mime_type, size=size)


def _verify_with_pillow(file: IO[bytes], pillow_format: str) -> None:
    limit = max_image_pixels()
    try:
        _rewind(file)
        with Image.open(file) as image:
            if image.format != pillow_format:
                raise _corrupt_image_error()
            width, height = image.size
            pixels = width * height * getattr(image, "n_frames", 1)
            if limit and pixels > limit:
                raise _bomb_error(pixels, limit)
            image.verify()
        # verify() leaves the image unusable and skips pixel data of some formats: decode once more, cheaply.
        _rewind(file)
        with Image.open(file) as image:
            image.draft(image.mode, (1024, 1024))
            image.load()
    except Image.DecompressionBombError:
        raise _bomb_error(None, limit) from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as exc:
        raise _corrupt_image_error() from exc
    finally:
        _rewind(file)


# Documents.


def _open_zip(file: IO[bytes], label: str) -> zipfile.ZipFile:
    try:
        _rewind(file)
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            "文件不是有效的“%(label)s”，可能已损坏。", code="corrupt_archive", params={"label": label}
        ) from exc


def _check_zip_sizes(archive: zipfile.ZipFile, compressed_size: int) -> None:
    declared = sum(info.file_size for info in archive.infolist())
    if declared > _ZIP_MAX_UNCOMPRESSED or declared > max(compressed_size, 1024 * 1024) * _ZIP_MAX_RATIO:
        raise ValidationError(
            "压缩内容解压后体积异常（%(size)s），可能是“压缩炸弹”，不允许上传。",
            code="zip_bomb",
            params={"size": human_size(declared)},
        )


def _check_zip(file: IO[bytes], head: bytes, extension: str, size: int) -> None:
    if not head.startswith(_ZIP_SIGNATURE) and not head.startswith(b"PK\x05\x06"):
        raise _mismatch(head, extension, "ZIP 压缩包")
    with _open_zip(file, "ZIP 压缩包") as archive:
        _check_zip_sizes(archive, size)
        for info in archive.infolist():
            if info.flag_bits & 0x1:
                raise ValidationError(
                    "压缩包已加密，无法检查其中的内容，请解除密码后再上传。", code="encrypted_archive"
                )
            member_extension = file_extension(info.filename)
            if member_extension in _RISKY_ARCHIVE_MEMBERS:
                raise ValidationError(
                    "压缩包中含有不允许的文件“%(name)s”（程序、脚本或网页），请删除后再上传。",
                    code="risky_archive_member",
                    params={"name": info.filename},
                )
    _rewind(file)


def _check_ooxml(file: IO[bytes], head: bytes, extension: str, size: int) -> None:
    label = _CONTENT_LABELS[extension]
    if not head.startswith(_ZIP_SIGNATURE):
        raise _mismatch(head, extension, label)
    main_part, main_type = _OOXML_PARTS[extension]
    with _open_zip(file, label) as archive:
        _check_zip_sizes(archive, size)
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or main_part not in names:
            raise ValidationError(
                "文件不是有效的“%(label)s”（缺少 %(part)s），可能已损坏或扩展名被改过。",
                code="invalid_ooxml",
                params={"label": label, "part": main_part},
            )
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > 1024 * 1024:
            raise ValidationError("文件不是有效的“%(label)s”。", code="invalid_ooxml", params={"label": label})
        try:
            content_types = ElementTree.fromstring(archive.read(info))
        except Exception as exc:  # defusedxml refuses entity tricks with its own exceptions
            raise ValidationError(
                "文件不是有效的“%(label)s”，可能已损坏。", code="invalid_ooxml", params={"label": label}
            ) from exc
    declared = {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in content_types
        if element.tag.endswith("Override")
    }
    part_type = declared.get(main_part, "")
    if "macroEnabled" in part_type:
        raise ValidationError(
            "文件含有宏（可执行代码），不允许上传。请另存为不含宏的 .%(extension)s 文件。",
            code="macro_enabled",
            params={"extension": extension},
        )
    if part_type != main_type:
        raise ValidationError(
            "文件不是有效的“%(label)s”，可能已损坏或扩展名被改过。", code="invalid_ooxml", params={"label": label}
        )
    _rewind(file)


def _check_odf(file: IO[bytes], head: bytes, extension: str, size: int) -> None:
    label = _CONTENT_LABELS[extension]
    if not head.startswith(_ZIP_SIGNATURE):
        raise _mismatch(head, extension, label)
    with _open_zip(file, label) as archive:
        _check_zip_sizes(archive, size)
        try:
            mimetype = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
        except KeyError:
            mimetype = ""
        has_content = "content.xml" in archive.namelist()
    if mimetype != _ODF_MIMETYPES[extension] or not has_content:
        raise ValidationError(
            "文件不是有效的“%(label)s”，可能已损坏或扩展名被改过。", code="invalid_odf", params={"label": label}
        )
    _rewind(file)


def _check_ole(file: IO[bytes], head: bytes, extension: str, size: int) -> None:
    label = _CONTENT_LABELS[extension]
    if not head.startswith(_OLE_SIGNATURE):
        raise _mismatch(head, extension, label)
    # Other OLE files (installers, Outlook messages) share the signature: require the format's main stream.
    data = _read(file)
    if not any(stream.encode("utf-16-le") in data for stream in _OLE_STREAMS[extension]):
        raise ValidationError(
            "文件不是有效的“%(label)s”，可能是其他格式的文件改了扩展名。", code="invalid_ole", params={"label": label}
        )


def _check_pdf(file: IO[bytes], head: bytes, extension: str, size: int) -> None:
    if b"%PDF-" not in head[:1024]:
        raise _mismatch(head, extension, "PDF 文档")


def decode_text(data: bytes) -> str | None:
    """Text as UTF-8 (with or without BOM) or GB18030, or None when the bytes are neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _check_text(file: IO[bytes], head: bytes, extension: str, size: int) -> None:
    label = _content_label(head)
    if label:
        raise _mismatch(head, extension, "文本文件")
    data = _read(file)
    text = None if b"\x00" in data else decode_text(data)
    if text is None:
        raise ValidationError(
            "文本文件必须是 UTF-8 或 GB18030（GBK）编码的纯文本，这个文件看起来是二进制文件或编码无法识别。",
            code="invalid_text",
        )
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 100):
        raise ValidationError("文件含有大量控制字符，不是纯文本文件。", code="invalid_text")
    if _MARKUP.search(data):
        raise ValidationError(
            "文件内容是网页或脚本（HTML），不能作为 .%(extension)s 文本上传。",
            code="dangerous_content",
            params={"extension": extension},
        )


_DOCUMENT_CHECKS: dict[str, Callable[[IO[bytes], bytes, str, int], None]] = {
    "pdf": _check_pdf,
    "docx": _check_ooxml,
    "xlsx": _check_ooxml,
    "pptx": _check_ooxml,
    "doc": _check_ole,
    "xls": _check_ole,
    "ppt": _check_ole,
    "odt": _check_odf,
    "ods": _check_odf,
    "odp": _check_odf,
    "txt": _check_text,
    "csv": _check_text,
    "zip": _check_zip,
}


def allowed_document_extensions() -> list[str]:
    configured = {file_extension(f"x.{ext}") for ext in settings.WAGTAILDOCS_EXTENSIONS}
    return [ext for ext in _DOCUMENT_CHECKS if ext in configured]


def validate_document(file: IO[bytes]) -> CheckedUpload:
    extension = file_extension(getattr(file, "name", ""))
    if extension in _SVG_EXTENSIONS:
        raise ValidationError(_svg_message(), code="svg_refused")
    _require_extension(extension, allowed_document_extensions(), UploadKind.DOCUMENT)
    size = validate_size(file, UploadKind.DOCUMENT)
    head = _read(file, _HEAD_BYTES)
    _refuse_dangerous(head, extension)
    _DOCUMENT_CHECKS[extension](file, head, extension, size)
    _rewind(file)
    return CheckedUpload(
        kind=UploadKind.DOCUMENT, extension=extension, mime_type=DOCUMENT_MIME_TYPES[extension], size=size
    )


# Video.


def validate_video(file: IO[bytes]) -> CheckedUpload:
    extension = file_extension(getattr(file, "name", ""))
    _require_extension(extension, list(_VIDEO_FORMATS), UploadKind.VIDEO)
    size = validate_size(file, UploadKind.VIDEO)
    head = _read(file, _HEAD_BYTES)
    _refuse_dangerous(head, extension)
    matcher, mime_type = _VIDEO_FORMATS[extension]
    if not matcher.match(head):
        raise _mismatch(head, extension, f"{extension.upper()} 视频")
    return CheckedUpload(kind=UploadKind.VIDEO, extension=extension, mime_type=mime_type, size=size)


_VALIDATORS: dict[UploadKind, Callable[[IO[bytes]], CheckedUpload]] = {
    UploadKind.IMAGE: validate_image,
    UploadKind.DOCUMENT: validate_document,
    UploadKind.VIDEO: validate_video,
}


def validate_upload(file: IO[bytes], kind: UploadKind | str) -> CheckedUpload:
    """Check an uploaded file by its content; raise ValidationError (Chinese message) or describe the file.

    `kind` is "image", "document", "video", or "attachment" (an image or a document, by extension).
    The file is left rewound; nothing is saved.
    """
    kind = UploadKind(kind)
    if kind is UploadKind.ATTACHMENT:
        extension = file_extension(getattr(file, "name", ""))
        kind = UploadKind.IMAGE if extension in allowed_image_extensions() else UploadKind.DOCUMENT
    return _VALIDATORS[kind](file)
