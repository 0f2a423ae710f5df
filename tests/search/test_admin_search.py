"""Editors' search boxes in the Wagtail admin find Chinese words inside longer text, whatever engine serves the site."""

from django.test import override_settings

import pytest

from content_types.factories import FAQFactory, NoticePageFactory
from media.factories import DocumentFactory, ImageFactory
from search.models import SearchTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "x"))
    return client


@pytest.fixture
def content(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notice = NoticePageFactory(title="困难职工帮扶申请办法", summary="申请流程说明")
        faq = FAQFactory(question="困难职工帮扶需要什么材料？", answer="<p>家庭收入证明。</p>")
        image = ImageFactory(title="困难职工帮扶走访照片")
        document = DocumentFactory(title="困难职工帮扶申请表")
    return {"notice": notice, "faq": faq, "image": image, "document": document}


@pytest.mark.parametrize("elasticsearch_url", ["", "http://127.0.0.1:9"])
def test_admin_search_boxes_find_a_chinese_word_inside_longer_text(editor_client, content, elasticsearch_url):
    with override_settings(ELASTICSEARCH_URL=elasticsearch_url):
        pages = editor_client.get("/admin/pages/search/", {"q": "帮扶"})
        assert content["notice"].title in pages.content.decode()

        faqs = editor_client.get("/admin/snippets/content_types/faq/", {"q": "帮扶"})
        assert content["faq"].question in faqs.content.decode()

        images = editor_client.get("/admin/images/", {"q": "帮扶"})
        assert content["image"].title in images.content.decode()

        documents = editor_client.get("/admin/documents/", {"q": "帮扶"})
        assert content["document"].title in documents.content.decode()


def test_admin_search_ignores_unrelated_pages(editor_client, content):
    response = editor_client.get("/admin/pages/search/", {"q": "疗休养"})
    assert content["notice"].title not in response.content.decode()


def test_admin_search_uses_the_editors_vocabulary(editor_client, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SearchTerm.objects.create(word="帮扶申请办法")
        NoticePageFactory(title="关于修订帮扶申请办法的说明", summary="修订说明")
    response = editor_client.get("/admin/pages/search/", {"q": "帮扶申请办法"})
    assert "关于修订帮扶申请办法的说明" in response.content.decode()
