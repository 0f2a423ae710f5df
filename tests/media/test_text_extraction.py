"""Uploaded documents keep their plain text, so search can look inside them; unreadable files still upload."""

import logging

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest

from media.factories import DocumentFactory, docx_bytes, pdf_bytes
from media.models import UnionDocument
from media.services import document_extract_text

pytestmark = pytest.mark.django_db


def upload_document(client, name: str, content: bytes) -> UnionDocument:
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return UnionDocument.objects.get(title=name)


def test_pdf_uploaded_in_the_admin_keeps_its_chinese_text(admin_client):
    content = pdf_bytes("关于开展2026年金秋助学活动的通知", "各分工会：请于十月底前报送名单。")

    document = upload_document(admin_client, "金秋助学.pdf", content)

    assert "关于开展2026年金秋助学活动的通知" in document.text
    assert "请于十月底前报送名单" in document.text


def test_docx_uploaded_in_the_admin_keeps_its_paragraphs(admin_client):
    content = docx_bytes("第一条 为规范职工代表大会工作，制定本制度。", "第二条 本制度适用于公司各级工会。")

    document = upload_document(admin_client, "职代会制度.docx", content)

    assert document.text == "第一条 为规范职工代表大会工作，制定本制度。\n第二条 本制度适用于公司各级工会。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_plain_text_is_read_in_the_encodings_chinese_offices_use(admin_client, encoding):
    document = upload_document(admin_client, "通知.txt", "关于做好夏季送清凉工作的通知".encode(encoding))

    assert document.text == "关于做好夏季送清凉工作的通知"


def test_document_search_finds_words_inside_the_file(admin_client):
    # Words are spaced so the test does not depend on the backend's Chinese segmentation (search/ owns that).
    upload_document(admin_client, "附件一.pdf", pdf_bytes("困难职工 帮扶 申请表"))
    upload_document(admin_client, "附件二.pdf", pdf_bytes("劳动竞赛 评比 细则"))

    found = UnionDocument.objects.search("帮扶")

    assert [document.title for document in found] == ["附件一.pdf"]


def test_unreadable_pdf_still_uploads_with_empty_text(admin_client, caplog):
    broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without pages or trailer"

    with caplog.at_level(logging.WARNING, logger="media.services"):
        document = upload_document(admin_client, "损坏.pdf", broken)

    assert document.text == ""
    assert document.file.size == len(broken)
    assert "Could not extract text" in caplog.text


def test_formats_without_an_extractor_upload_with_empty_text(admin_client):
    from tests.media.samples import zip_bytes

    document = upload_document(admin_client, "资料.zip", zip_bytes({"说明.txt": "说明".encode()}))

    assert document.text == ""


def test_replacing_the_file_replaces_the_text(admin_client):
    document = upload_document(admin_client, "制度.txt", "旧版制度".encode())

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "制度.txt",
            "file": SimpleUploadedFile("制度.docx", docx_bytes("新版制度")),
            "collection": document.collection_id,
        },
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.text == "新版制度"


def test_editing_only_the_title_does_not_read_the_file_again(admin_client):
    document = upload_document(admin_client, "制度.txt", "制度正文".encode())
    document.file.storage.delete(document.file.name)  # re-reading would now fail and empty the text

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "新标题", "collection": document.collection_id},
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.text) == ("新标题", "制度正文")


def test_documents_created_in_code_get_their_text_too():
    document = DocumentFactory(file=ContentFile(pdf_bytes("工会经费审查报告"), name="报告.pdf"))

    document.refresh_from_db()
    assert document.text == "工会经费审查报告"


def test_extraction_service_can_be_rerun_on_an_existing_document():
    document = DocumentFactory(file=ContentFile("会员代表名单".encode(), name="名单.txt"))
    UnionDocument.objects.filter(pk=document.pk).update(text="")

    text = document_extract_text(document=UnionDocument.objects.get(pk=document.pk))

    assert text == "会员代表名单"
    assert UnionDocument.objects.get(pk=document.pk).text == "会员代表名单"
