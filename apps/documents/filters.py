"""Filters of the document and notice lists, staff and public. Text search is a plain
``icontains`` over title, number and text: the same on PostgreSQL and SQLite, and enough
for the few hundred documents a province issues."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.documents import todos
from apps.documents.choices import (
    SEARCH_MAX_LENGTH,
    DocumentKind,
    DocumentStatus,
    NoticeStatus,
    Validity,
)
from apps.documents.models import Document, Notice


class TextFilter(django_filters.CharFilter):
    """A bounded text search over ``fields`` (each ``icontains``)."""

    def __init__(self, *args, fields: tuple[str, ...], **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(*args, **kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        value = (value or "").strip()[:SEARCH_MAX_LENGTH]
        if not value:
            return qs
        condition = Q()
        for name in self.search_fields:
            condition |= Q(**{f"{name}__icontains": value})
        return qs.filter(condition)


class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "dated_on__year")
        kwargs.setdefault("min_value", 1949)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


DOCUMENT_TEXT = ("title", "number", "text")
NOTICE_TEXT = ("title", "body")


class WaitingFor(django_filters.ChoiceFilter):
    """Documents waiting for the actor: their body's countersignature, a sign-off to record
    for a body without staff, sent back to their office, ready to issue."""

    CHOICES = [
        ("mine", _("Waiting for my body's countersignature")),
        ("record", _("Sign-offs to record for bodies without staff")),
        ("sent_back", _("Sent back to my office")),
        ("ready", _("Ready to issue")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=self.CHOICES, **kwargs)

    def filter(self, qs, value):
        actor = self.parent.actor
        if value == "mine":
            return qs.filter(pk__in=todos.awaiting_my_body(actor).values("document_id"))
        if value == "record":
            return qs.filter(pk__in=todos.awaiting_my_record(actor).values("document_id"))
        if value == "sent_back":
            return qs.filter(pk__in=todos.sent_back_to_me(actor).values("pk"))
        if value == "ready":
            return qs.filter(pk__in=todos.ready_to_issue(actor).values("pk"))
        return qs


class DocumentFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Title, number or text"), fields=DOCUMENT_TEXT)
    status = django_filters.ChoiceFilter(
        choices=DocumentStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    kind = django_filters.ChoiceFilter(
        choices=DocumentKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    year = YearFilter(label=_("Year"))
    todo = WaitingFor(label=_("Waiting for"), empty_label=_("Anything"))

    class Meta:
        model = Document
        fields = ["q", "status", "kind", "year", "todo"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor


class NoticeFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Title or text"), fields=NOTICE_TEXT)
    status = django_filters.ChoiceFilter(
        choices=NoticeStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    year = YearFilter(label=_("Year"))

    class Meta:
        model = Notice
        fields = ["q", "status", "year"]


class PublicDocumentFilter(django_filters.FilterSet):
    """The public list: by kind, year and validity, with search (national guidance for
    government websites: categorised, searchable, validity marked)."""

    q = TextFilter(label=_("Title, number or text"), fields=DOCUMENT_TEXT)
    kind = django_filters.ChoiceFilter(
        choices=DocumentKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    year = YearFilter(label=_("Year"))
    validity = django_filters.ChoiceFilter(
        field_name="validity_value",
        choices=Validity.choices,
        label=_("Validity"),
        empty_label=_("Any validity"),
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "year", "validity"]


class PublicNoticeFilter(django_filters.FilterSet):
    q = TextFilter(label=_("Title or text"), fields=NOTICE_TEXT)
    year = YearFilter(label=_("Year"))

    class Meta:
        model = Notice
        fields = ["q", "year"]
