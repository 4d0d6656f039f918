"""Pages of the organization tree: divisions, committees, chief counselors and schools.

Views are thin: the access rule of each URL is checked by the middleware, rows come from
the scoped selectors (out of scope is a 404), writes go through the services.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.core.access import url_allowed
from apps.core.pagination import CURSOR_PARAM, KeysetPaginator
from apps.exports.mixins import ListExportMixin
from apps.organizations import selectors, services
from apps.organizations.choices import DivisionLevel
from apps.organizations.filters import SchoolFilter, is_province_wide
from apps.organizations.forms import (
    ChiefCounselorPostForm,
    CommitteeForm,
    MemberForm,
    SchoolForm,
    ServiceModelForm,
)
from apps.organizations.models import ChiefCounselorPost, CommitteeMember, School

SCHOOL_ORDER = ("county_id", "name", "id")


def _allowed_map(user, **names: str) -> dict[str, bool]:
    return {key: url_allowed(user, f"organizations:{name}") for key, name in names.items()}


class DivisionBrowserView(View):
    """The user's own division (a school user: their county), as a starting point."""

    def get(self, request):
        code = selectors.scope_root_code(actor=request.user)
        return redirect("organizations:division-detail", code=code)


class DivisionDetailView(TemplateView):
    """A division: its committee and members, chief counselor post and child divisions."""

    template_name = "organizations/division_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        today = timezone.localdate()
        division = selectors.division_get(actor=actor, code=self.kwargs["code"])
        committee = selectors.committee_of(actor=actor, division=division, on=today)
        members = (
            selectors.committee_members(actor=actor, committee=committee, current_on=today)
            if committee
            else []
        )
        post = (
            selectors.chief_counselor_post_of(actor=actor, county=division)
            if division.is_county
            else None
        )
        context.update(
            division=division,
            breadcrumbs=selectors.division_ancestors(actor=actor, division=division),
            committee=committee,
            members=members,
            post=post,
            children=selectors.division_children(actor=actor, division=division, on=today),
            schools_url=self._schools_url(division),
            can=_allowed_map(
                actor,
                view_committee="committee-detail",
                change_committee="committee-update",
                add_member="member-create",
                change_member="member-update",
                change_post="chief-counselor-update",
                view_schools="school-list",
            ),
        )
        return context

    def _schools_url(self, division) -> str:
        url = reverse("organizations:school-list")
        if division.is_county:
            return f"{url}?{urlencode({'county': division.code})}"
        if division.level == DivisionLevel.PREFECTURE and is_province_wide(self.request.user):
            return f"{url}?{urlencode({'prefecture': division.code})}"
        # The user's whole scope: no filter needed.
        return url


class WorkCommitteeDetailView(TemplateView):
    """A committee with every member, past and present, and its dual-chair status."""

    template_name = "organizations/workcommittee_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        today = timezone.localdate()
        committee = selectors.committee_get(actor=actor, pk=self.kwargs["pk"], on=today)
        context.update(
            committee=committee,
            breadcrumbs=selectors.division_ancestors(actor=actor, division=committee.division),
            members=selectors.committee_members(actor=actor, committee=committee),
            today=today,
            can=_allowed_map(
                actor,
                change_committee="committee-update",
                add_member="member-create",
                change_member="member-update",
            ),
        )
        return context


class ServiceFormView(FormView):
    """A form whose cleaned data goes to a service; the service's validation errors are
    shown next to their fields and nothing is saved. Subclasses define ``perform(form)``
    (call the service, return the saved row) and ``success_url_for(saved)``."""

    template_name = "organizations/_form_page.html"
    success_message = _("Saved.")
    title = ""

    def dispatch(self, request, *args, **kwargs):
        # Load the target first: outside the user's scope, GET and POST alike are a 404.
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> None:
        """Fetch the rows the form works on, through the scoped selectors."""

    def get_instance(self):
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_instance()
        return kwargs

    def form_valid(self, form: ServiceModelForm):
        try:
            saved = self.perform(form)
        except ValidationError as error:
            form.add_service_errors(error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(saved))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        context.setdefault("cancel_url", self.cancel_url())
        return context

    def cancel_url(self) -> str:
        return reverse("organizations:division-browser")


class WorkCommitteeUpdateView(ServiceFormView):
    template_name = "organizations/workcommittee_form.html"
    form_class = CommitteeForm
    title = _("Edit committee")

    def load(self):
        self.committee = selectors.committee_get(actor=self.request.user, pk=self.kwargs["pk"])

    def get_instance(self):
        return self.committee

    def perform(self, form):
        return services.committee_update(
            actor=self.request.user, committee=form.instance, data=form.cleaned_data
        )

    def success_url_for(self, saved):
        return reverse("organizations:committee-detail", args=[saved.pk])

    def cancel_url(self):
        return self.success_url_for(self.committee)


