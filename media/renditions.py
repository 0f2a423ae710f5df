"""The project's rendition sizes: listings, pages and the API show these, never the original file.

Each size comes as WebP (every current browser) and JPEG (the fallback in <picture>).
"""

from django.db.models import Prefetch

from media.models import UnionImage

WEBP_SPECS: dict[str, str] = {
    "thumbnail": "fill-320x240|format-webp",
    "medium": "max-800x800|format-webp",
    "large": "max-1600x1600|format-webp",
}
JPEG_FALLBACKS: dict[str, str] = {name: f"{name}_jpeg" for name in WEBP_SPECS}
RENDITION_SPECS: dict[str, str] = {
    **WEBP_SPECS,
    **{JPEG_FALLBACKS[name]: spec.replace("format-webp", "format-jpeg") for name, spec in WEBP_SPECS.items()},
}

# The sizes the public templates ask for most (cards and article covers, as `{% picture %}` spells them),
# made ahead of time so that the first visitor after an import does not wait for them.
WARM_SPECS: tuple[str, ...] = (
    *WEBP_SPECS.values(),
    "format-webp|fill-400x225",
    "format-jpeg|fill-400x225",
    "format-webp|fill-800x450",
    "format-jpeg|fill-800x450",
    "format-webp|width-480",
    "format-jpeg|width-480",
    "format-webp|width-800",
)


def images_with_renditions(specs: dict[str, str] = RENDITION_SPECS):
    """Images with the given renditions prefetched in one extra query (missing ones are made on use)."""
    return UnionImage.objects.prefetch_renditions(*specs.values())


def renditions_prefetch(lookup: str, specs: dict[str, str] = RENDITION_SPECS) -> Prefetch:
    """Prefetch an image relation (e.g. "cover_image") together with the given renditions."""
    return Prefetch(lookup, queryset=images_with_renditions(specs))


def rendition_urls(image: UnionImage, *, base_url: str = "") -> dict[str, str]:
    """URL of each named rendition; uses prefetched renditions and creates the missing ones in bulk."""
    renditions = image.get_renditions(*RENDITION_SPECS.values())
    return {name: f"{base_url}{renditions[spec].url}" for name, spec in RENDITION_SPECS.items()}
