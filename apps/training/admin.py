"""Training in the admin. Every write goes through the training services: a plan with its
prefecture targets (the portal's own plan form), courses, attendance, and their deletions,
which the services refuse where other records depend on the row."""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin, VersionedAdminMixin
from apps.core.admin_writes import AuditedAdminMixin, ServiceDeleteMixin
from apps.core.people import person_label
from apps.exports.import_admin import ScopedImportExportMixin
from apps.training.forms import TrainingPlanForm
from apps.training.models import Attendance, Course, TrainingPlan
from apps.training.permissions import can_add_course, can_change_course, is_province_level
from apps.training.resources import AttendanceResource
from apps.training.services import (
    COURSE_FIELDS,
    PLAN_FIELDS,
    attendance_delete,
    attendance_record,
    attendance_update,
    course_create,
    course_delete,
    course_update,
    training_plan_create,
    training_plan_delete,
    training_plan_update,
)

AUDIT_FIELDS = AuditedAdminMixin.AUDIT_FIELDS


@admin.register(TrainingPlan)
class TrainingPlanAdmin(
    AuditedAdminMixin, ServiceDeleteMixin, VersionedAdminMixin, admin.ModelAdmin
):
    """Plans are provincial: everyone with the view permission reads, the province edits.
    The targets are fields of the plan's form, saved with it by the plan service."""

    form = TrainingPlanForm
    list_display = ["name", "start_year", "end_year", "issuing_body", "target_total"]
    search_fields = ["name"]
    readonly_fields = AUDIT_FIELDS

    def get_fieldsets(self, request, obj=None):
        form = self.form(instance=obj)
        targets = [f"target_{prefecture.code}" for prefecture in form.prefectures]
        return [
            (None, {"fields": [*PLAN_FIELDS, *self.version_field(request, obj)]}),
            (_("Prefecture targets"), {"fields": targets}),
            (_("Record"), {"fields": AUDIT_FIELDS}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The target fields are the form's own (one per prefecture), not model fields.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        # So is "version", the version the page was loaded at.
        kwargs["fields"] = [
            name
            for name in fields
            if not name.removeprefix("target_").isdigit() and name != "version"
        ]
        return super().get_form(request, obj, change=change, **kwargs)

    def has_add_permission(self, request):
        return is_province_level(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_province_level(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_province_level(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in PLAN_FIELDS}
        if change:
            training_plan_update(
                actor=request.user,
                plan=obj,
                targets=form.targets(),
                seen_version=form.cleaned_data.get("version"),
                **data,
            )
        else:
            obj.pk = training_plan_create(actor=request.user, targets=form.targets(), **data).pk
        obj.refresh_from_db()

    def delete_service(self, actor, row):
        training_plan_delete(actor=actor, plan=row)


@admin.register(Course)
class CourseAdmin(AuditedAdminMixin, ServiceDeleteMixin, VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "plan", "category", "mode", "start_date", "hours", "capacity"]
    list_filter = ["category", "mode", "plan"]
    list_select_related = ["plan"]
    search_fields = ["name", "organiser"]
    date_hierarchy = "start_date"
    readonly_fields = ["owner", *AUDIT_FIELDS]

    # Courses are shared: everyone with the view right reads them; only staff holding the
    # owning division change or delete one (the services refuse the others too).
    def has_add_permission(self, request):
        return can_add_course(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_change_course(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_change_course(request.user, obj))

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in COURSE_FIELDS}
        if change:
            seen = form.cleaned_data.get("version")
            course_update(actor=request.user, course=obj, seen_version=seen, **data)
        else:
            obj.pk = course_create(actor=request.user, **data).pk
        obj.refresh_from_db()

    def delete_service(self, actor, row):
        course_delete(actor=actor, course=row)


@admin.register(Attendance)
class AttendanceAdmin(
    AuditedAdminMixin,
    ServiceDeleteMixin,
    ScopedImportExportMixin,
    ScopedAdminMixin,
    admin.ModelAdmin,
):
    """Attendance of counselors in the user's scope; counselor choices scoped likewise.
    Imports name each row's course and find counselors only inside the scope."""

    resource_classes = [AttendanceResource]

    list_display = ["counselor_person", "course", "hours", "certificate_number", "created_at"]
    list_select_related = ["counselor__school", "counselor__county", "course"]
    list_filter = ["course__category", "course__mode"]
    search_fields = ["counselor__name", "certificate_number", "course__name"]
    autocomplete_fields = ["course", "counselor"]

    @admin.display(description=_("counselor"), ordering="counselor__name")
    def counselor_person(self, attendance):
        return person_label(attendance.counselor)

    def get_readonly_fields(self, request, obj=None):
        # A record belongs to its course and counselor; a mistake there is a new record.
        fixed = ["course", "counselor"] if obj is not None else []
        return [*fixed, *AUDIT_FIELDS]

    def save_model(self, request, obj, form, change):
        data = {"hours": obj.hours, "certificate_number": obj.certificate_number}
        if change:
            attendance_update(actor=request.user, attendance=obj, **data)
            return
        saved = attendance_record(
            actor=request.user, course=obj.course, counselor=obj.counselor, **data
        )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_service(self, actor, row):
        attendance_delete(actor=actor, attendance=row)
