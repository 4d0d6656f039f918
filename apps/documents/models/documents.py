"""Issuing bodies and policy documents.

A document is drafted by its lead body's office, countersigned (会签) by its co-issuing bodies
(apps/documents/models/countersigning.py), then issued with a number (文号). An issued
document stays on the public list for good; its validity (现行有效, 已修改, 已废止, 已失效) is
worked out from the later document that amended or repealed it and from its end date, never
typed in, so an end date passing needs nobody to act.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.choices import Role
from apps.core import clock
from apps.core.models import (
    AuditedModel,
    VersionedModel,
    not_before,
    one_per,
    reference,
    status_field,
    valid_choice,
)
from apps.core.scope import ScopedManager, ScopedQuerySet
from apps.documents.choices import BodyKind, DocumentKind, DocumentStatus, SigningOrder, Validity
from apps.documents.numbers import validate_number


class IssuingBody(AuditedModel):
    """A body that issues or co-issues documents: a League committee, an education
    department, a work committee's office, or another department.

    ``signer_role`` names the portal role whose staff at a document's division act for the
    body (draft for it, countersign for it); empty when the body has no staff in the portal,
    in which case the drafting office records its sign-off with the signed page attached.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("e.g. 团省委, 省教育厅.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    division = reference("organizations.Division", _("division"), related_name="issuing_bodies")
    signer_role = models.CharField(
        _("staff role in the portal"),
        max_length=32,
        choices=Role.choices,
        blank=True,
        help_text=_(
            "The role of the staff who act for this body at its division; leave empty when "
            "the body has no staff in the portal."
        ),
    )

    objects = ScopedManager(division="division__code")

    class Meta:
        verbose_name = pgettext_lazy("document", "issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["division_id", "kind", "name"]
        constraints = [
            valid_choice("kind", BodyKind.values, "documents_body_kind_valid"),
            models.CheckConstraint(
                condition=Q(signer_role="") | Q(signer_role__in=Role.values),
                name="documents_body_signer_role_valid",
            ),
            # Other departments (人社厅, 财政厅...) have no accounts in the portal.
            models.CheckConstraint(
                condition=~Q(kind=BodyKind.OTHER) | Q(signer_role=""),
                name="documents_body_other_has_no_staff",
                violation_error_message=_("An other department has no staff in the portal."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def has_staff(self) -> bool:
        return bool(self.signer_role)


def validity_expression(today: datetime.date) -> Case:
    """The validity of an issued document on ``today``, as a database expression."""
    return Case(
        When(~Q(status=DocumentStatus.ISSUED), then=Value("")),
        When(repealed_by__isnull=False, then=Value(Validity.REPEALED.value)),
        When(amended_by__isnull=False, then=Value(Validity.AMENDED.value)),
        When(valid_until__lt=today, then=Value(Validity.EXPIRED.value)),
        default=Value(Validity.IN_FORCE.value),
        output_field=models.CharField(),
    )


class DocumentQuerySet(ScopedQuerySet):
    def issued(self):
        return self.filter(status=DocumentStatus.ISSUED)

    def with_validity(self, today: datetime.date | None = None):
        """Annotate ``validity_value`` (a Validity value; "" unless issued) on ``today``."""
        return self.annotate(validity_value=validity_expression(today or clock.today()))


class Document(AuditedModel, VersionedModel):
    """A policy document (实施方案, 纲要, 条例...) from drafting to issue.

    ``round`` counts the countersigning rounds started: a send-back returns the document to
    drafting and the next submission starts the next round, with the text kept per round
    (``DocumentVersion``) so each body is shown what changed since it last saw it.
    """

    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(
        _("document number"),
        max_length=40,
        blank=True,
        validators=[validate_number],
        help_text=_("文号, e.g. 云少工委发〔2018〕12号; required when the document is issued."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    lead_body = reference(IssuingBody, _("lead issuing body"), related_name="led_documents")
    # The lead body's division, kept on the row: scope, and whose staff sign.
    division = reference("organizations.Division", _("division"), editable=False)
    signing_order = models.CharField(
        _("countersigning order"),
        max_length=16,
        choices=SigningOrder.choices,
        default=SigningOrder.PARALLEL,
    )
    text = models.TextField(_("text"))
    status = status_field(DocumentStatus, default=DocumentStatus.DRAFTING, editable=False)
    round = models.PositiveSmallIntegerField(_("countersigning round"), default=0, editable=False)
    submitted_at = models.DateTimeField(
        _("current round started at"), null=True, blank=True, editable=False
    )
    dated_on = models.DateField(
        _("date of the document"),
        default=clock.today,
        help_text=_("成文日期: the date the document bears."),
    )
    issued_on = models.DateField(
        pgettext_lazy("document", "issued on"), null=True, blank=True, editable=False
    )
    effective_from = models.DateField(_("in effect from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a document without an end date."),
    )
    interpretation = models.TextField(_("interpretation"), blank=True, editable=False)
    interpreted_on = models.DateField(
        _("interpretation published on"), null=True, blank=True, editable=False
    )
    amended_by = reference(
        "self", _("amended by"), optional=True, related_name="amends", editable=False
    )
    repealed_by = reference(
        "self", _("repealed by"), optional=True, related_name="repeals", editable=False
    )

    objects = DocumentQuerySet.as_manager(division="division__code")

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["-dated_on", "-id"]
        permissions = [
            ("countersign_document", _("Can countersign documents for their body")),
            ("issue_document", _("Can issue documents")),
        ]
        constraints = [
            valid_choice("kind", DocumentKind.values, "documents_document_kind_valid"),
            valid_choice("status", DocumentStatus.values, "documents_document_status_valid"),
            valid_choice("signing_order", SigningOrder.values, "documents_document_order_valid"),
            # Issued exactly when it has an issue date and a number.
            models.CheckConstraint(
                condition=Q(Q(status=DocumentStatus.ISSUED), ~Q(number=""), issued_on__isnull=False)
                | Q(~Q(status=DocumentStatus.ISSUED), issued_on__isnull=True),
                name="documents_document_issued_has_number_and_date",
            ),
            one_per(
                ["number"],
                "documents_document_number_unique_when_issued",
                _("An issued document already has this number."),
                when={"status": DocumentStatus.ISSUED},
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.COUNTERSIGNING)
                | Q(round__gte=1, submitted_at__isnull=False),
                name="documents_document_countersigning_has_round",
            ),
            # An interpretation explains an issued document (政策解读 follows the issue).
            models.CheckConstraint(
                condition=Q(interpretation="", interpreted_on__isnull=True)
                | (
                    Q(status=DocumentStatus.ISSUED, interpreted_on__isnull=False)
                    & ~Q(interpretation="")
                ),
                name="documents_document_interpretation_when_issued",
            ),
            models.CheckConstraint(
                condition=Q(status=DocumentStatus.ISSUED)
                | Q(amended_by__isnull=True, repealed_by__isnull=True),
                name="documents_document_validity_when_issued",
            ),
            not_before(
                "valid_until",
                "effective_from",
                "documents_document_valid_until_after_start",
                _("The end date comes before the start date."),
                optional=["valid_until", "effective_from"],
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-dated_on", "-id"], name="documents_public_order"),
            models.Index(fields=["division", "status"], name="documents_division_status"),
        ]

    def __str__(self):
        return f"{self.title}（{self.number}）" if self.number else self.title

    @property
    def is_drafting(self) -> bool:
        return self.status == DocumentStatus.DRAFTING

    @property
    def is_countersigning(self) -> bool:
        return self.status == DocumentStatus.COUNTERSIGNING

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED

    @property
    def was_sent_back(self) -> bool:
        """Back in drafting after a round of countersigning."""
        return self.is_drafting and self.round > 0

    def validity_on(self, day: datetime.date) -> Validity | None:
        """The validity on ``day``; None unless issued (see ``validity_expression``)."""
        if not self.is_issued:
            return None
        if self.repealed_by_id:
            return Validity.REPEALED
        if self.amended_by_id:
            return Validity.AMENDED
        if self.valid_until and self.valid_until < day:
            return Validity.EXPIRED
        return Validity.IN_FORCE

    @property
    def validity(self) -> Validity | None:
        """Today's validity (the annotation's, when the row was listed with it)."""
        value = getattr(self, "validity_value", None)
        if value is not None:
            return Validity(value) if value else None
        return self.validity_on(clock.today())
