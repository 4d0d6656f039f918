"""Abstract bases every area builds on, and the core's own reference table.

- ``AuditedModel``: who created and last changed a row, and when, plus its full history
  (django-simple-history: a historical row per change, with the user, so the old and new
  value of every field can be shown; see docs/adr/0010-shared-core.md).
- ``VersionedModel``: a version that grows with every change, so a save made from a page
  loaded before someone else's change is refused instead of overwriting it.
- ``EvidenceFileBase``: a PDF, JPEG or PNG judged by its bytes (apps/core/evidence.py);
  ``PartEvidenceFile``: one kept in its record's history; ``evidence_constraints``.
- ``status_field``: the status column; ``valid_choice``, ``positive``, ``not_negative``,
  ``not_before``, ``set_exactly_when``, ``empty_exactly_when``, ``exactly_one_of``,
  ``one_per``: the constraints most tables repeat, each built in one place.
- ``reference``: a protected foreign key to a row another table owns; ``part_of``: a
  cascading one to the record a row is part of; ``belongs_to``: one to the user a row is for;
  ``account_link``: one to a person's portal account, where they have one.
- ``WorkdayOverride``: days that the official calendar does not know (apps/core/workdays.py).
- ``WorkerHeartbeat``: each background task worker's last sign of life (apps/core/worker.py).
"""

from __future__ import annotations

import functools
import operator
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core import clock
from apps.core.evidence import EXTENSIONS, EvidenceType, track_written_file


class UpdatedAtField(models.DateTimeField):
    """``auto_now`` by the portal's clock, so rows written in the seeded past carry its dates."""

    def pre_save(self, model_instance, add):
        value = clock.now()
        setattr(model_instance, self.attname, value)
        return value


def history_user(instance, request=None, **kwargs):
    """Who a history row is attributed to: the actor a service named for the write
    (``_history_user``, set by ``core.audit``), else the row's ``updated_by``, else the
    signed-in user of the request being served (simple-history's middleware)."""
    user = getattr(instance, "_history_user", None) or getattr(instance, "updated_by", None)
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    return user


def reference(to, verbose_name=None, *, optional: bool = False, **options) -> models.ForeignKey:
    """A foreign key to a row this one points at but does not own (a division, a school, a
    brigade): deleting that row is refused while this one points at it, it gets no reverse
    accessor unless ``related_name`` is given, and ``optional`` lets it be empty."""
    options.setdefault("related_name", "+")
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(to, verbose_name=verbose_name, on_delete=models.PROTECT, **options)


