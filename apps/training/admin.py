from django.contrib import admin

from apps.core.admin import ScopedAdminMixin
from apps.exports.import_admin import ScopedImportExportMixin
from apps.training.models import Attendance, Course, PlanTarget, TrainingPlan
from apps.training.permissions import is_province_level
from apps.training.resources import AttendanceResource
from apps.training.services import (
    COURSE_FIELDS,
    PLAN_FIELDS,
    attendance_record,
    attendance_update,
    course_create,
    course_update,
    plan_create,
    plan_update,
)


class PlanTargetInline(admin.TabularInline):
    model = PlanTarget
    extra = 0
    autocomplete_fields = ["prefecture"]


@admin.register(TrainingPlan)
class TrainingPlanAdmin(admin.ModelAdmin):
    """Plans are provincial: everyone with the view permission reads, the province edits."""

    list_display = ["name", "start_year", "end_year", "issuing_body", "target_total"]
    search_fields = ["name"]
    inlines = [PlanTargetInline]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return is_province_level(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_province_level(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_province_level(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # Targets are saved by the inline; the service saves the plan itself.
        data = {name: form.cleaned_data[name] for name in PLAN_FIELDS}
        if change:
            plan_update(actor=request.user, plan=obj, **data)
        else:
            obj.pk = plan_create(actor=request.user, **data).pk
            obj.refresh_from_db()


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "category", "mode", "start_date", "hours", "capacity"]
    list_filter = ["category", "mode", "plan"]
    list_select_related = ["plan"]
    search_fields = ["name", "organiser"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in COURSE_FIELDS}
        if change:
            course_update(actor=request.user, course=obj, **data)
        else:
            obj.pk = course_create(actor=request.user, **data).pk
            obj.refresh_from_db()


@admin.register(Attendance)
class AttendanceAdmin(ScopedImportExportMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Attendance of counselors in the user's scope; counselor choices scoped likewise.
    Imports name each row's course and find counselors only inside the scope."""

    resource_classes = [AttendanceResource]

    list_display = ["counselor", "course", "hours", "certificate_number", "recorded_at"]
    list_select_related = ["counselor", "course"]
    list_filter = ["course__category", "course__mode"]
    search_fields = ["counselor__name", "certificate_number", "course__name"]
    autocomplete_fields = ["course", "counselor"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        if change:
            attendance_update(
                actor=request.user,
                attendance=obj,
                hours=obj.hours,
                certificate_number=obj.certificate_number,
            )
            return
        saved = attendance_record(
            actor=request.user,
            course=obj.course,
            counselor=obj.counselor,
            hours=obj.hours,
            certificate_number=obj.certificate_number,
        )
        obj.pk, obj.recorded_at, obj.recorded_by = saved.pk, saved.recorded_at, saved.recorded_by
