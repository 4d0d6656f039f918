"""An allocation list from a spreadsheet, into one program (django-import-export).

A row names a recipient by county and school name (for a program paying committees, by county
alone: its work committee), an amount in yuan and what it is for. Recipients are looked up only
inside the importer's scope; one outside it reads "not found in your area", exactly like one
that does not exist. Amounts are Decimal to the fen (a third decimal is refused, never
rounded). Before any row is written, the rows drawing on each pot are added up and checked
against what the pot has left, so a file that overspends is refused as a whole, naming the pot.
Rows are written through ``allocation_create``, which checks the kind of recipient and the
pot's budget again under its row lock. A row matching an allocation already made (same
recipient, amount and purpose, not cancelled) is skipped, so a file imported twice adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from operator import attrgetter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.money import yuan
from apps.core.scope import code_prefix, in_scope
from apps.exports.imports import Column, LookupWidget, ScopedResource, TextWidget, YuanWidget
from apps.funding import services
from apps.funding.budget import Pot, path_codes
from apps.funding.choices import Target
from apps.funding.models import Allocation, Envelope, Program
from apps.organizations.models import Division, School, WorkCommittee
from apps.organizations.resources import CountyLookup, county_column

COUNTY = county_column(
    required=True,
    aliases=("县（市、区）", "县区", "区县", "所属县区", "县区代码"),
    hint=gettext_lazy("The county's 6-digit code (530102) or its name (五华区)."),
    error_keys=("recipient_code", "recipient_committee"),
)
SCHOOL = Column(
    "school",
    "学校名称",
    gettext_lazy("School"),
    required=True,
    aliases=("学校", "受助学校"),
    hint=gettext_lazy("The school's full name, as the portal knows it in that county."),
    width=28,
    error_keys=("recipient", "recipient_school"),
)
AMOUNT = Column(
    "amount",
    "金额（元）",
    gettext_lazy("Amount (yuan)"),
    required=True,
    aliases=("金额", "拨款金额", "分配金额"),
    hint=gettext_lazy("Yuan with at most two decimals, e.g. 3000 or 3000.50."),
    width=14,
)
PURPOSE = Column(
    "purpose",
    "用途说明",
    gettext_lazy("Purpose"),
    aliases=("用途",),
    hint=gettext_lazy("Optional: what the money is for."),
    width=30,
)


class AmountWidget(YuanWidget):
    """Yuan as typed ("3,000.50") to a Decimal to the fen, more than zero."""

    def __init__(self):
        super().__init__(required=True)

    def parse(self, text):
        amount = super().parse(text)
        if amount <= 0:
            raise ValueError(_("The amount must be more than zero."))
        return amount


class AllocationResource(ScopedResource):
    """Allocations of one program to recipients in the importer's scope."""

    columns = (COUNTY, SCHOOL, AMOUNT, PURPOSE)

    county = COUNTY.field(
        LookupWidget("_resolve_county", render_as="_county_name"), attribute="recipient_code"
    )
    school = SCHOOL.field(
        LookupWidget("_resolve_school", render_as=attrgetter("name")), attribute="recipient_school"
    )
    amount = AMOUNT.field(AmountWidget())
    purpose = PURPOSE.field(TextWidget())

    class Meta:
        model = Allocation
        name = gettext_lazy("Allocations")
        fields = ("county", "school", "amount", "purpose")

    def __init__(self, *, actor, program: Program, **kwargs):
        super().__init__(actor=actor, **kwargs)
        self.program = program
        self._counties: CountyLookup | None = None
        self._schools: dict[tuple[str, str], School] = {}
        self._committees: dict[str, WorkCommittee] = {}
        self._existing: dict[tuple, Allocation] = {}
        self._over: dict[int | None, str] = {}
        self._envelopes: dict[str, Envelope] = {}

    @property
    def pays_committees(self) -> bool:
        return self.program.target == Target.COMMITTEES

    def import_columns(self):
        if self.pays_committees:
            return (COUNTY, AMOUNT, PURPOSE)
        return self.columns

    def example(self):
        return {
            "county": "五华区",
            "school": "" if self.pays_committees else "五华区示例小学",
            "amount": "3000.00",
            "purpose": "少先队鼓号队器材",
        }

    # Lookups: a few queries for the whole file -------------------------------------------

    def _county_of(self, row) -> Division | None:
        return self._counties.find(COUNTY.cell(row))

    def _resolve_county(self, text, row) -> str:
        return self._counties.resolve(text).code

    def _county_name(self, code: str) -> str:
        """The county's name where the file's counties were looked up, else its code."""
        county = self._counties.find(code) if self._counties else None
        return county.name if county else code

    def _resolve_school(self, text, row):
        if not text:
            raise ValueError(_("Fill in this column."))
        county = self._county_of(row)
        if county is None:
            # The county cell carries the error.
            return None
        school = self._schools.get((county.code, text))
        if school is None:
            raise ValueError(_("No school of this name in that county in your area."))
        return school

    def _recipient(self, row):
        county = self._county_of(row)
        if county is None:
            return None
        if self.pays_committees:
            return self._committees.get(county.code)
        return self._schools.get((county.code, SCHOOL.cell(row)))

    def _amount(self, row) -> Decimal | None:
        try:
            return AmountWidget().clean(AMOUNT.cell(row))
        except ValueError:
            return None

    def _key(self, recipient, row) -> tuple:
        return (
            type(recipient).__name__,
            recipient.pk,
            self._amount(row),
            PURPOSE.cell(row),
        )

    def _pot(self, recipient) -> Pot:
        county = recipient.county_id if isinstance(recipient, School) else recipient.division_id
        for code in path_codes(county):
            if code in self._envelopes:
                return Pot(program=self.program, envelope=self._envelopes[code])
        return Pot(program=self.program)

    def prepare(self, rows):
        self._counties = CountyLookup(self.actor, within=code_prefix(self.program.division_id))
        codes = {county.code for row in rows if (county := self._county_of(row))}
        if self.pays_committees:
            committees = WorkCommittee.objects.filter(division_id__in=codes)
            self._committees = {c.division_id: c for c in in_scope(committees, self.actor)}
        else:
            names = {SCHOOL.cell(row) for row in rows}
            schools = School.objects.filter(county_id__in=codes, name__in=names)
            self._schools = {(s.county_id, s.name): s for s in in_scope(schools, self.actor)}
        self._envelopes = {
            e.division_id: e
            for e in Envelope.objects.filter(program=self.program).select_related("division")
        }
        existing = Allocation.objects.filter(program=self.program).counted()
        self._existing = {
            (
                "School" if a.recipient_school_id else "WorkCommittee",
                a.recipient_school_id or a.recipient_committee_id,
                a.amount,
                a.purpose,
            ): a
            for a in existing
        }
        self._check_pots(rows)

    def _check_pots(self, rows) -> None:
        """What the file's new rows draw on each pot, against what the pot has left."""
        drawn: dict[int | None, Decimal] = defaultdict(Decimal)
        pots: dict[int | None, Pot] = {}
        for row in rows:
            recipient, amount = self._recipient(row), self._amount(row)
            if recipient is None or amount is None or self._key(recipient, row) in self._existing:
                continue
            pot = self._pot(recipient)
            key = pot.envelope.pk if pot.envelope else None
            pots[key] = pot
            drawn[key] += amount
        self._over = {}
        for key, total in drawn.items():
            remaining = pots[key].remaining()
            if total > remaining:
                self._over[key] = _(
                    "The file's rows for %(pot)s come to %(total)s; it has %(remaining)s left."
                ) % {"pot": pots[key].label, "total": yuan(total), "remaining": yuan(remaining)}

    def find(self, row):
        recipient = self._recipient(row)
        return self._existing.get(self._key(recipient, row)) if recipient else None

    def init_instance(self, row=None):
        return Allocation(program=self.program)

    def check_row(self, instance, row, errors):
        recipient = self._recipient(row)
        if recipient is None:
            if self.pays_committees and self._county_of(row) and "recipient_code" not in errors:
                return {"recipient_code": [_("This county has no work committee in the portal.")]}
            return {}
        if instance.pk is None:
            pot = self._pot(recipient)
            message = self._over.get(pot.envelope.pk if pot.envelope else None)
            if message:
                return {"amount": [message]}
        return {}

    def save_row(self, instance, is_create):
        if not is_create:
            return instance
        row_recipient = instance.recipient_school
        if self.pays_committees:
            row_recipient = self._committees[instance.recipient_code]
        return services.allocation_create(
            actor=self.actor,
            program=self.program,
            recipient=row_recipient,
            amount=instance.amount,
            purpose=instance.purpose,
        )

    # Export --------------------------------------------------------------------------

    def dehydrate_county(self, allocation):
        return allocation.recipient_code