def part_of(to, verbose_name, *, related_name: str, **options) -> models.ForeignKey:
    """A foreign key to the record this row is part of (a plan's targets, a wish's photos):
    deleting the record deletes the row with it, and the record reaches its parts by
    ``related_name``."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
        **options,
    )


def belongs_to(verbose_name, *, related_name: str) -> models.ForeignKey:
    """A foreign key to the user a row belongs to (their export jobs, their notifications):
    the row is theirs alone and goes with their account."""
    return part_of(settings.AUTH_USER_MODEL, verbose_name, related_name=related_name)


def account_link(
    verbose_name, *, related_name: str = "+", one_to_one: bool = False
) -> models.ForeignKey:
    """A link to the portal account of the person a row records (a counselor, a team member,
    a security event's user), where they have one: deleting the account empties the link and
    keeps the row. ``one_to_one``: an account is that of one row at most."""
    field = models.OneToOneField if one_to_one else models.ForeignKey
    return field(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
    )


def part_history(*, inherit: bool = False) -> HistoricalRecords:
    """The history of a row that is part of another record and changed only with it (a
    plan's targets, a campaign's team and checklist): each change kept with its user, shown
    in that record's panel (``core.history.history_of_related``). Services write such rows
    through ``core.audit`` as they do audited ones. ``inherit``: declared on an abstract
    base, every concrete subclass gets its own history."""
    return HistoricalRecords(get_user=history_user, cascade_delete_history=False, inherit=inherit)


def status_field(statuses: type[models.Choices], default: str, **options) -> models.CharField:
    """A row's status: one of ``statuses``, ``default`` when the row is created (``options``
    may set another ``max_length``). Pair it with a ``valid_choice`` check."""
    options.setdefault("max_length", 16)
    return models.CharField(_("status"), choices=statuses.choices, default=default, **options)


def valid_choice(field: str, values: Iterable[str], name: str) -> models.CheckConstraint:
    """A check that ``field`` holds one of ``values`` (a choices class's ``values``): the
    database refuses what the form's select would."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": values}), name=name)


def positive(field: str, name: str, message: str | None = None) -> models.CheckConstraint:
    """A check that ``field`` is more than zero; ``message`` is what a form says otherwise."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gt": 0}), name=name, violation_error_message=message
    )


def not_negative(field: str, name: str) -> models.CheckConstraint:
    """A check that ``field`` is zero or more."""
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": 0}), name=name)


def not_before(
    later: str,
    earlier: str,
    name: str,
    message: str | None = None,
    *,
    optional: Iterable[str] = (),
) -> models.CheckConstraint:
    """A check that the row's ``later`` date (or year) is on or after its ``earlier`` one.
    ``optional``: those of the two that may be empty (an open end, an unknown start); the
    check holds while any of them is. ``message`` is what a form says otherwise."""
    in_order = Q(**{f"{later}__gte": F(earlier)})
    either = [Q(**{f"{field}__isnull": True}) for field in optional]
    return models.CheckConstraint(
        condition=functools.reduce(operator.or_, [*either, in_order]),
        name=name,
        violation_error_message=message,
    )


def set_exactly_when(
    field: str, when: dict, name: str, message: str | None = None
) -> models.CheckConstraint:
    """A check that ``field`` is set exactly while the row matches ``when`` (its lookups):
    a decision date once the list is final, a replacement once an objection is upheld.
    ``message`` is what a form says otherwise."""
    return _null_unless(field, when, name, set_when_matched=True, message=message)


def empty_exactly_when(field: str, when: dict, name: str) -> models.CheckConstraint:
    """A check that ``field`` is empty exactly while the row matches ``when``: no parent
    for the province, no school for a county chief counselor."""
    return _null_unless(field, when, name, set_when_matched=False)


def exactly_one_of(
    first: str, second: str, name: str, message: str | None = None
) -> models.CheckConstraint:
    """A check that one of two fields is set and the other empty: a pairing's brigade or
    its squad, an allocation's school or its committee."""
    return models.CheckConstraint(
        condition=Q(**{f"{first}__isnull": False, f"{second}__isnull": True})
        | Q(**{f"{first}__isnull": True, f"{second}__isnull": False}),
        name=name,
        violation_error_message=message,
    )


def one_per(
    fields: list[str], name: str, message: str | None = None, *, when: dict | None = None
) -> models.UniqueConstraint:
    """A rule that no two rows share ``fields``: one quota per category and prefecture, one
    opinion per body and round. ``when``: only among the rows matching those lookups (the
    live ones); ``message`` is what a form says otherwise."""
    return models.UniqueConstraint(
        fields=fields,
        condition=Q(**when) if when else None,
        name=name,
        violation_error_message=message,
    )


def _null_unless(
    field: str, when: dict, name: str, *, set_when_matched: bool, message: str | None = None
) -> models.CheckConstraint:
    """``field`` set (or empty) on the rows matching ``when``, and the other way elsewhere."""
    isnull = f"{field}__isnull"
    return models.CheckConstraint(
        condition=Q(**when, **{isnull: not set_when_matched})
        | Q(~Q(**when), **{isnull: set_when_matched}),
        name=name,
        violation_error_message=message,
    )


class AuditedModel(models.Model):
    """Who created and last changed a row, and when; every change kept in its history.

    The actor fields are empty only for rows written by the system (reference loads,
    synthetic benchmark data); every service names its actor (``core.audit.stamp``).
    """

    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    updated_at = UpdatedAtField(_("updated at"), default=clock.now, editable=False)
    created_by = reference(settings.AUTH_USER_MODEL, _("created by"), optional=True, editable=False)
    updated_by = reference(settings.AUTH_USER_MODEL, _("updated by"), optional=True, editable=False)
    # The history row carries who and when itself; the two "updated" fields would only
    # repeat it in every row.
    history = HistoricalRecords(
        inherit=True,
        get_user=history_user,
        excluded_fields=["updated_at", "updated_by"],
        cascade_delete_history=False,
    )

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        # Django's builds the field's whole choices dict on every call; a list page calls
        # it for several fields of every row. The labels stay lazy: translated here.
        value = getattr(self, field.attname)
        return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)


