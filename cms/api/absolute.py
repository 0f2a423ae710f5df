"""Absolute URLs in API output: an app outside the site cannot resolve "/media/…" on its own."""

import re

from django.conf import settings
from django.http import HttpRequest

# Root-relative URLs in the attributes our HTML carries; protocol-relative ("//host") ones are already absolute.
_URL_ATTRIBUTE = re.compile(r'(?P<name>\b(?:href|src|poster|data)=")(?P<url>/(?!/)[^"]*)"')
_SRCSET_ATTRIBUTE = re.compile(r'(?P<name>\bsrcset=")(?P<value>[^"]*)"')


def absolute_url(url: str | None, *, request: HttpRequest | None) -> str | None:
    """`url` as seen from the caller: the host it asked, or SITE_BASE_URL when there is no request."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return f"{settings.SITE_BASE_URL}{url}"


def absolute_html(html: str, *, request: HttpRequest | None) -> str:
    """Rewrite every root-relative link, image and media URL in `html` to an absolute one."""

    def attribute(match: re.Match) -> str:
        return f'{match["name"]}{absolute_url(match["url"], request=request)}"'

    def srcset(match: re.Match) -> str:
        candidates = []
        for candidate in match["value"].split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            candidates.append(f"{absolute_url(url, request=request)} {descriptor}".strip())
        return f'{match["name"]}{", ".join(candidates)}"'

    return _SRCSET_ATTRIBUTE.sub(srcset, _URL_ATTRIBUTE.sub(attribute, html))
