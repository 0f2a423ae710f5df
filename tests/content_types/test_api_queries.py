"""Every list endpoint answers in a fixed number of queries, however many items the page holds."""

import pytest

from content_types.factories import (
    CaseStoryPageFactory,
    CategoryFactory,
    CoursePageFactory,
    FAQFactory,
    LessonPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    OrganisationPageFactory,
    PolicyPageFactory,
    TagFactory,
)
from content_types.models import (
    CaseStoryGalleryImage,
    CategoryKind,
    CourseMaterial,
    NoticeAttachment,
    PolicyAttachment,
    PolicyValidity,
)
from media.factories import DocumentFactory, ImageFactory, VideoFactory


def _tagged(page):
    page.tags.add(TagFactory(), TagFactory())
    page.save()
    return page


def make_news():
    _tagged(NewsPageFactory(cover_image=ImageFactory(), category=CategoryFactory(kind=CategoryKind.NEWS)))


def make_notice():
    notice = _tagged(NoticePageFactory(cover_image=ImageFactory()))
    NoticeAttachment.objects.create(page=notice, document=DocumentFactory())
    NoticeAttachment.objects.create(page=notice, document=DocumentFactory())


def make_case_story():
    story = _tagged(CaseStoryPageFactory(cover_image=ImageFactory(), category=CategoryFactory(kind=CategoryKind.CASE)))
    CaseStoryGalleryImage.objects.create(page=story, image=ImageFactory())


def make_policy():
    successor = PolicyPageFactory()
    policy = _tagged(PolicyPageFactory(validity=PolicyValidity.AMENDED, superseded_by=successor))
    PolicyAttachment.objects.create(page=policy, document=DocumentFactory())


def make_course():
    course = _tagged(CoursePageFactory(cover_image=ImageFactory(), category=CategoryFactory(kind=CategoryKind.COURSE)))
    CourseMaterial.objects.create(page=course, document=DocumentFactory())


def make_lesson():
    LessonPageFactory(video=VideoFactory(poster=ImageFactory()))


def make_faq():
    faq = FAQFactory(category=CategoryFactory(kind=CategoryKind.FAQ), organisation=OrganisationPageFactory())
    faq.tags.add(TagFactory())


def make_organisation():
    OrganisationPageFactory(parent=OrganisationPageFactory(), logo=ImageFactory(), cover_image=ImageFactory())


def make_image():
    ImageFactory()


# Queries each list costs, whatever its length: view restrictions, count, rows, one per prefetch, ancestors, site.
LIST_ENDPOINTS = {
    "news": (make_news, 8),
    "notices": (make_notice, 9),
    "case-stories": (make_case_story, 8),
    "policies": (make_policy, 9),
    "courses": (make_course, 9),
    "lessons": (make_lesson, 9),
    "faqs": (make_faq, 4),
    "organisations": (make_organisation, 9),
    "organisations/tree": (make_organisation, 3),
    "categories": (CategoryFactory, 2),
    "tags": (TagFactory, 2),
    "images": (make_image, 4),
    "documents": (DocumentFactory, 3),
    "videos": (lambda: VideoFactory(poster=ImageFactory()), 5),
}


def _item_count(payload) -> int:
    return payload["count"] if isinstance(payload, dict) else len(payload)


@pytest.mark.parametrize("endpoint", LIST_ENDPOINTS)
def test_a_list_costs_the_same_queries_for_one_item_as_for_ten(home, client, django_assert_num_queries, endpoint):
    make, queries = LIST_ENDPOINTS[endpoint]
    url = f"/api/v1/{endpoint}/"

    make()
    client.get(url)  # the first call makes the renditions and warms Wagtail's site cache
    with django_assert_num_queries(queries):
        one = client.get(url).json()
    for _ in range(9):
        make()
    client.get(url)
    with django_assert_num_queries(queries):
        ten = client.get(url).json()

    assert _item_count(one) >= 1
    assert _item_count(ten) == 10 * _item_count(one)
