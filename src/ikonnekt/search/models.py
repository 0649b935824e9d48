"""The global full-text index: one row per indexed object, with the permission data needed to
filter inside the search query (owner, visibility, cooperations shared with).

On SQLite an FTS5 table ``search_fts`` (external content, kept in sync by triggers) indexes
``title_idx``, ``body_idx``, the permission tokens ``acl`` (:mod:`ikonnekt.search.acl`) and the
marked title tokens ``title_keys`` (:func:`ikonnekt.search.text.title_keys`); on PostgreSQL a
``vector`` tsvector column generated from title and body with a GIN index and a GIN index on the
title's tsvector (0002–0006).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rule(models.TextChoices):
    SHARED = "shared", _("Sharing rule (owner, visibility, cooperations)")
    QUERY = "query", _("Model's own query")


class SearchEntry(models.Model):
    """What the index knows about one object (written by :mod:`ikonnekt.search.indexer`)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    rule = models.CharField(max_length=8, choices=Rule.choices, default=Rule.SHARED)
    owner_id = models.BigIntegerField(null=True, blank=True)
    visibility = models.CharField(max_length=12, blank=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    title_idx = models.TextField(blank=True)
    body_idx = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    acl = models.TextField(blank=True)  # permission tokens, see ikonnekt.search.acl
    title_keys = models.TextField(blank=True)  # marked title tokens, see search.text.title_keys
    date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_object")
        ]
        indexes = [models.Index(fields=["owner_id"]), models.Index(fields=["visibility"])]
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self):
        return self.title


class SearchShare(models.Model):
    """A cooperation the indexed object is shared with (visibility ``cooperation``)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="shares")
    cooperation_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["cooperation_id", "entry"])]

    def __str__(self):
        return f"{self.entry_id} → {self.cooperation_id}"


class SearchFacet(models.Model):
    """One facet value of an indexed object (type, tag, year, organisation, …)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=40)
    value = models.CharField(max_length=200)

    class Meta:
        # (entry, name, value) covers the facet counts of a search: no table reads per hit row.
        indexes = [models.Index(fields=["name", "value"]), models.Index(fields=["entry", "name", "value"])]

    def __str__(self):
        return f"{self.name}={self.value}"
