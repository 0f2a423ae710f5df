"""Wiring only: content changes record outbox rows; the work happens in search.outbox."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from content_types.models import FAQ, OrganisationPage, Tag
from content_types.search import PAGE_TYPES, keys_for_tag, keys_referencing_document, page_key, search_key
from search.indexing import entries_containing
from search.labels import labels_bump
from search.models import PromotedResult, SearchTerm, SynonymGroup
from search.outbox import outbox_enqueue


def subtree_keys(page: Page) -> list[str]:
    return [page_key(pk) for pk in Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)]


def on_page_published(sender, instance, **kwargs):
    # Organisation pages are not results, and their names are read at query time: nothing to re-index.
    if not isinstance(instance, OrganisationPage):
        outbox_enqueue(keys=[page_key(instance.pk)])


def on_page_unpublished(sender, instance, **kwargs):
    outbox_enqueue(keys=[page_key(instance.pk)])


def on_page_subtree_changed(sender, instance, **kwargs):
    outbox_enqueue(keys=subtree_keys(instance))


def on_page_saved(sender, instance, **kwargs):
    if instance.live:
        outbox_enqueue(keys=[page_key(instance.pk)])


def on_saved_or_deleted(sender, instance, **kwargs):
    outbox_enqueue(keys=[search_key(instance)])


def on_restriction_changed(sender, instance, **kwargs):
    outbox_enqueue(keys=subtree_keys(instance.page))


def on_restriction_groups_changed(sender, instance, **kwargs):
    if isinstance(instance, PageViewRestriction):
        outbox_enqueue(keys=subtree_keys(instance.page))


def on_faq_tags_changed(sender, instance, **kwargs):
    if isinstance(instance, FAQ):
        outbox_enqueue(keys=[search_key(instance)])


def on_tag_saved(sender, instance, **kwargs):
    outbox_enqueue(keys=keys_for_tag(instance))


def on_tag_deleting(sender, instance, **kwargs):
    # Recorded before the links go; applied after the commit, when the tag is gone.
    outbox_enqueue(keys=keys_for_tag(instance))


def on_document_saved(sender, instance, **kwargs):
    outbox_enqueue(keys=keys_referencing_document(instance))


def on_document_deleting(sender, instance, **kwargs):
    outbox_enqueue(keys=keys_referencing_document(instance))


def on_dictionary_changed(sender, instance, **kwargs):
    """Every process reloads the dictionary; entries containing the words involved are re-analysed with it."""
    from search.dictionary import dictionary_bump

    dictionary_bump()
    words = set(_dictionary_words(instance)) | set(getattr(instance, "_previous_words", ()))
    outbox_enqueue(keys=entries_containing(words))


def on_pin_changed(sender, instance, **kwargs):
    from search.dictionary import dictionary_bump

    dictionary_bump()


def _dictionary_words(instance) -> list[str]:
    return [instance.word] if isinstance(instance, SearchTerm) else instance.term_list() + instance.broader_list()


def remember_previous_words(sender, instance, **kwargs):
    previous = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._previous_words = _dictionary_words(previous) if previous else []


def connect() -> None:
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_subtree_changed, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_page_subtree_changed, dispatch_uid="search_page_slug_changed")
    for model in PAGE_TYPES:
        post_save.connect(on_page_saved, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
    post_delete.connect(on_saved_or_deleted, sender=Page, dispatch_uid="search_page_deleted")
    post_save.connect(on_saved_or_deleted, sender=FAQ, dispatch_uid="search_faq_saved")
    post_delete.connect(on_saved_or_deleted, sender=FAQ, dispatch_uid="search_faq_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_gone")
    m2m_changed.connect(
        on_restriction_groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="search_restriction_m2m"
    )
    m2m_changed.connect(on_faq_tags_changed, sender=FAQ.tags.through, dispatch_uid="search_faq_tags")
    post_save.connect(on_tag_saved, sender=Tag, dispatch_uid="search_tag_saved")
    pre_delete.connect(on_tag_deleting, sender=Tag, dispatch_uid="search_tag_deleting")
    post_save.connect(on_document_saved, sender=document_model, dispatch_uid="search_document_saved")
    pre_delete.connect(on_document_deleting, sender=document_model, dispatch_uid="search_document_deleting")
    for model in (OrganisationPage, Tag):
        post_save.connect(labels_bump, sender=model, dispatch_uid=f"search_{model.__name__}_labels_saved")
        post_delete.connect(labels_bump, sender=model, dispatch_uid=f"search_{model.__name__}_labels_deleted")
    post_save.connect(on_pin_changed, sender=PromotedResult, dispatch_uid="search_pin_saved")
    post_delete.connect(on_pin_changed, sender=PromotedResult, dispatch_uid="search_pin_deleted")
    for model in (SearchTerm, SynonymGroup):
        pre_save.connect(remember_previous_words, sender=model, dispatch_uid=f"search_{model.__name__}_previous")
        post_save.connect(on_dictionary_changed, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(on_dictionary_changed, sender=model, dispatch_uid=f"search_{model.__name__}_deleted")
