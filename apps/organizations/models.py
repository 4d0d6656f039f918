"""The organization tree: divisions, schools and their Young Pioneer brigades and squads,
work committees with their members, and county chief counselor posts.

Divisions are reference data (``load_divisions``); every other row is audited
(``AuditedModel``: who created and changed it, and its history) and written only through
``apps.organizations.services``.
"""

import datetime

from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.models import (
    AuditedModel,
    VersionedModel,
    empty_exactly_when,
    not_before,
    one_per,
    part_of,
    reference,
)
from apps.core.scope import ScopedManager, ScopedQuerySet, code_prefix
from apps.organizations.choices import (
    ChiefCounselorHost,
    CommitteeRole,
    DivisionLevel,
    HomeBody,
    SchoolType,
)


class Division(models.Model):
    """An administrative division, keyed by its GB/T 2260 code (province, prefecture, county)."""

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=DivisionLevel.choices)
    parent = reference("self", _("parent division"), optional=True, related_name="children")

    objects = ScopedManager(division="code")

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{6}$"), name="division_code_6_digits"
            ),
            empty_exactly_when(
                "parent", {"level": DivisionLevel.PROVINCE}, "division_parent_matches_level"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def prefix(self) -> str:
        return code_prefix(self.code)

    @property
    def is_county(self) -> bool:
        return self.level == DivisionLevel.COUNTY


class School(AuditedModel, VersionedModel):
    """A primary or secondary school with its Young Pioneer brigade(s) and squads.

    ``brigade_count`` and ``squad_count`` are a cache of the school's ``Brigade`` and
    ``Squad`` rows, kept by the services whenever a row is added or removed and never typed
    in: province-scale lists and indicators sum them without touching 300,000 squad rows.
    """

    name = models.CharField(_("name"), max_length=100)
    county = reference(
        Division,
        _("county"),
        related_name="schools",
        limit_choices_to={"level": DivisionLevel.COUNTY},
    )
    school_type = models.CharField(_("school type"), max_length=16, choices=SchoolType.choices)
    is_migrant_children_school = models.BooleanField(
        _("migrant workers' children school"), default=False
    )
    is_red_scarf_demonstration = models.BooleanField(
        _("red-scarf demonstration school"), default=False
    )
    is_transition_pilot = models.BooleanField(_("team–league transition pilot"), default=False)
    has_drum_corps = models.BooleanField(_("has a drum-and-bugle corps"), default=False)
    brigade_count = models.PositiveSmallIntegerField(_("brigades"), default=1, editable=False)
    squad_count = models.PositiveSmallIntegerField(_("squads"), default=0, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = ScopedManager(division="county__code", school="pk")

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["county_id", "name", "id"]
        constraints = [
            one_per(["county", "name"], "school_unique_name_in_county"),
        ]
        indexes = [models.Index(fields=["county", "name", "id"], name="school_list_order")]

    def __str__(self):
        return self.name


# The yes/no features a school is listed, filtered and counted by.
SCHOOL_FLAGS = (
    "is_migrant_children_school",
    "is_red_scarf_demonstration",
    "is_transition_pilot",
    "has_drum_corps",
)


class WorkCommitteeQuerySet(ScopedQuerySet):
    def with_dual_chair(self, on: datetime.date | None = None):
        """Annotate ``dual_chair``: two current chairs, one from the League, one from education."""
        on = on or clock.today()
        current_chairs = CommitteeMember.objects.current(on).filter(
            committee=OuterRef("pk"), role=CommitteeRole.CHAIR
        )
        return self.annotate(
            has_league_chair=Exists(current_chairs.filter(home_body=HomeBody.LEAGUE)),
            has_education_chair=Exists(current_chairs.filter(home_body=HomeBody.EDUCATION)),
        ).annotate(
            dual_chair=ExpressionWrapper(
                Q(has_league_chair=True, has_education_chair=True),
                output_field=models.BooleanField(),
            )
        )


class WorkCommittee(AuditedModel, VersionedModel):
    """The Young Pioneer work committee (少工委) of a division at county level or above."""

    division = models.OneToOneField(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="committee"
    )
    name = models.CharField(_("name"), max_length=100)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    objects = WorkCommitteeQuerySet.as_manager(division="division__code")

    class Meta:
        verbose_name = _("work committee")
        verbose_name_plural = _("work committees")
        ordering = ["division_id"]

    def __str__(self):
        return self.name


class CommitteeMemberQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        """Members serving on ``on`` (default today)."""
        on = on or clock.today()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))


