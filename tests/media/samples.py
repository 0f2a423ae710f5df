"""Sample uploads, good and bad, for the media tests."""

import io
import os
import struct
import zipfile
import zlib

from PIL import Image

from media.factories import docx_bytes, image_bytes, mp4_bytes, webm_bytes


def png_with_declared_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: what a decompression bomb looks like to a parser."""
    png = image_bytes(size=(1, 1))
    chunk = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + png[33:]


def windows_executable() -> bytes:
    header = bytearray(b"MZ" + b"\x90" * 62)
    header[60:64] = struct.pack("<I", 64)
    return bytes(header) + b"PE\x00\x00" + b"\x00" * 256


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def noise_png(megabytes: float) -> bytes:
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5) + 1
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, format="PNG", compress_level=0)
    return buffer.getvalue()


HTML_PAGE = "<!DOCTYPE html><html><body><script>alert('x')</script>工会</body></html>".encode()
SVG_IMAGE = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

# (id, file name, content, what the Chinese error says)
IMAGE_REJECTIONS = [
    ("png-named-jpg", "photo.jpg", lambda: image_bytes(), "内容实为“PNG 图片”，两者不符"),
    ("zip-named-jpg", "photo.jpg", lambda: zip_bytes({"a.txt": b"x"}), "内容实为“ZIP 压缩包”"),
    ("exe-named-jpg", "photo.jpg", windows_executable, "内容实为“Windows 可执行程序”"),
    ("html-named-jpg", "photo.jpg", lambda: HTML_PAGE, "内容实为“网页或脚本（HTML）”"),
    ("svg", "logo.svg", lambda: SVG_IMAGE, "不接受 SVG 矢量图"),
    ("svg-named-png", "logo.png", lambda: SVG_IMAGE, "不接受 SVG 矢量图"),
    ("decompression-bomb", "bomb.png", lambda: png_with_declared_size(40_000, 40_000), "解压炸弹"),
    ("over-pixel-limit", "huge.png", lambda: png_with_declared_size(9_000, 9_000), "解压炸弹"),
    ("corrupt", "broken.png", lambda: image_bytes(size=(400, 300))[:120], "图片文件已损坏或不完整"),
    ("unsupported-format", "photo.bmp", lambda: image_bytes(image_format="BMP"), "不支持 .bmp 格式的图片"),
]
DOCUMENT_REJECTIONS = [
    ("exe-named-pdf", "制度.pdf", windows_executable, "内容实为“Windows 可执行程序”"),
    ("html-named-txt", "通知.txt", lambda: HTML_PAGE, "内容实为“网页或脚本（HTML）”"),
    ("image-named-pdf", "制度.pdf", lambda: image_bytes(), "内容实为“PNG 图片”，两者不符"),
    ("zip-named-docx", "制度.docx", lambda: zip_bytes({"a.txt": b"x"}), "缺少 word/document.xml"),
    ("docx-named-xlsx", "表格.xlsx", lambda: docx_bytes("x"), "缺少 xl/workbook.xml"),
    (
        "macro-docx",
        "制度.docx",
        lambda: docx_bytes("x", main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        "文件含有宏",
    ),
    ("zip-with-program", "资料.zip", lambda: zip_bytes({"setup.exe": windows_executable()}), "setup.exe"),
    ("binary-txt", "说明.txt", lambda: bytes(range(256)) * 4, "UTF-8 或 GB18030"),
    ("svg-document", "logo.svg", lambda: SVG_IMAGE, "不接受 SVG 矢量图"),
    ("executable-extension", "setup.exe", windows_executable, "不支持 .exe 格式的文档"),
]
VIDEO_REJECTIONS = [
    ("webm-named-mp4", "clip.mp4", webm_bytes, "内容实为“WebM 视频”，两者不符"),
    ("image-named-mp4", "clip.mp4", lambda: image_bytes(), "内容实为“PNG 图片”"),
    ("exe-named-webm", "clip.webm", windows_executable, "内容实为“Windows 可执行程序”"),
    ("quicktime", "clip.mov", mp4_bytes, "不支持 .mov 格式的视频"),
]
