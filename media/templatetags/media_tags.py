"""`{% picture image "medium" %}`: a WebP rendition with a JPEG fallback, never the original file."""

from django import template
from django.utils.html import format_html

from media.renditions import JPEG_FALLBACKS, RENDITION_SPECS

register = template.Library()


@register.simple_tag
def picture(image, size: str = "medium", alt: str | None = None, css_class: str = "", loading: str = "lazy"):
    if image is None:
        return ""
    if size not in JPEG_FALLBACKS:
        raise template.TemplateSyntaxError(f"Unknown picture size {size!r}; use one of {sorted(JPEG_FALLBACKS)}")
    renditions = image.get_renditions(RENDITION_SPECS[size], RENDITION_SPECS[JPEG_FALLBACKS[size]])
    webp = renditions[RENDITION_SPECS[size]]
    jpeg = renditions[RENDITION_SPECS[JPEG_FALLBACKS[size]]]
    text = alt if alt is not None else (getattr(image, "caption", "") or image.title)
    return format_html(
        '<picture><source srcset="{}" type="image/webp">'
        '<img src="{}" width="{}" height="{}" alt="{}" class="{}" loading="{}" decoding="async"></picture>',
        webp.url,
        jpeg.url,
        jpeg.width,
        jpeg.height,
        text,
        css_class,
        loading,
    )
