"""The project's rendition sizes: listings, pages and the API show these, never the original file.

Each size comes as WebP (every current browser) and JPEG (the fallback in <picture>).
"""

from django.db.models import Prefetch

from media.models import UnionImage

RENDITION_SPECS: dict[str, str] = {
    "thumbnail": "fill-320x240|format-webp",
    "medium": "max-800x800|format-webp",
    "large": "max-1600x1600|format-webp",
    "thumbnail_jpeg": "fill-320x240|format-jpeg",
    "medium_jpeg": "max-800x800|format-jpeg",
    "large_jpeg": "max-1600x1600|format-jpeg",
}
JPEG_FALLBACKS: dict[str, str] = {name: f"{name}_jpeg" for name in ("thumbnail", "medium", "large")}


def images_with_renditions():
    """Images with every project rendition prefetched in one extra query (missing ones are made on use)."""
    return UnionImage.objects.prefetch_renditions(*RENDITION_SPECS.values())


def renditions_prefetch(lookup: str) -> Prefetch:
    """Prefetch an image relation (e.g. "cover_image") together with the project's renditions."""
    return Prefetch(lookup, queryset=images_with_renditions())


def rendition_urls(image: UnionImage, *, base_url: str = "") -> dict[str, str]:
    """URL of each named rendition; uses prefetched renditions and creates the missing ones in bulk."""
    renditions = image.get_renditions(*RENDITION_SPECS.values())
    return {name: f"{base_url}{renditions[spec].url}" for name, spec in RENDITION_SPECS.items()}