class CommitteeMemberCreateView(ServiceFormView):
    template_name = "organizations/committeemember_form.html"
    form_class = MemberForm
    title = _("Add committee member")

    def load(self):
        self.committee = selectors.committee_get(actor=self.request.user, pk=self.kwargs["pk"])

    def get_instance(self):
        return CommitteeMember(committee=self.committee)

    def perform(self, form):
        return services.member_create(
            actor=self.request.user, committee=self.committee, **form.cleaned_data
        )

    def success_url_for(self, saved):
        return reverse("organizations:committee-detail", args=[saved.committee_id])

    def cancel_url(self):
        return reverse("organizations:committee-detail", args=[self.committee.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.committee, **kwargs)


class CommitteeMemberUpdateView(ServiceFormView):
    template_name = "organizations/committeemember_form.html"
    form_class = MemberForm
    title = _("Edit committee member")

    def load(self):
        self.member = selectors.member_get(actor=self.request.user, pk=self.kwargs["pk"])

    def get_instance(self):
        return self.member

    def perform(self, form):
        return services.member_update(
            actor=self.request.user, member=form.instance, data=form.cleaned_data
        )

    def success_url_for(self, saved):
        return reverse("organizations:committee-detail", args=[saved.committee_id])

    def cancel_url(self):
        return self.success_url_for(self.member)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.member.committee, **kwargs)


class ChiefCounselorPostUpdateView(ServiceFormView):
    """A county's chief counselor post; created on first save when the county has none."""

    template_name = "organizations/chiefcounselorpost_form.html"

    form_class = ChiefCounselorPostForm
    title = _("Chief counselor post")

    def load(self):
        actor = self.request.user
        self.county = selectors.county_get(actor=actor, code=self.kwargs["code"])
        self.existing = selectors.chief_counselor_post_of(actor=actor, county=self.county)

    def get_instance(self):
        return self.existing or ChiefCounselorPost(county=self.county)

    def perform(self, form):
        return services.chief_counselor_post_save(
            actor=self.request.user, county=self.county, **form.cleaned_data
        )

    def success_url_for(self, saved):
        return reverse("organizations:division-detail", args=[saved.county_id])

    def cancel_url(self):
        return reverse("organizations:division-detail", args=[self.county.code])

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.county, **kwargs)


class SchoolListView(ListExportMixin, TemplateView):
    """In-scope schools with filters, a keyset page and the total count; ``?format=xlsx|csv``
    exports the filtered rows (apps.organizations.exports)."""

    template_name = "organizations/school_list.html"
    export_kind = "schools"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        schools = selectors.school_list(actor=actor, filters=self.request.GET)
        paginator = KeysetPaginator(
            schools, per_page=settings.PORTAL_PAGE_SIZE, ordering=SCHOOL_ORDER
        )
        # The filter form only: the rows come from the selector above.
        filter_form = SchoolFilter(self.request.GET, School.objects.none(), actor=actor).form
        context.update(
            filter_form=filter_form,
            page=paginator.page(self.request.GET.get(CURSOR_PARAM)),
            can=_allowed_map(actor, add_school="school-create", change_school="school-update"),
        )
        return context


class SchoolDetailView(TemplateView):
    template_name = "organizations/school_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        school = selectors.school_get(actor=actor, pk=self.kwargs["pk"])
        context.update(
            school=school,
            breadcrumbs=selectors.division_ancestors(actor=actor, division=school.county),
            can=_allowed_map(actor, change_school="school-update", view_division="division-detail"),
        )
        return context


class SchoolCreateView(ServiceFormView):
    template_name = "organizations/school_form.html"
    form_class = SchoolForm
    title = _("Add school")
    success_message = _("School added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def perform(self, form):
        return services.school_create(actor=self.request.user, **form.cleaned_data)

    def success_url_for(self, saved):
        return reverse("organizations:school-detail", args=[saved.pk])

    def cancel_url(self):
        return reverse("organizations:school-list")


class SchoolUpdateView(ServiceFormView):
    template_name = "organizations/school_form.html"
    form_class = SchoolForm
    title = _("Edit school")

    def load(self):
        self.school = selectors.school_get(actor=self.request.user, pk=self.kwargs["pk"])

    def get_instance(self):
        return self.school

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def perform(self, form):
        return services.school_update(
            actor=self.request.user, school=form.instance, data=form.cleaned_data
        )

    def success_url_for(self, saved):
        return reverse("organizations:school-detail", args=[saved.pk])

    def cancel_url(self):
        return self.success_url_for(self.school)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.school, **kwargs)
