"""Spreadsheet import and export of counselor records (the portal's import page and the
admin), inside the user's scope and masked as on every page (see apps.exports.imports)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.counselors.choices import ETHNICITY_CHOICES, CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.masking import (
    can_see_full_id_number,
    mask_birth_date,
    mask_id_number,
    mask_phone,
)
from apps.counselors.models import Counselor
from apps.counselors.services import (
    STAFF_FIELDS,
    counselor_create,
    counselor_update,
    security_log,
)
from apps.counselors.validators import (
    build_id_number,
    id_birth_date,
    normalize_id_number,
    validate_id_number,
)
from apps.exports.imports import (
    ChoiceWidget,
    Column,
    DateWidget,
    LookupWidget,
    ScopedResource,
    TextWidget,
    repeated,
)
from apps.organizations.models import School
from apps.organizations.resources import CountyLookup, county_column


class _MaskedUnlessFull:
    """A widget of personal data written out through ``mask`` unless its resource (bound
    when the resource is created) shows personal data in full to its actor."""

    mask: Callable[[Any], str]
    resource = None

    def bind(self, resource) -> None:
        self.resource = resource

    def render(self, value, obj=None, **kwargs):
        value = super().render(value, obj, **kwargs)
        if not value or (self.resource is not None and self.resource.shows_full_personal_data):
            return value
        return self.mask(value)


class IdNumberWidget(_MaskedUnlessFull, TextWidget):
    """An ID number checked with the counselors' own validators; written out masked."""

    mask = staticmethod(mask_id_number)

    def __init__(self):
        super().__init__(required=True)

    def parse(self, text):
        number = normalize_id_number(text)
        try:
            validate_id_number(number)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error
        return number


class PhoneWidget(_MaskedUnlessFull, TextWidget):
    """A phone number (validated by the model); written out masked like ID numbers."""

    mask = staticmethod(mask_phone)


class BirthDateWidget(_MaskedUnlessFull, DateWidget):
    """A birth date, written out as 1985-**-** unless the viewer may see ID numbers in
    full: its month and day are the hidden middle of a masked ID number."""

    mask = staticmethod(mask_birth_date)


# Shorter ways people write the post and its rank.
POST_ALIASES = {
    "总辅导员": CounselorPost.COUNTY_CHIEF,
    "大队": CounselorPost.BRIGADE,
    "中队": CounselorPost.SQUAD,
}
RANK_ALIASES = {
    "低于中层": PostRank.BELOW,
    "相当于中层": PostRank.MIDDLE,
    "中层": PostRank.MIDDLE,
    "高于中层": PostRank.ABOVE,
}

NAME = Column("name", "姓名", gettext_lazy("Full name"), required=True, width=10)
GENDER = Column(
    "gender",
    "性别",
    gettext_lazy("Gender"),
    required=True,
    hint=gettext_lazy("男 or 女."),
    width=6,
    options=ChoiceWidget(Gender).options,
)
ETHNICITY = Column(
    "ethnicity",
    "民族",
    gettext_lazy("Ethnicity"),
    hint=gettext_lazy("The full name of the ethnic group (汉族, 彝族...); empty means 汉族."),
    width=8,
)
BIRTH_DATE = Column(
    "birth_date",
    "出生日期",
    gettext_lazy("Birth date"),
    hint=gettext_lazy("Such as 1985-05-12; empty means the date in the ID number."),
    width=12,
    masked=mask_birth_date,
)
ID_NUMBER = Column(
    "id_number",
    "身份证号",
    gettext_lazy("ID number"),
    required=True,
    aliases=("身份证号码", "公民身份号码"),
    hint=gettext_lazy("18 characters; it identifies the counselor, so it is never changed."),
    width=22,
    as_text=True,
    masked=mask_id_number,
)
PHONE = Column(
    "phone",
    "联系电话",
    gettext_lazy("Phone"),
    aliases=("手机", "手机号", "电话"),
    hint=gettext_lazy("An 11-digit mobile number, or a landline with its area code."),
    width=14,
    as_text=True,
    masked=mask_phone,
)
COUNTY = county_column(
    required=False,
    hint=gettext_lazy(
        "Required for a county chief counselor; otherwise it may stay empty and is taken"
        " from the school."
    ),
)
SCHOOL = Column(
    "school",
    "学校",
    gettext_lazy("School"),
    aliases=("学校名称", "所在学校"),
    hint=gettext_lazy(
        "The school's full name, as listed in the portal; only schools in your area. Empty"
        " for a county chief counselor."
    ),
    width=28,
)
POST = Column(
    "post",
    "岗位",
    gettext_lazy("Post"),
    required=True,
    hint=gettext_lazy("One of the choices in the drop-down list."),
    width=18,
    options=ChoiceWidget(CounselorPost).options,
)
POST_RANK = Column(
    "post_rank",
    "岗位级别",
    gettext_lazy("Post rank against middle management"),
    aliases=("岗位等级",),
    hint=gettext_lazy("Against the school's middle management; empty means below it."),
    width=22,
    options=ChoiceWidget(PostRank).options,
)
TEACHER_TITLE = Column(
    "teacher_title",
    "教师职称",
    gettext_lazy("Teacher title"),
    aliases=("职称",),
    hint=gettext_lazy("Empty means no title."),
    width=12,
    options=ChoiceWidget(TeacherTitle).options,
)
COLUMNS = (
    NAME,
    GENDER,
    ETHNICITY,
    BIRTH_DATE,
    ID_NUMBER,
    PHONE,
    COUNTY,
    SCHOOL,
    POST,
    POST_RANK,
    TEACHER_TITLE,
)


def example_id_number() -> str:
    """A well-formed ID number for the template's example row (Wuhua, 1985-05-12)."""
    return build_id_number(region="530102", birth=datetime.date(1985, 5, 12), sequence=2)


