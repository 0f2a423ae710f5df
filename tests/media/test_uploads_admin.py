"""Uploads through the Wagtail admin: refused files show a Chinese error and leave no row and no file behind."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest

from media.factories import ImageFactory, docx_bytes, image_bytes, mp4_bytes, pdf_bytes, webm_bytes
from media.models import UnionDocument, UnionImage, Video
from tests.media.samples import DOCUMENT_REJECTIONS, IMAGE_REJECTIONS, VIDEO_REJECTIONS, noise_png

pytestmark = pytest.mark.django_db


def rejection_cases(cases):
    return pytest.mark.parametrize(
        ("name", "make_content", "message"), [pytest.param(*case[1:], id=case[0]) for case in cases]
    )


def root_collection() -> Collection:
    return Collection.get_first_root_node()


def post_image(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "上传的图片", "file": SimpleUploadedFile(name, content), "collection": root_collection().pk},
    )


def post_image_to_multiple_uploader(client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": root_collection().pk},
    )


def post_document(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "上传的文档", "file": SimpleUploadedFile(name, content), "collection": root_collection().pk},
    )


def post_document_to_multiple_uploader(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "collection": root_collection().pk},
    )


def post_video(client, name: str, content: bytes, **extra):
    data = {
        "title": "宣传片",
        "file": SimpleUploadedFile(name, content),
        "description": "",
        "duration_seconds": "",
        "poster": "",
        "collection": root_collection().pk,
        **extra,
    }
    return client.post(reverse("wagtailsnippets_media_video:add"), data)


def file_errors(response) -> list[str]:
    return list(response.context["form"].errors.get("file", []))


# Images


@rejection_cases(IMAGE_REJECTIONS)
def test_refused_image_shows_the_reason_and_saves_nothing(admin_client, stored_files, name, make_content, message):
    response = post_image(admin_client, name, make_content())

    assert response.status_code == 200
    assert any(message in error for error in file_errors(response)), file_errors(response)
    assert message in response.content.decode()
    assert not UnionImage.objects.exists()
    assert stored_files() == []


@rejection_cases(IMAGE_REJECTIONS)
def test_multiple_uploader_refuses_the_same_images(admin_client, stored_files, name, make_content, message):
    response = post_image_to_multiple_uploader(admin_client, name, make_content())

    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert not UnionImage.objects.exists()
    assert stored_files() == []


def test_image_over_the_configured_size_is_refused_in_the_admin(admin_client, stored_files, settings):
    settings.UPLOAD_MAX_IMAGE_MB = 1

    response = post_image(admin_client, "大图.png", noise_png(1.2))

    assert any("图片不能超过 1 MB" in error for error in file_errors(response))
    assert not UnionImage.objects.exists()
    assert stored_files() == []


def test_genuine_image_is_saved_with_its_file(admin_client, stored_files):
    response = post_image(admin_client, "职工运动会.jpg", image_bytes(size=(120, 80), image_format="JPEG"))

    assert response.status_code == 302
    image = UnionImage.objects.get()
    assert (image.width, image.height) == (120, 80)
    assert len(stored_files()) == 1


def test_genuine_image_is_saved_by_the_multiple_uploader(admin_client):
    response = post_image_to_multiple_uploader(admin_client, "职工运动会.png", image_bytes())

    assert response.json()["success"] is True
    assert UnionImage.objects.get().file.name.endswith(".png")


def test_add_form_tells_editors_the_rules_in_chinese(admin_client):
    response = admin_client.get(reverse("wagtailimages:add"))

    assert "出于安全考虑不接受 SVG" in response.content.decode()


# Documents


@rejection_cases(DOCUMENT_REJECTIONS)
def test_refused_document_shows_the_reason_and_saves_nothing(admin_client, stored_files, name, make_content, message):
    response = post_document(admin_client, name, make_content())

    assert response.status_code == 200
    assert any(message in error for error in file_errors(response)), file_errors(response)
    assert message in response.content.decode()
    assert not UnionDocument.objects.exists()
    assert stored_files() == []


@rejection_cases(DOCUMENT_REJECTIONS)
def test_multiple_uploader_refuses_the_same_documents(admin_client, stored_files, name, make_content, message):
    response = post_document_to_multiple_uploader(admin_client, name, make_content())

    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert not UnionDocument.objects.exists()
    assert stored_files() == []


def test_document_over_the_configured_size_is_refused_in_the_admin(admin_client, stored_files, settings):
    settings.UPLOAD_MAX_DOCUMENT_MB = 1

    response = post_document(admin_client, "长文.txt", "工会".encode() * 200_000)

    assert any("文档不能超过 1 MB" in error for error in file_errors(response))
    assert not UnionDocument.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("制度.pdf", pdf_bytes("职工代表大会制度")),
        ("制度.docx", docx_bytes("第一条 为了规范职工代表大会工作")),
        ("通知.txt", "关于开展金秋助学活动的通知".encode("gb18030")),
    ],
)
def test_genuine_document_is_saved(admin_client, stored_files, name, content):
    response = post_document(admin_client, name, content)

    assert response.status_code == 302
    assert UnionDocument.objects.get().file_extension == name.rsplit(".", 1)[1]
    assert len(stored_files()) == 1


# Videos


@rejection_cases(VIDEO_REJECTIONS)
def test_refused_video_shows_the_reason_and_saves_nothing(admin_client, stored_files, name, make_content, message):
    response = post_video(admin_client, name, make_content())

    assert response.status_code == 200
    assert any(message in error for error in file_errors(response)), file_errors(response)
    assert not Video.objects.exists()
    assert stored_files() == []


def test_video_over_the_configured_size_is_refused_in_the_admin(admin_client, stored_files, settings):
    settings.UPLOAD_MAX_VIDEO_MB = 1

    response = post_video(admin_client, "长片.mp4", mp4_bytes() + b"\x00" * 1_100_000)

    assert any("视频不能超过 1 MB" in error for error in file_errors(response))
    assert not Video.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize(
    ("name", "content", "mime_type"),
    [("宣传片.mp4", mp4_bytes(), "video/mp4"), ("宣传片.webm", webm_bytes(), "video/webm")],
)
def test_genuine_video_records_its_type_size_and_uploader(admin_client, admin_user, name, content, mime_type):
    response = post_video(admin_client, name, content)

    assert response.status_code == 302
    video = Video.objects.get()
    assert video.mime_type == mime_type
    assert video.file_size == len(content)
    assert video.uploaded_by == admin_user


def test_video_can_have_a_poster_image(admin_client):
    poster = ImageFactory(title="封面")

    post_video(admin_client, "宣传片.mp4", mp4_bytes(), poster=poster.pk)

    assert Video.objects.get().poster == poster


def test_replacing_a_video_file_removes_the_old_one(admin_client, stored_files):
    post_video(admin_client, "旧.mp4", mp4_bytes())
    video = Video.objects.get()
    old_name = video.file.name

    response = admin_client.post(
        reverse("wagtailsnippets_media_video:edit", args=[video.pk]),
        {
            "title": "宣传片",
            "file": SimpleUploadedFile("新.webm", webm_bytes()),
            "description": "",
            "duration_seconds": "",
            "poster": "",
            "collection": root_collection().pk,
        },
    )

    assert response.status_code == 302
    video.refresh_from_db()
    assert video.mime_type == "video/webm"
    assert [path.name for path in stored_files()] == [video.file.name.rsplit("/", 1)[1]]
    assert video.file.name != old_name


def test_editing_a_video_without_a_new_file_keeps_it(admin_client):
    post_video(admin_client, "宣传片.mp4", mp4_bytes())
    video = Video.objects.get()

    response = admin_client.post(
        reverse("wagtailsnippets_media_video:edit", args=[video.pk]),
        {
            "title": "新标题",
            "description": "",
            "duration_seconds": "",
            "poster": "",
            "collection": root_collection().pk,
        },
    )

    assert response.status_code == 302
    video.refresh_from_db()
    assert (video.title, video.mime_type, video.file_size) == ("新标题", "video/mp4", len(mp4_bytes()))
