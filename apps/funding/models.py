"""Special funds: programs, the envelopes they pass down the tree, and allocations to schools.

A program is run by a division (the province or a prefecture) with a total budget. It may pass
envelopes (切块下达) to the divisions below it, and a prefecture's envelope may pass envelopes
on to its counties. Each of these — the program's own budget and every envelope — is a *pot*
(apps/funding/budget.py): the level holding it allocates only within what it received, and
what it allocates plus what it passes down never exceeds it. An allocation draws on one pot and
pays one recipient: a school of the program's kind, or a county work committee.

Money is Decimal to the fen (apps.core.money.MoneyField). The database refuses a non-positive
amount; the budget rule needs a sum over rows, so the services enforce it under a row lock on
the pot (SELECT ... FOR UPDATE).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.models import (
    AuditedModel,
    PartEvidenceFile,
    VersionedModel,
    exactly_one_of,
    one_per,
    part_of,
    positive,
    reference,
    status_field,
    valid_choice,
)
from apps.core.money import MoneyField
from apps.core.scope import ScopedManager, ScopedQuerySet, code_prefix
from apps.funding.choices import (
    FIRST_YEAR,
    AllocationStatus,
    FundingBody,
    ProgramStatus,
    SignoffBody,
    Target,
)

ZERO = Decimal("0.00")


def ancestor_codes(code: str) -> list[str]:
    """The codes of the divisions above ``code`` (GB/T 2260: 530102 → 530100, 530000)."""
    if code.endswith("0000"):
        return []
    if code.endswith("00"):
        return [code[:2] + "0000"]
    return [code[:4] + "00", code[:2] + "0000"]


class ProgramQuerySet(models.QuerySet):
    def for_actor(self, actor) -> ProgramQuerySet:
        """Programs ``actor`` may open: those run inside their scope and those run above it
        (a provincial program reaches every county); a school user sees the programs that
        pay their school. Nothing for anyone else."""
        if actor is None or not actor.is_authenticated or not actor.is_active:
            return self.none()
        if actor.is_superuser and actor.division_id is None and actor.school_id is None:
            return self
        if actor.school_id is not None:
            paying = Allocation.objects.filter(recipient_school_id=actor.school_id).exclude(
                status=AllocationStatus.CANCELLED
            )
            return self.filter(pk__in=paying.values("program_id"))
        if actor.division_id is None:
            return self.none()
        return self.filter(
            Q(division__code__startswith=code_prefix(actor.division_id))
            | Q(division_id__in=ancestor_codes(actor.division_id))
        )


class Program(AuditedModel, VersionedModel):
    """A special fund (专项资金): who funds it, how much, whom it pays and who runs it."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    body_league = models.BooleanField(_("funded by the League"), default=False)
    body_education = models.BooleanField(_("funded by the education department"), default=False)
    body_work_committee = models.BooleanField(_("funded by the work committee"), default=False)
    total_budget = MoneyField(_("total budget (yuan)"))
    purpose = models.TextField(_("purpose"))
    target = models.CharField(_("pays"), max_length=32, choices=Target.choices)
    division = reference("organizations.Division", _("run by"), related_name="funding_programs")
    status = status_field(ProgramStatus, default=ProgramStatus.PLANNING)
    dual_signoff_threshold = MoneyField(
        _("dual sign-off above (yuan)"),
        null=True,
        blank=True,
        help_text=_(
            "An allocation above this amount needs two approvers of the running division, one "
            "from the League and one from education. Empty: one approver is always enough."
        ),
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding program")
        verbose_name_plural = _("funding programs")
        ordering = ["-year", "-id"]
        constraints = [
            positive(
                "total_budget",
                "funding_program_budget_positive",
                _("The budget must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(dual_signoff_threshold__isnull=True) | Q(dual_signoff_threshold__gt=0),
                name="funding_program_threshold_positive",
                violation_error_message=_("The threshold must be more than zero, or empty."),
            ),
            models.CheckConstraint(
                condition=Q(body_league=True)
                | Q(body_education=True)
                | Q(body_work_committee=True),
                name="funding_program_has_a_body",
                violation_error_message=_("Choose at least one funding body."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR), name="funding_program_year_plausible"
            ),
            valid_choice("target", Target.values, "funding_program_target_valid"),
            valid_choice("status", ProgramStatus.values, "funding_program_status_valid"),
            one_per(
                ["division", "year", "name"],
                "funding_program_unique_name",
                _("This division already runs a program of that name that year."),
            ),
        ]
        indexes = [
            models.Index(fields=["year", "division"], name="funding_program_year"),
            # The list's keyset order (newest year first).
            models.Index(fields=["-year", "-id"], name="funding_program_list_order"),
        ]

    def __str__(self):
        return f"{self.year} {self.name}"

    @property
    def bodies(self) -> list[FundingBody]:
        """The funding bodies, in their usual order."""
        flags = {
            FundingBody.LEAGUE: self.body_league,
            FundingBody.EDUCATION: self.body_education,
            FundingBody.WORK_COMMITTEE: self.body_work_committee,
        }
        return [body for body, funded in flags.items() if funded]

    @property
    def bodies_label(self) -> str:
        return "、".join(str(body.label) for body in self.bodies)

    @property
    def pays_committees(self) -> bool:
        return self.target == Target.COMMITTEES

    def needs_dual_signoff(self, amount: Decimal) -> bool:
        """Whether an allocation of ``amount`` needs two sign-offs (above the threshold)."""
        return self.dual_signoff_threshold is not None and amount > self.dual_signoff_threshold


class Envelope(AuditedModel):
    """A block of a program's money passed down to a division (切块下达): a prefecture from the
    program's own budget, or a county from its prefecture's envelope."""

    program = reference(Program, _("program"), related_name="envelopes")
    parent = reference(
        "self",
        _("passed down from"),
        optional=True,
        related_name="children",
        help_text=_("Empty: from the program's own budget."),
    )
    division = reference(
        "organizations.Division", _("received by"), related_name="funding_envelopes"
    )
    amount = MoneyField(_("amount (yuan)"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedManager(division="division__code")

    class Meta:
        verbose_name = _("envelope")
        verbose_name_plural = _("envelopes")
        ordering = ["program_id", "division_id"]
        constraints = [
            positive(
                "amount",
                "funding_envelope_amount_positive",
                _("The amount must be more than zero."),
            ),
            one_per(
                ["program", "division"],
                "funding_envelope_once_per_division",
                _("This division already received an envelope."),
            ),
        ]

    def __str__(self):
        return f"{self.program.name} · {self.division.name}"


class AllocationQuerySet(ScopedQuerySet):
    def counted(self) -> AllocationQuerySet:
        """Allocations that count against a budget: all but the cancelled ones."""
        return self.exclude(status=AllocationStatus.CANCELLED)


def _not_accepted() -> list[str]:
    return [s for s in AllocationStatus.values if s != AllocationStatus.USAGE_ACCEPTED]


# What an allocation holds of its pot: the amount, less a remainder returned after its usage
# report was accepted (结余退回).
NET_AMOUNT = F("amount") - F("remainder")


class Allocation(AuditedModel, VersionedModel):
    """Money from one pot of a program to one recipient: a school of the program's kind or a
    county work committee. planned → approved → disbursed → usage_reported → usage_accepted,
    or cancelled; every state but cancelled counts against the pot."""

    program = reference(Program, _("program"), related_name="allocations")
    envelope = reference(
        Envelope,
        _("drawn from envelope"),
        optional=True,
        related_name="allocations",
        help_text=_("Empty: from the program's own budget."),
    )
    recipient_school = reference(
        "organizations.School",
        _("recipient school"),
        optional=True,
        related_name="funding_allocations",
    )
    recipient_committee = reference(
        "organizations.WorkCommittee",
        _("recipient committee"),
        optional=True,
        related_name="funding_allocations",
    )
    # The recipient's county, copied when the allocation is made: scope and figures by
    # prefecture and county read it without joining schools and committees.
    recipient_code = models.CharField(_("recipient's county"), max_length=6, editable=False)
    amount = MoneyField(_("amount (yuan)"))
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    status = status_field(AllocationStatus, default=AllocationStatus.PLANNED)
    # Raised each time an approved allocation is sent back: sign-offs count per round.
    round = models.PositiveSmallIntegerField(_("approval round"), default=1, editable=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    disbursed_at = models.DateTimeField(_("disbursed at"), null=True, blank=True)
    disbursed_by = reference(settings.AUTH_USER_MODEL, _("disbursed by"), optional=True)
    spent = MoneyField(_("spent (yuan)"), null=True, blank=True)
    usage_summary = models.TextField(_("usage report"), blank=True)
    usage_reported_at = models.DateTimeField(_("usage reported at"), null=True, blank=True)
    usage_reported_by = reference(settings.AUTH_USER_MODEL, _("usage reported by"), optional=True)
    usage_accepted_at = models.DateTimeField(_("usage accepted at"), null=True, blank=True)
    remainder = MoneyField(_("remainder returned (yuan)"), default=ZERO)
    return_reason = models.TextField(_("reason given"), blank=True)

    objects = AllocationQuerySet.as_manager(division="recipient_code", school="recipient_school")

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-id"]
        permissions = [
            ("approve_allocation", _("Can approve allocations")),
            ("disburse_allocation", _("Can disburse allocations")),
            ("report_usage", _("Can report the usage of an allocation")),
            ("accept_usage", _("Can accept usage reports")),
        ]
        constraints = [
            positive(
                "amount",
                "funding_allocation_amount_positive",
                _("The amount must be more than zero."),
            ),
            exactly_one_of(
                "recipient_school",
                "recipient_committee",
                "funding_allocation_one_recipient",
                _("Choose one recipient: a school or a committee."),
            ),
            valid_choice("status", AllocationStatus.values, "funding_allocation_status_valid"),
            models.CheckConstraint(
                condition=Q(spent__isnull=True) | Q(spent__gte=0, spent__lte=F("amount")),
                name="funding_allocation_spent_within_amount",
                violation_error_message=_("What was spent lies between zero and the amount."),
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=[AllocationStatus.USAGE_REPORTED, AllocationStatus.USAGE_ACCEPTED]
                )
                | Q(spent__isnull=False),
                name="funding_allocation_usage_has_spent",
            ),
            # The remainder is what an accepted report left unspent, and nothing before.
            models.CheckConstraint(
                condition=Q(remainder=0, status__in=_not_accepted())
                | Q(status=AllocationStatus.USAGE_ACCEPTED, remainder=F("amount") - F("spent")),
                name="funding_allocation_remainder_when_accepted",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "status"], name="funding_allocation_program"),
            models.Index(fields=["recipient_code", "status"], name="funding_allocation_area"),
        ]

    def __str__(self):
        return f"{self.program.name} → {self.recipient}"

    @property
    def recipient(self):
        return self.recipient_school or self.recipient_committee

    @property
    def net_amount(self) -> Decimal:
        """What the allocation holds of its pot once a remainder has gone back."""
        return self.amount - self.remainder

    @property
    def pot_division_id(self) -> str:
        return self.envelope.division_id if self.envelope_id else self.program.division_id


class Signoff(models.Model):
    """One approver's sign-off on an allocation, in one approval round; never changed.
    Above the program's threshold a round needs a League and an education sign-off."""

    allocation = part_of(Allocation, _("allocation"), related_name="signoffs")
    round = models.PositiveSmallIntegerField(_("approval round"))
    body = models.CharField(_("signed for"), max_length=16, choices=SignoffBody.choices)
    signer = reference(settings.AUTH_USER_MODEL, _("signed by"), related_name="funding_signoffs")
    signed_at = models.DateTimeField(_("signed at"), default=clock.now, editable=False)

    objects = ScopedManager(
        division="allocation__recipient_code", school="allocation__recipient_school"
    )

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["allocation_id", "signed_at", "id"]
        constraints = [
            one_per(
                ["allocation", "round", "signer"],
                "funding_signoff_once_per_signer",
                _("You have already signed this allocation."),
            ),
            one_per(
                ["allocation", "round", "body"],
                "funding_signoff_once_per_body",
                _("This side has already signed this allocation."),
            ),
            valid_choice("body", SignoffBody.values, "funding_signoff_body_valid"),
        ]

    def __str__(self):
        return f"{self.get_body_display()} · {self.signer}"


class UsageReceipt(PartEvidenceFile):
    """A receipt or photo supporting a usage report (PDF, JPEG or PNG, judged by its bytes)."""

    evidence_folder = "funding/receipts"

    allocation = part_of(Allocation, _("allocation"), related_name="receipts")

    objects = ScopedManager(
        division="allocation__recipient_code", school="allocation__recipient_school"
    )

    class Meta(PartEvidenceFile.Meta):
        verbose_name = _("usage receipt")
        verbose_name_plural = _("usage receipts")
        ordering = ["allocation_id", "uploaded_at", "id"]