class CommitteeMember(AuditedModel, VersionedModel):
    """A seat on a work committee, held by a person from a home body for a period."""

    committee = part_of(WorkCommittee, _("committee"), related_name="members")
    name = models.CharField(_("full name"), max_length=50)
    role = models.CharField(_("committee role"), max_length=32, choices=CommitteeRole.choices)
    home_body = models.CharField(_("home body"), max_length=16, choices=HomeBody.choices)
    department = models.CharField(_("department"), max_length=100, blank=True)
    position = models.CharField(_("position in home body"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_seconded = models.BooleanField(_("seconded (挂职)"), default=False)
    secondment_start = models.DateField(_("secondment start"), null=True, blank=True)
    secondment_end = models.DateField(_("secondment end"), null=True, blank=True)

    objects = CommitteeMemberQuerySet.as_manager(division="committee__division__code")

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee_id", "role", "start_date", "id"]
        constraints = [
            not_before("end_date", "start_date", "member_end_after_start", optional=["end_date"]),
            models.CheckConstraint(
                condition=Q(is_seconded=False)
                | Q(secondment_start__isnull=False, secondment_end__isnull=False),
                name="member_secondment_has_period",
            ),
            not_before(
                "secondment_end",
                "secondment_start",
                "member_secondment_end_after_start",
                optional=["secondment_start", "secondment_end"],
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or clock.today()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    @property
    def person_name(self) -> str:
        return self.name

    @property
    def person_unit(self) -> str:
        """The member's home body and department as recorded, else the kind of home body."""
        return self.department or str(self.get_home_body_display())


class ChiefCounselorPost(AuditedModel, VersionedModel):
    """A county's chief Young Pioneer counselor (少先队总辅导员) post and its host body."""

    county = models.OneToOneField(
        Division,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="chief_counselor_post",
        limit_choices_to={"level": DivisionLevel.COUNTY},
    )
    host_body = models.CharField(_("host body"), max_length=16, choices=ChiefCounselorHost.choices)
    holder_name = models.CharField(_("holder"), max_length=50, blank=True)
    holder_heads_section = models.BooleanField(_("holder also heads a section"), default=False)
    holder_section = models.CharField(_("section headed"), max_length=100, blank=True)

    objects = ScopedManager(division="county__code")

    class Meta:
        verbose_name = _("chief counselor post")
        verbose_name_plural = _("chief counselor posts")
        ordering = ["county_id"]

    def __str__(self):
        return _("Chief counselor of %(county)s") % {"county": self.county.name}

    @property
    def is_vacant(self) -> bool:
        return not self.holder_name

    # The holder, shown as a person: 姓名（单位）, the unit being the body hosting the post.
    @property
    def person_name(self) -> str:
        return self.holder_name

    @property
    def person_unit(self) -> str:
        return str(self.get_host_body_display())


class PioneerUnit(AuditedModel, VersionedModel):
    """What a brigade and a squad share: a name unique inside what they belong to, shown
    after their school's (五华区实验小学三年级（2）班中队), and rows in creation order."""

    name = models.CharField(_("name"), max_length=50)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self):
        return f"{self.school.name}{self.name}"


class Brigade(PioneerUnit):
    """A school's Young Pioneer brigade (少先队大队): commendations of advanced collectives
    and pairing point at it. Most schools have one; a large one may have several."""

    school = part_of(School, _("school"), related_name="brigades")

    objects = ScopedManager(division="school__county__code", school="school")

    class Meta(PioneerUnit.Meta):
        verbose_name = _("brigade")
        verbose_name_plural = _("brigades")
        constraints = [one_per(["school", "name"], "brigade_unique_name_in_school")]


class Squad(PioneerUnit):
    """A squad (少先队中队) of a brigade, usually one class."""

    brigade = part_of(Brigade, _("brigade"), related_name="squads")

    objects = ScopedManager(division="brigade__school__county__code", school="brigade__school")

    class Meta(PioneerUnit.Meta):
        verbose_name = _("squad")
        verbose_name_plural = _("squads")
        constraints = [one_per(["brigade", "name"], "squad_unique_name_in_brigade")]

    @property
    def school(self) -> School:
        return self.brigade.school
