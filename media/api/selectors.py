"""Reads for the media API: only media outside view-restricted collections is public."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from wagtail.models import CollectionViewRestriction

from media.models import UnionDocument, Video
from media.renditions import WEBP_SPECS, images_with_renditions, renditions_prefetch


def _restricted_collections_q() -> Q | None:
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True).distinct()
    conditions = [Q(collection__path__startswith=path) for path in paths]
    return reduce(or_, conditions) if conditions else None


def _public(queryset: QuerySet) -> QuerySet:
    restricted = _restricted_collections_q()
    return queryset.exclude(restricted) if restricted is not None else queryset


def public_images() -> QuerySet:
    return _public(images_with_renditions(WEBP_SPECS))


def public_documents() -> QuerySet:
    return _public(UnionDocument.objects.all())


def public_videos() -> QuerySet:
    return _public(Video.objects.prefetch_related(renditions_prefetch("poster", WEBP_SPECS)))
