"""Pages of the training area: plans and their progress, courses, and attendance."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.access import link_for
from apps.core.history import history_of_related, history_panel
from apps.core.pagination import CURSOR_PARAM, KeysetPaginator
from apps.core.views import FilteredListView, ObjectFormView, ServiceFormView, get_or_404
from apps.counselors.models import Counselor
from apps.exports.mixins import ListExportMixin
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School
from apps.training.exports import COURSE_PARAM
from apps.training.forms import AttendanceForm, CourseForm, TrainingPlanForm
from apps.training.models import Attendance, PlanTarget
from apps.training.permissions import (
    Perm,
    can_change_course,
    is_province_level,
)
from apps.training.selectors import (
    course_attendances,
    course_get,
    course_list,
    plan_get,
    plan_list,
    plan_progress,
)
from apps.training.services import (
    COURSE_FIELDS,
    PLAN_FIELDS,
    attendance_record,
    course_create,
    course_update,
    training_plan_create,
    training_plan_update,
)

# Unique orders of non-NULL columns for keyset pages.
COURSE_ORDER = ("-start_date", "name", "id")
ATTENDANCE_ORDER = ("counselor__county_id", "counselor__name", "id")


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
        plan = get_or_404(plan_get, actor=user, pk=kwargs["pk"])
        rows = plan_progress(actor=user, plan=plan)
        target_label = PlanTarget._meta.verbose_name
        prefectures = Division.objects.filter(level=DivisionLevel.PREFECTURE)
        names = dict(prefectures.values_list("code", "name"))
        return super().get_context_data(
            plan=plan,
            rows=rows,
            totals={
                "target": sum(r["target"] for r in rows),
                "trained": sum(r["trained"] for r in rows),
            },
            can_change=is_province_level(user) and user.has_perm(Perm.CHANGE_PLAN),
            history=history_panel(
                plan,
                viewer=user,
                related=[
                    history_of_related(
                        PlanTarget,
                        viewer=user,
                        label=lambda row: f"{target_label}：{names[row.prefecture_id]}",
                        plan_id=plan.pk,
                    )
                ],
            ),
            **kwargs,
        )


class _RowFormMixin:
    """Add or edit one row through its services: the form's ``fields`` go to ``create``, or
    for the row being edited (``self.object``) to ``update`` with the row as
    ``row_argument``; the row's page is shown next."""

    fields: tuple[str, ...] = ()
    row_argument = ""
    detail_url_name = ""
    create = update = None

    def get_instance(self):
        return getattr(self, "object", None)

    def service_data(self, form) -> dict:
        return {name: form.cleaned_data[name] for name in self.fields}

    def perform(self, form):
        data = self.service_data(form)
        if self.get_instance() is None:
            return self.create(actor=self.request.user, **data)
        row = {self.row_argument: self.object}
        return self.update(actor=self.request.user, **row, **data, **self.versioned(form))

    def success_url_for(self, saved):
        return reverse(self.detail_url_name, args=[saved.pk])


class _PlanFormMixin(_RowFormMixin):
    template_name = "training/trainingplan_form.html"
    form_class = TrainingPlanForm
    fields = PLAN_FIELDS
    row_argument = "plan"
    detail_url_name = "training:plan-detail"
    success_message = _("Training plan saved.")
    create = staticmethod(training_plan_create)
    update = staticmethod(training_plan_update)

    def service_data(self, form):
        return {**super().service_data(form), "targets": form.targets()}


class TrainingPlanCreateView(_PlanFormMixin, ServiceFormView):
    """Add a plan with its prefecture targets (province level)."""


class TrainingPlanUpdateView(_PlanFormMixin, ObjectFormView):
    """Edit a plan and its prefecture targets (province level)."""

    selector = plan_get


class CourseListView(ListExportMixin, FilteredListView):
    """Courses, filtered, with the number of attendees in the user's scope; ``?format=xlsx|csv``
    exports the filtered rows (apps.training.exports)."""

    export_kind = "courses"
    list_selector = course_list
    ordering = COURSE_ORDER

    def get_context_data(self, **kwargs):
        # The add button only for those the add page's own access rule lets in.
        add_url = link_for(self.request.user, "training:course-create")
        return super().get_context_data(**kwargs, can_add=add_url is not None, add_url=add_url)


