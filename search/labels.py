"""The names results and facets show for organisations and tags, read once per process and version.

A search shows the name of each hit's organisation and names the organisations and tags in its facets.
Reading them costs two queries a search; they change rarely, so each process keeps all of them and reloads
when the ``labels`` stamp has changed. Saving or deleting an organisation page or a tag sets a new random
stamp: unlike a count, it cannot come back to a value a process saw before with other names (after a
rolled-back transaction or a database restored from a backup).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from content_types.models import OrganisationPage, Tag
from search.models import SearchCounter

LABELS_VERSION = "labels"


@dataclass(frozen=True)
class Labels:
    version: int
    organisations: dict[int, str]
    tags: dict[str, str]

    def organisation_names(self, ids) -> dict[int, str]:
        """Names of these organisations; one unknown here (created without a signal) is read from the database."""
        ids = set(ids)
        missing = ids - self.organisations.keys()
        names = {pk: self.organisations[pk] for pk in ids - missing}
        if missing:
            names.update(_organisation_names(missing))
        return names


def _organisation_names(ids=None) -> dict[int, str]:
    rows = OrganisationPage.objects.all()
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return {pk: short_name or title for pk, title, short_name in rows.values_list("pk", "title", "short_name")}


_current = Labels(-1, {}, {})


def labels(version: int) -> Labels:
    """The names as of ``version`` (the ``labels`` stamp, read with the dictionary version)."""
    global _current  # noqa: PLW0603 (one immutable snapshot per process, swapped whole)
    if _current.version != version:
        _current = Labels(version, _organisation_names(), dict(Tag.objects.values_list("slug", "name")))
    return _current


def labels_bump(**kwargs) -> int:
    """An organisation or a tag was saved or deleted: every process reads the names again."""
    stamp = secrets.randbits(62)
    SearchCounter.objects.update_or_create(name=LABELS_VERSION, defaults={"value": stamp})
    return stamp
