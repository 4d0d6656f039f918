"""Forms of the training area. Counselor choices are limited to the user's scope."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedFormMixin
from apps.core.people import PersonChoiceField
from apps.counselors.models import Counselor
from apps.documents.models import Document
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.training.models import Attendance, Course, TrainingPlan
from apps.training.services import COURSE_FIELDS, PLAN_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TrainingPlanForm(VersionedFormMixin, forms.ModelForm):
    """A plan, the issued document that set it, and one target field per prefecture of the
    province (``target_530100``...)."""

    class Meta:
        model = TrainingPlan
        fields = list(PLAN_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Issued documents only (the model's choices), the latest first. A read-only admin
        # page builds the form without the field.
        if "document" in self.fields:
            self.fields["document"].queryset = Document.objects.issued().order_by(
                "-dated_on", "-pk"
            )
        current = {}
        if self.instance.pk:
            current = dict(self.instance.targets.values_list("prefecture_id", "target"))
        self.prefectures = list(
            Division.objects.filter(
                level=DivisionLevel.PREFECTURE, code__startswith=settings.PORTAL_PROVINCE_CODE
            ).order_by("code")
        )
        for prefecture in self.prefectures:
            self.fields[f"target_{prefecture.code}"] = forms.IntegerField(
                label=_("Target: %(prefecture)s") % {"prefecture": prefecture.name},
                min_value=0,
                required=False,
                initial=current.get(prefecture.code, 0),
            )

    def targets(self) -> dict[str, int]:
        """Per prefecture code, its target; an empty field counts as none (0)."""
        return {p.code: self.cleaned_data.get(f"target_{p.code}") or 0 for p in self.prefectures}

    def clean(self):
        cleaned = super().clean()
        total = cleaned.get("target_total")
        complete = all(f"target_{p.code}" in cleaned for p in self.prefectures)
        if total and complete and sum(self.targets().values()) > total:
            self.add_error(
                "target_total", _("The prefecture targets add up to more than the total.")
            )
        return cleaned


class CourseForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = list(COURSE_FIELDS)
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}


class AttendanceForm(forms.ModelForm):
    """One counselor's attendance at a course; ``school`` narrows the counselor list."""

    counselor = PersonChoiceField(queryset=Counselor.objects.none(), label=_("Counselor"))

    class Meta:
        model = Attendance
        fields = ["counselor", "hours", "certificate_number"]

    def __init__(self, *args, actor, course: Course, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.course = course
        counselors = Counselor.objects.for_actor(actor).select_related("school", "county")
        if school is not None:
            counselors = counselors.filter(school=school)
        self.fields["counselor"].queryset = counselors.order_by("school__name", "name", "pk")
        self.fields["hours"].initial = course.hours
        self.fields["hours"].help_text = _("At most %(hours)s.") % {"hours": course.hours}