class CourseMixin:
    """A page about the course in its URL (a 404 when it does not exist), fetched when first
    needed, so an export refused by its rule costs no query."""

    @cached_property
    def course(self):
        return get_or_404(course_get, actor=self.request.user, pk=self.kwargs["pk"])


def course_history(course, *, viewer, with_attendance: bool) -> list:
    """The course's changes, and for readers of its attendance the changes of the rows of
    the viewer's own counselors (a sign-in sheet import among them), named by counselor."""
    related = []
    if with_attendance:
        label = Attendance._meta.verbose_name
        name = Counselor.objects.filter(pk=OuterRef("counselor_id")).values("name")[:1]
        related.append(
            history_of_related(
                Attendance,
                viewer=viewer,
                label=lambda row: f"{label}：{row.counselor_name}",
                annotations={"counselor_name": Subquery(name)},
                course_id=course.pk,
                counselor_id__in=Counselor.objects.for_actor(viewer).values("pk"),
            )
        )
    return history_panel(course, viewer=viewer, related=related)


class CourseDetailView(CourseMixin, ListExportMixin, TemplateView):
    """A course and its attendance by counselors in the user's scope; ``?format=xlsx|csv``
    exports that attendance (apps.training.exports)."""

    template_name = "training/course_detail.html"
    export_kind = "course-attendance"

    def get_export_filters(self):
        # The course comes from the URL; a background job stores it with the filters so it
        # rebuilds the same rows.
        filters = self.request.GET.copy()
        filters[COURSE_PARAM] = str(self.course.pk)
        return filters

    def get_context_data(self, **kwargs):
        user = self.request.user
        # Attendance names people: readers of courses alone (inspectors, officials) see the
        # course, not who attended it.
        can_view_attendance = user.has_perm(Perm.VIEW_ATTENDANCE)
        page = None
        if can_view_attendance:
            # A sign-in sheet is long: four list pages' worth at a time.
            page = KeysetPaginator(
                course_attendances(actor=user, course=self.course),
                per_page=settings.PORTAL_PAGE_SIZE * 4,
                ordering=ATTENDANCE_ORDER,
            ).page(self.request.GET.get(CURSOR_PARAM))
        return super().get_context_data(
            course=self.course,
            page=page,
            can_view_attendance=can_view_attendance,
            can_change=can_change_course(user, self.course),
            can_record=user.has_perm(Perm.ADD_ATTENDANCE),
            history=course_history(self.course, viewer=user, with_attendance=can_view_attendance),
            **kwargs,
        )


class _CourseFormMixin(_RowFormMixin):
    template_name = "training/course_form.html"
    form_class = CourseForm
    fields = COURSE_FIELDS
    row_argument = "course"
    detail_url_name = "training:course-detail"
    success_message = _("Course saved.")
    create = staticmethod(course_create)
    update = staticmethod(course_update)


class CourseCreateView(_CourseFormMixin, ServiceFormView):
    """Add a course (education staff)."""


class CourseUpdateView(_CourseFormMixin, ObjectFormView):
    """Edit a course: staff holding its owning division (a provincial course, the
    province); others who read it get a 403, GET and POST alike."""

    selector = course_get

    def load(self):
        super().load()
        if not can_change_course(self.request.user, self.object):
            raise PermissionDenied


class AttendanceCreateView(ObjectFormView):
    """Record one in-scope counselor's attendance at a course; ``?school=`` narrows the
    counselors offered to one school in scope."""

    template_name = "training/attendance_form.html"
    form_class = AttendanceForm
    selector = course_get
    success_message = _("Attendance recorded.")

    def _school(self):
        school_id = self.request.GET.get("school", "")
        if not school_id.isdigit():
            return None
        return School.objects.for_actor(self.request.user).filter(pk=school_id).first()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "actor": self.request.user,
            "course": self.object,
            "school": self._school(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.object, school=self._school(), **kwargs)

    def perform(self, form):
        return attendance_record(
            actor=self.request.user,
            course=self.object,
            counselor=form.cleaned_data["counselor"],
            hours=form.cleaned_data["hours"],
            certificate_number=form.cleaned_data["certificate_number"],
        )

    def success_url_for(self, saved):
        return reverse("training:course-detail", args=[self.object.pk])
