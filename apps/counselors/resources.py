"""Excel export of counselor records, masked like every page (django-import-export)."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from apps.counselors.masking import shown_id_number, shown_phone
from apps.counselors.models import Counselor

# A cell starting with one of these is read by spreadsheet programs as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@")


def _safe(value: str) -> str:
    return f"'{value}" if value and value.startswith(FORMULA_PREFIXES) else value


class CounselorExportResource(resources.ModelResource):
    """Rows of the counselor list for ``viewer``; ID numbers and phones shown as they may see."""

    county = fields.Field(column_name=_("County"))
    school = fields.Field(column_name=_("School"))
    name = fields.Field(column_name=_("Name"))
    gender = fields.Field(column_name=_("Gender"))
    ethnicity = fields.Field(attribute="ethnicity", column_name=_("Ethnicity"))
    birth_date = fields.Field(attribute="birth_date", column_name=_("Birth date"))
    id_number = fields.Field(column_name=_("ID number"))
    phone = fields.Field(column_name=_("Phone"))
    post = fields.Field(column_name=_("Post"))
    post_rank = fields.Field(column_name=_("Post rank against middle management"))
    teacher_title = fields.Field(column_name=_("Teacher title"))
    has_account = fields.Field(column_name=_("Has a user account"))

    class Meta:
        model = Counselor
        fields = (
            "county",
            "school",
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number",
            "phone",
            "post",
            "post_rank",
            "teacher_title",
            "has_account",
        )

    def __init__(self, *, viewer, **kwargs):
        super().__init__(**kwargs)
        self.viewer = viewer

    def dehydrate_county(self, counselor):
        return counselor.county.name

    def dehydrate_school(self, counselor):
        return _safe(counselor.school.name) if counselor.school_id else ""

    def dehydrate_name(self, counselor):
        return _safe(counselor.name)

    def dehydrate_gender(self, counselor):
        return str(counselor.get_gender_display())

    def dehydrate_id_number(self, counselor):
        return shown_id_number(self.viewer, counselor)

    def dehydrate_phone(self, counselor):
        return shown_phone(self.viewer, counselor)

    def dehydrate_post(self, counselor):
        return str(counselor.get_post_display())

    def dehydrate_post_rank(self, counselor):
        return str(counselor.get_post_rank_display())

    def dehydrate_teacher_title(self, counselor):
        return str(counselor.get_teacher_title_display())

    def dehydrate_has_account(self, counselor):
        return str(_("Yes")) if counselor.user_id else str(_("No"))
