from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from apps.core.pagination import CURSOR_PARAM, KeysetPaginator
from apps.exports.mixins import ListExportMixin
from apps.organizations.models import School
from apps.training.exports import COURSE_PARAM
from apps.training.forms import AttendanceForm, CourseForm, TrainingPlanForm
from apps.training.models import TrainingPlan
from apps.training.permissions import Perm, is_province_level
from apps.training.selectors import (
    course_attendances,
    course_list,
    course_queryset,
    plan_list,
    plan_progress,
)
from apps.training.services import (
    COURSE_FIELDS,
    PLAN_FIELDS,
    attendance_record,
    course_create,
    course_update,
    plan_create,
    plan_update,
)

# Unique orders of non-NULL columns for keyset pages.
COURSE_ORDER = ("-start_date", "name", "id")
ATTENDANCE_ORDER = ("counselor__county_id", "counselor__name", "id")


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class TrainingPlanListView(TemplateView):
    """Every training plan (provincial reference data)."""

    template_name = "training/trainingplan_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            plans=plan_list(actor=user),
            can_add=is_province_level(user) and user.has_perm(Perm.ADD_PLAN),
            **kwargs,
        )


class TrainingPlanDetailView(TemplateView):
    """A plan with its targets and face-to-face progress in the user's prefecture(s)."""

    template_name = "training/trainingplan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = get_object_or_404(plan_list(actor=user), pk=kwargs["pk"])
        rows = plan_progress(actor=user, plan=plan)
        return super().get_context_data(
            plan=plan,
            rows=rows,
            totals={
                "target": sum(r["target"] for r in rows),
                "trained": sum(r["trained"] for r in rows),
            },
            can_change=is_province_level(user) and user.has_perm(Perm.CHANGE_PLAN),
            **kwargs,
        )


class TrainingPlanCreateView(FormView):
    """Add a plan with its prefecture targets (province level)."""

    template_name = "training/trainingplan_form.html"
    form_class = TrainingPlanForm

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in PLAN_FIELDS}
        try:
            plan = plan_create(actor=self.request.user, targets=form.targets(), **data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Training plan saved."))
        return redirect("training:plan-detail", pk=plan.pk)


class TrainingPlanUpdateView(FormView):
    """Edit a plan and its prefecture targets (province level)."""

    template_name = "training/trainingplan_form.html"
    form_class = TrainingPlanForm

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(TrainingPlan, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.plan}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in PLAN_FIELDS}
        try:
            plan_update(actor=self.request.user, plan=self.plan, targets=form.targets(), **data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Training plan saved."))
        return redirect("training:plan-detail", pk=self.plan.pk)


class CourseListView(ListExportMixin, TemplateView):
    """Courses, filtered, with the number of attendees in the user's scope; ``?format=xlsx|csv``
    exports the filtered rows (apps.training.exports)."""

    template_name = "training/course_list.html"
    export_kind = "courses"

    def get_context_data(self, **kwargs):
        filterset = course_list(actor=self.request.user, filters=self.request.GET)
        page = KeysetPaginator(
            filterset.qs, per_page=settings.PORTAL_PAGE_SIZE, ordering=COURSE_ORDER
        ).page(self.request.GET.get(CURSOR_PARAM))
        return super().get_context_data(
            filter=filterset,
            page=page,
            courses=page.object_list,
            can_add=self.request.user.has_perm(Perm.ADD_COURSE),
            **kwargs,
        )


class CourseDetailView(ListExportMixin, TemplateView):
    """A course and its attendance by counselors in the user's scope; ``?format=xlsx|csv``
    exports that attendance (apps.training.exports)."""

    template_name = "training/course_detail.html"
    export_kind = "course-attendance"

    def get_export_filters(self):
        # The course comes from the URL: a course that does not exist is a 404 here too, and
        # a background job stores it with the filters so it rebuilds the same rows.
        course = get_object_or_404(course_queryset(actor=self.request.user), pk=self.kwargs["pk"])
        filters = self.request.GET.copy()
        filters[COURSE_PARAM] = str(course.pk)
        return filters

    def get_context_data(self, **kwargs):
        user = self.request.user
        course = get_object_or_404(course_queryset(actor=user), pk=kwargs["pk"])
        # Attendance names people: readers of courses alone (inspectors, officials) see the
        # course, not who attended it.
        can_view_attendance = user.has_perm(Perm.VIEW_ATTENDANCE)
        page = None
        if can_view_attendance:
            page = KeysetPaginator(
                course_attendances(actor=user, course=course),
                per_page=settings.PORTAL_PAGE_SIZE * 4,
                ordering=ATTENDANCE_ORDER,
            ).page(self.request.GET.get(CURSOR_PARAM))
        return super().get_context_data(
            course=course,
            page=page,
            attendances=page.object_list if page is not None else [],
            can_view_attendance=can_view_attendance,
            can_change=user.has_perm(Perm.CHANGE_COURSE),
            can_record=user.has_perm(Perm.ADD_ATTENDANCE),
            **kwargs,
        )


class CourseCreateView(FormView):
    """Add a course (education staff)."""

    template_name = "training/course_form.html"
    form_class = CourseForm

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in COURSE_FIELDS}
        try:
            course = course_create(actor=self.request.user, **data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Course saved."))
        return redirect("training:course-detail", pk=course.pk)


class CourseUpdateView(FormView):
    """Edit a course (education staff)."""

    template_name = "training/course_form.html"
    form_class = CourseForm

    def dispatch(self, request, *args, **kwargs):
        self.course = get_object_or_404(course_queryset(actor=request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.course}

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in COURSE_FIELDS}
        try:
            course_update(actor=self.request.user, course=self.course, **data)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Course saved."))
        return redirect("training:course-detail", pk=self.course.pk)


class CourseMixin:
    def dispatch(self, request, *args, **kwargs):
        self.course = get_object_or_404(course_queryset(actor=request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class AttendanceCreateView(CourseMixin, FormView):
    """Record one in-scope counselor's attendance at a course."""

    template_name = "training/attendance_form.html"
    form_class = AttendanceForm

    def _school(self):
        school_id = self.request.GET.get("school", "")
        if not school_id.isdigit():
            return None
        return School.objects.for_actor(self.request.user).filter(pk=school_id).first()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "actor": self.request.user,
            "course": self.course,
            "school": self._school(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, school=self._school(), **kwargs)

    def form_valid(self, form):
        try:
            attendance_record(
                actor=self.request.user,
                course=self.course,
                counselor=form.cleaned_data["counselor"],
                hours=form.cleaned_data["hours"],
                certificate_number=form.cleaned_data["certificate_number"],
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Attendance recorded."))
        return redirect("training:course-detail", pk=self.course.pk)
