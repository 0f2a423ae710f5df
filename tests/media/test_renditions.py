"""Listings, pages and the API show renditions (WebP with a JPEG fallback), never the uploaded original."""

from django.core.files.base import ContentFile

import pytest

from media.factories import ImageFactory, image_bytes
from media.renditions import RENDITION_SPECS, images_with_renditions, rendition_urls

pytestmark = pytest.mark.django_db


def photo(**kwargs):
    return ImageFactory(
        file=ContentFile(image_bytes(size=(2000, 1000), image_format="JPEG"), name="photo.jpg"), **kwargs
    )


def test_every_named_size_has_a_rendition_url():
    image = photo()

    urls = rendition_urls(image)

    assert set(urls) == set(RENDITION_SPECS)
    assert all(url != image.file.url for url in urls.values())
    assert urls["thumbnail"].endswith(".webp")
    assert urls["medium"].endswith(".webp")
    assert urls["large_jpeg"].endswith(".jpg")


def test_sizes_are_bounded():
    image = photo()

    renditions = image.get_renditions(*RENDITION_SPECS.values())

    assert (renditions[RENDITION_SPECS["thumbnail"]].width, renditions[RENDITION_SPECS["thumbnail"]].height) == (
        320,
        240,
    )
    assert renditions[RENDITION_SPECS["medium"]].width == 800
    assert renditions[RENDITION_SPECS["large"]].width == 1600


def test_prefetched_renditions_cost_no_further_queries(django_assert_num_queries):
    for _ in range(3):
        rendition_urls(photo())  # make the renditions once

    images = list(images_with_renditions())
    with django_assert_num_queries(0):
        for image in images:
            rendition_urls(image)


def test_absolute_urls_use_the_given_base():
    urls = rendition_urls(photo(), base_url="https://union.example.com")

    assert urls["medium"].startswith("https://union.example.com/media/images/")
