"""Spreadsheet import and export of schools (the portal's import page and the admin), and a
read-only export of divisions, all inside the user's scope (see apps.exports.imports)."""

from __future__ import annotations

from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.exports.imports import (
    BooleanWidget,
    ChoiceWidget,
    Column,
    IntegerWidget,
    Lookup,
    LookupWidget,
    ScopedResource,
    TextWidget,
    repeated,
    yes_no,
)
from apps.organizations import services
from apps.organizations.choices import DivisionLevel, SchoolType
from apps.organizations.models import Division, School

COUNTY_ALIASES = (
    "所属县区",
    "县区",
    "区县",
    "县（市、区）",
    "所属县",
    "县区代码",
    "县级行政区划代码",
)


class CountyLookup(Lookup[Division]):
    """The counties inside an actor's scope (and, given ``within``, under the division of
    that code prefix), found by 6-digit code, by name, or by prefecture and name together
    (昆明市五华区). One query."""

    def __init__(self, actor, *, within: str = ""):
        super().__init__(
            unknown=gettext_lazy("No county with this code or name in your area."),
            ambiguous=gettext_lazy("Several counties in your area have this name; use its code."),
        )
        counties = (
            Division.objects.for_actor(actor)
            .filter(level=DivisionLevel.COUNTY, code__startswith=within)
            .select_related("parent")
        )
        for county in counties:
            keys = {county.code, county.name}
            if county.parent_id:
                keys.add(f"{county.parent.name}{county.name}")
            self.add(county, keys)

    def key(self, text: str) -> str:
        return text.replace(" ", "")


def county_column(
    *,
    required: bool,
    hint,
    aliases: tuple[str, ...] = COUNTY_ALIASES,
    error_keys: tuple[str, ...] = (),
) -> Column:
    """The county column of an import, read with ``CountyLookup`` (a code or a name)."""
    return Column(
        "county",
        "所属县（市、区）",
        gettext_lazy("County"),
        required=required,
        aliases=aliases,
        hint=hint,
        width=16,
        as_text=True,
        error_keys=error_keys,
    )


NAME = Column(
    "name",
    "学校名称",
    gettext_lazy("Name"),
    required=True,
    aliases=("学校", "名称", "school"),
    hint=gettext_lazy("The school's full name; with its county it identifies the school."),
    width=28,
)
COUNTY = county_column(
    required=True,
    hint=gettext_lazy(
        "The county's 6-digit code (530102) or its name (五华区); only counties in your area."
    ),
)
SCHOOL_TYPE = Column(
    "school_type",
    "学校类型",
    gettext_lazy("School type"),
    required=True,
    aliases=("类型",),
    hint=gettext_lazy("One of the choices in the drop-down list."),
    width=16,
    options=ChoiceWidget(SchoolType).options,
)
_FLAG_HINT = gettext_lazy("是 or 否; empty means 否.")
MIGRANT = Column(
    "is_migrant_children_school",
    "外来务工子女集中学校",
    gettext_lazy("Migrant workers' children school"),
    hint=_FLAG_HINT,
    options=yes_no,
)
RED_SCARF = Column(
    "is_red_scarf_demonstration",
    "红领巾示范校",
    gettext_lazy("Red-scarf demonstration school"),
    hint=_FLAG_HINT,
    options=yes_no,
)
PILOT = Column(
    "is_transition_pilot",
    "团队衔接试点",
    gettext_lazy("Team–league transition pilot"),
    hint=_FLAG_HINT,
    options=yes_no,
)
DRUM_CORPS = Column(
    "has_drum_corps",
    "鼓号队",
    gettext_lazy("Has a drum-and-bugle corps"),
    aliases=("有鼓号队",),
    hint=_FLAG_HINT,
    options=yes_no,
)


def _count_column(key: str, header: str, label, hint) -> Column:
    """A count of the school's brigades or squads: importing it leaves that many rows."""
    return Column(key, header, label, hint=hint, width=8)


BRIGADES = _count_column(
    "brigade_count",
    "大队数",
    gettext_lazy("Brigades"),
    gettext_lazy("A whole number; empty means 1."),
)
SQUADS = _count_column(
    "squad_count", "中队数", gettext_lazy("Squads"), gettext_lazy("A whole number; empty means 0.")
)
ADDRESS = Column("address", "地址", gettext_lazy("Address"), width=30)
SCHOOL_COLUMNS = (
    NAME,
    COUNTY,
    SCHOOL_TYPE,
    MIGRANT,
    RED_SCARF,
    PILOT,
    DRUM_CORPS,
    BRIGADES,
    SQUADS,
    ADDRESS,
)


# New schools are written this many at a time (with their brigades and squads).
WRITE_BATCH = 1000