class CounselorResource(ScopedResource):
    """Counselor records of the actor's scope, identified by ID number, so importing the same
    file again changes nothing. Schools and counties resolve only inside the scope; an ID
    number registered outside it is a row error. Written through the counselor services."""

    columns = COLUMNS
    derived_fields = ("birth_date", "county")
    export_select_related = ("county", "school")

    name = NAME.field(TextWidget(required=True))
    gender = GENDER.field(ChoiceWidget(Gender, required=True))
    ethnicity = ETHNICITY.field(ChoiceWidget(ETHNICITY_CHOICES), default="汉族")
    birth_date = BIRTH_DATE.field(BirthDateWidget(), saves_null_values=False)
    id_number = ID_NUMBER.field(IdNumberWidget())
    phone = PHONE.field(PhoneWidget())
    county = COUNTY.field(
        LookupWidget("_resolve_county", render_as=attrgetter("name")), saves_null_values=False
    )
    school = SCHOOL.field(LookupWidget("_resolve_school", render_as=attrgetter("name")))
    post = POST.field(ChoiceWidget(CounselorPost, required=True, aliases=POST_ALIASES))
    post_rank = POST_RANK.field(
        ChoiceWidget(PostRank, aliases=RANK_ALIASES), default=PostRank.BELOW
    )
    teacher_title = TEACHER_TITLE.field(ChoiceWidget(TeacherTitle), default=TeacherTitle.NONE)

    class Meta:
        model = Counselor
        name = gettext_lazy("Counselors")
        fields = tuple(column.key for column in COLUMNS)
        import_id_fields = ("id_number",)

    def __init__(self, *, actor, **kwargs):
        super().__init__(actor=actor, **kwargs)
        self.counties: CountyLookup | None = None
        self.schools: dict[str, list[School]] = {}
        self.in_scope: dict[str, Counselor] = {}
        self.elsewhere: set[str] = set()
        self.repeated: set[str] = set()

    @property
    def shows_full_personal_data(self) -> bool:
        return can_see_full_id_number(self.actor)

    def example(self):
        return {
            "name": "张丽",
            "gender": ChoiceWidget(Gender).labels()[Gender.FEMALE],
            "ethnicity": "彝族",
            "birth_date": "1985-05-12",
            "id_number": example_id_number(),
            "phone": "13800000000",
            "county": "五华区",
            "school": "五华区示例小学",
            "post": ChoiceWidget(CounselorPost).labels()[CounselorPost.BRIGADE],
            "post_rank": ChoiceWidget(PostRank).labels()[PostRank.MIDDLE],
            "teacher_title": ChoiceWidget(TeacherTitle).labels()[TeacherTitle.FIRST],
        }

    # Lookups, prepared once per file ----------------------------------------------------

    def prepare(self, rows):
        self.counties = CountyLookup(self.actor)
        numbers = [normalize_id_number(ID_NUMBER.cell(row)) for row in rows]
        self.repeated = repeated(number for number in numbers if number)
        wanted = {number for number in numbers if number}
        self.in_scope = {
            counselor.id_number: counselor
            for counselor in Counselor.objects.for_actor(self.actor)
            .filter(id_number__in=wanted)
            .select_related("county", "school")
        }
        # Numbers registered outside the scope: such a row can neither add nor change a
        # record, and says so without naming anything from outside.
        self.elsewhere = set(
            Counselor.objects.filter(id_number__in=wanted - set(self.in_scope)).values_list(
                "id_number", flat=True
            )
        )
        self.schools = {}
        names = {SCHOOL.cell(row) for row in rows} - {""}
        for school in (
            School.objects.for_actor(self.actor).filter(name__in=names).select_related("county")
        ):
            self.schools.setdefault(school.name, []).append(school)

    def _resolve_county(self, text, row):
        return self.counties.resolve(text) if text else None

    def _resolve_school(self, text, row):
        if not text:
            return None
        candidates = self.schools.get(text, [])
        county = self.counties.find(COUNTY.cell(row))
        if county is not None:
            candidates = [school for school in candidates if school.county_id == county.code]
        if not candidates:
            raise ValueError(_("No school with this name in your area."))
        if len(candidates) > 1:
            raise ValueError(
                _("Several schools in your area have this name; fill in the county column.")
            )
        return candidates[0]

    def find(self, row):
        return self.in_scope.get(normalize_id_number(ID_NUMBER.cell(row)))

    def check_row(self, instance, row, errors):
        found: dict[str, list[str]] = {}
        number = normalize_id_number(ID_NUMBER.cell(row))
        if number in self.elsewhere:
            security_log.warning(
                "counselor import: ID number registered elsewhere: actor=%s number=%s",
                self.actor.pk,
                mask_id_number(number),
            )
            found.setdefault("id_number", []).append(
                _(
                    "This ID number cannot be imported in your area. Check it, or ask the"
                    " provincial administrator."
                )
            )
        if number in self.repeated:
            found.setdefault("id_number", []).append(
                _("This ID number appears more than once in the file.")
            )
        # A school counselor's county is the school's, so the column may stay empty.
        if not COUNTY.cell(row) and instance.school_id is not None:
            instance.county = instance.school.county
        if instance.county_id is None and not {"county", "school"} & set(errors):
            found.setdefault("county", []).append(
                _("Fill in the county, or a school in your area.")
            )
        if not BIRTH_DATE.cell(row) and "id_number" not in errors:
            instance.birth_date = id_birth_date(number)
        return found

    def save_row(self, instance, is_create):
        data = {name: getattr(instance, name) for name in STAFF_FIELDS}
        if is_create:
            return counselor_create(actor=self.actor, **data)
        return counselor_update(actor=self.actor, counselor=instance, **data)
