"""The renditions the API offers for every image: WebP in three sizes, never the original file."""

from django.db.models import Prefetch

from media.models import UnionImage

RENDITION_SPECS: dict[str, str] = {
    "thumbnail": "fill-320x240|format-webp",
    "medium": "max-800x800|format-webp",
    "large": "max-1600x1600|format-webp",
}


def images_with_renditions():
    """Images with the API's renditions fetched in one extra query (missing ones are made on first use)."""
    return UnionImage.objects.prefetch_renditions(*RENDITION_SPECS.values())


def prefetch_image(lookup: str) -> Prefetch:
    """Prefetch an image relation (e.g. "cover_image") together with its API renditions."""
    return Prefetch(lookup, queryset=images_with_renditions())
