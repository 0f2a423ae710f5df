"""validate_upload() on its own: what every upload path (admin, API, OA attachments) relies on."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from media.factories import docx_bytes, image_bytes, mp4_bytes, pdf_bytes, webm_bytes
from media.validation import UploadKind, validate_upload
from tests.media.samples import DOCUMENT_REJECTIONS, IMAGE_REJECTIONS, VIDEO_REJECTIONS, noise_png


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def rejection_cases(cases, kind):
    return [pytest.param(name, make, message, kind, id=case_id) for case_id, name, make, message in cases]


@pytest.mark.parametrize(
    ("name", "make_content", "message", "kind"),
    rejection_cases(IMAGE_REJECTIONS, "image")
    + rejection_cases(DOCUMENT_REJECTIONS, "document")
    + rejection_cases(VIDEO_REJECTIONS, "video"),
)
def test_upload_is_refused_with_a_chinese_message(name, make_content, message, kind):
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload(name, make_content()), kind)

    assert any(message in text for text in raised.value.messages), raised.value.messages


@pytest.mark.parametrize(
    ("name", "content", "kind", "mime_type"),
    [
        ("合影.png", image_bytes(), "image", "image/png"),
        ("合影.JPG", image_bytes(image_format="JPEG"), "image", "image/jpeg"),
        ("合影.jpeg", image_bytes(image_format="JPEG"), "image", "image/jpeg"),
        ("动图.gif", image_bytes(image_format="GIF"), "image", "image/gif"),
        ("合影.webp", image_bytes(image_format="WEBP"), "image", "image/webp"),
        ("制度.pdf", pdf_bytes("职工代表大会制度"), "document", "application/pdf"),
        (
            "制度.docx",
            docx_bytes("第一条"),
            "document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("通知.txt", "关于开展金秋助学活动的通知".encode(), "document", "text/plain"),
        ("通知-gbk.txt", "关于开展金秋助学活动的通知".encode("gb18030"), "document", "text/plain"),
        ("宣传片.mp4", mp4_bytes(), "video", "video/mp4"),
        ("宣传片.webm", webm_bytes(), "video", "video/webm"),
        ("附件.png", image_bytes(), "attachment", "image/png"),
        ("附件.pdf", pdf_bytes("附件"), "attachment", "application/pdf"),
    ],
)
def test_genuine_files_are_accepted_and_described(name, content, kind, mime_type):
    file = upload(name, content)

    checked = validate_upload(file, kind)

    assert checked.mime_type == mime_type
    assert checked.size == len(content)
    assert file.tell() == 0  # the caller can still save the whole file


def test_image_over_the_configured_size_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_MB = 1

    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("大图.png", noise_png(1.2)), UploadKind.IMAGE)

    assert "图片不能超过 1 MB" in raised.value.messages[0]


def test_document_over_the_configured_size_is_refused(settings):
    settings.UPLOAD_MAX_DOCUMENT_MB = 1

    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("长文.txt", "工会".encode() * 200_000), UploadKind.DOCUMENT)

    assert "文档不能超过 1 MB" in raised.value.messages[0]


def test_video_over_the_configured_size_is_refused(settings):
    settings.UPLOAD_MAX_VIDEO_MB = 1

    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("长片.mp4", mp4_bytes() + b"\x00" * 1_100_000), UploadKind.VIDEO)

    assert "视频不能超过 1 MB" in raised.value.messages[0]


def test_the_size_limit_follows_the_setting(settings):
    settings.UPLOAD_MAX_IMAGE_MB = 2

    checked = validate_upload(upload("大图.png", noise_png(1.2)), UploadKind.IMAGE)

    assert checked.size > 1024 * 1024


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("空.txt", b""), UploadKind.DOCUMENT)

    assert "文件是空的" in raised.value.messages[0]


def test_extension_not_configured_for_documents_is_refused(settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf"]

    with pytest.raises(ValidationError) as raised:
        validate_upload(upload("通知.txt", "通知".encode()), UploadKind.DOCUMENT)

    assert "支持的格式：PDF" in raised.value.messages[0]