class SchoolResource(ScopedResource):
    """Schools of the actor's counties, identified by county and name, so importing the
    same file again changes nothing. New schools are checked and written as a set by
    ``NewSchools`` (``school_create``'s rules), a thousand at a time; existing ones through
    ``school_update``. The brigade and squad counts become as many rows (``school_resize``
    for an existing school)."""

    columns = SCHOOL_COLUMNS
    export_select_related = ("county",)
    # New schools are queued and written as a set; an update goes through school_update.
    rows_need_savepoints = False

    name = NAME.field(TextWidget(required=True))
    county = COUNTY.field(LookupWidget("_resolve_county", render_as=attrgetter("name")))
    school_type = SCHOOL_TYPE.field(ChoiceWidget(SchoolType, required=True))
    is_migrant_children_school = MIGRANT.field(BooleanWidget(), default=False)
    is_red_scarf_demonstration = RED_SCARF.field(BooleanWidget(), default=False)
    is_transition_pilot = PILOT.field(BooleanWidget(), default=False)
    has_drum_corps = DRUM_CORPS.field(BooleanWidget(), default=False)
    brigade_count = BRIGADES.field(IntegerWidget(), default=1)
    squad_count = SQUADS.field(IntegerWidget(), default=0)
    address = ADDRESS.field(TextWidget())

    class Meta:
        model = School
        name = gettext_lazy("Schools")
        fields = tuple(column.key for column in SCHOOL_COLUMNS)
        import_id_fields = ("county", "name")

    def __init__(self, *, actor, **kwargs):
        super().__init__(actor=actor, **kwargs)
        self.counties: CountyLookup | None = None
        self.existing: dict[tuple[str, str], School] = {}
        self.repeated: set[tuple[str, str]] = set()
        # The file's new schools, checked and written as a set (None without the right to
        # add schools: each new row is then refused).
        self.new: services.NewSchools | None = None
        self.queued: list[tuple[School, School]] = []

    def example(self):
        return {
            "name": "五华区示例小学",
            "county": "五华区",
            "school_type": ChoiceWidget(SchoolType).labels()[SchoolType.PRIMARY],
            "is_migrant_children_school": "否",
            "is_red_scarf_demonstration": "是",
            "is_transition_pilot": "否",
            "has_drum_corps": "是",
            "brigade_count": 1,
            "squad_count": 18,
            "address": "昆明市五华区示例路1号",
        }

    def _resolve_county(self, text: str, row: dict[str, str]) -> Division:
        return self.counties.resolve(text)

    def _key(self, row: dict[str, str]) -> tuple[str, str]:
        text = COUNTY.cell(row)
        county = self.counties.find(text)
        return (county.code if county else text, NAME.cell(row))

    def prepare(self, rows):
        self.counties = CountyLookup(self.actor)
        keys = [self._key(row) for row in rows]
        self.repeated = repeated(key for key in keys if key[1])
        schools = (
            School.objects.for_actor(self.actor)
            .filter(county_id__in={key[0] for key in keys}, name__in={key[1] for key in keys})
            .select_related("county")
        )
        self.existing = {(school.county_id, school.name): school for school in schools}
        try:
            self.new = services.NewSchools(
                self.actor, county_ids={key[0] for key in keys}, names={key[1] for key in keys}
            )
        except PermissionDenied:
            self.new = None

    def find(self, row):
        return self.existing.get(self._key(row))

    def check_row(self, instance, row, errors):
        if self._key(row) in self.repeated:
            return {"name": [_("This school appears more than once in the file.")]}
        return {}

    def _new_schools(self) -> services.NewSchools:
        if self.new is None:
            raise PermissionDenied
        return self.new

    def check_new_row(self, instance) -> bool:
        # The file's repeats were found by check_row, the names already taken by prepare;
        # NewSchools applies the rest of school_create's rules.
        self._new_schools().check(**self._values(instance))
        return True

    def queue_new_row(self, instance) -> bool:
        self.queued.append((instance, self._new_schools().add(**self._values(instance))))
        if len(self.queued) >= WRITE_BATCH:
            self.write_queued_rows()
        return True

    def write_queued_rows(self) -> None:
        if self.new is not None:
            self.new.save()
        for instance, school in self.queued:
            instance.__dict__.update(school.__dict__)
        self.queued = []

    def _values(self, instance) -> dict:
        return {name: getattr(instance, name) for name in services.SCHOOL_FIELDS} | {
            name: getattr(instance, name) for name in services.COUNT_FIELDS
        }

    def save_row(self, instance, is_create):
        # New schools are queued and written as a set (queue_new_row); this updates one.
        data = {name: getattr(instance, name) for name in services.SCHOOL_FIELDS}
        counts = {name: getattr(instance, name) for name in services.COUNT_FIELDS}
        # The rows first: the recount puts the real counts back on ``instance`` before it
        # is saved with the file's other values.
        services.school_resize(actor=self.actor, school=instance, **counts)
        return services.school_update(actor=self.actor, school=instance, data=data)


class DivisionResource(ScopedResource):
    """Divisions in the actor's scope, for export only (they come from the national code
    list, never from a file)."""

    columns = (
        Column("code", "代码", gettext_lazy("code")),
        Column("name", "名称", gettext_lazy("name")),
        Column("level", "级别", gettext_lazy("level")),
        Column("parent", "上级", gettext_lazy("parent division")),
    )
    export_select_related = ("parent",)

    code = columns[0].field(TextWidget())
    name = columns[1].field(TextWidget())
    level = columns[2].field(ChoiceWidget(DivisionLevel))
    parent = columns[3].field(LookupWidget(lambda text, row: None, render_as=attrgetter("name")))

    class Meta:
        model = Division
        name = gettext_lazy("Divisions")
        fields = ("code", "name", "level", "parent")
        import_id_fields = ("code",)