@functools.cache
def choice_labels(field) -> dict:
    """A field's choices as {value: label}, built once a process."""
    return dict(make_hashable(field.flatchoices))


class VersionedModel(models.Model):
    """A row whose every change raises ``version``; see ``core.versioning``."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def evidence_upload_to(instance: EvidenceFileBase, filename: str) -> str:
    """A random name in the model's folder with the extension of the detected type; the
    uploaded name is kept only in ``original_name``."""
    extension = EXTENSIONS[instance.content_type][0]
    return f"{instance.evidence_folder}/{uuid.uuid4().hex}{extension}"


class EvidenceFileBase(models.Model):
    """A PDF, JPEG or PNG supporting a record, stored under a random name outside the web
    root and served only through a download view that checks access. Subclasses set
    ``evidence_folder`` and add the foreign key to what the file supports, and a file staff
    add or remove is a ``PartEvidenceFile``, its history shown in its record's panel: its
    first row is dated and attributed as the upload, its last names who removed it
    (``core.audit.audited_delete``)."""

    evidence_folder = "evidence"

    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100, choices=EvidenceType.choices)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = reference(settings.AUTH_USER_MODEL, _("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=clock.now, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0),
                name="%(app_label)s_%(class)s_size_positive",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=EvidenceType.values),
                name="%(app_label)s_%(class)s_type_allowed",
            ),
        ]

    def __str__(self):
        return self.original_name

    def save(self, *args, **kwargs):
        # Storage hygiene, not business logic: a file written now is removed again should
        # this row's transaction roll back (apps/core/evidence.py).
        fresh = bool(self.file) and not self.file._committed
        if self._state.adding:
            # The upload is the history's first row: by its uploader, at its time (the
            # demo's files are uploaded in the past through the core clock).
            if getattr(self, "_history_user", None) is None and self.uploaded_by_id:
                self._history_user = self.uploaded_by
            if getattr(self, "_history_date", None) is None:
                self._history_date = self.uploaded_at
        super().save(*args, **kwargs)
        if fresh:
            track_written_file(self, using=kwargs.get("using") or self._state.db)

    @property
    def download_name(self) -> str:
        """The uploaded name with the extension of the file's true type."""
        stem = self.original_name.rsplit(".", 1)[0] or "evidence"
        return stem + EXTENSIONS[self.content_type][0]


class PartEvidenceFile(EvidenceFileBase):
    """An evidence file staff add to or remove from a record: each upload and removal is
    kept and shown in that record's history panel. Named "evidence file" unless its model
    says what it is (a receipt, an attachment)."""

    history = part_history(inherit=True)

    class Meta(EvidenceFileBase.Meta):
        abstract = True
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")


def evidence_constraints(max_bytes: int, name: str) -> list[models.BaseConstraint]:
    """An evidence file's checks (``EvidenceFileBase``) plus its own size limit,
    ``max_bytes``, under the constraint name ``name``."""
    return [
        *EvidenceFileBase.Meta.constraints,
        models.CheckConstraint(condition=Q(size__lte=max_bytes), name=name),
    ]


class WorkdayOverride(models.Model):
    """A day whose status the official calendar gets wrong or does not know yet: a year the
    calendar library has no data for, or a local holiday (e.g. an ethnic festival)."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    reason = models.CharField(_("reason"), max_length=100)

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background task worker process (``manage.py
    run_worker``), written every WORKER_HEARTBEAT_SECONDS: ``/healthz`` reads the newest, and
    a task claimed by a worker whose beat stopped is failed (apps/core/worker.py)."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started at"))
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")
        ordering = ["-beat_at"]

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"


class WriteLog(models.Model):
    """A transaction that wrote to a table figures are computed from (PostgreSQL only):
    each such table's statement trigger notes its writing transaction here, once, and
    ``apps.core.freshness`` serves cached figures only while every write it has seen
    committed was already seen by the figures. ``written_at`` is when the transaction first
    wrote; the worker's housekeeping forgets a row once no cached figure can need it."""

    txid = models.BigIntegerField(_("transaction"), primary_key=True)
    written_at = models.DateTimeField(_("first written at"))

    class Meta:
        verbose_name = _("write log entry")
        verbose_name_plural = _("write log")

    def __str__(self):
        return f"{self.txid} · {self.written_at:%Y-%m-%d %H:%M:%S}"
