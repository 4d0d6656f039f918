"""Pages of the organization tree: divisions, committees, chief counselors, schools and their
brigades and squads.

Views are thin: the access rule of each URL is checked by the middleware, rows come from
the scoped selectors (out of scope is a 404), writes go through the services.
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from apps.core import clock
from apps.core.access import url_allowed
from apps.core.history import history_of_related, history_panel
from apps.core.views import (
    FilteredListView,
    ObjectDetailView,
    ObjectFormView,
    ServiceFormView,
    get_or_404,
)
from apps.exports.mixins import ListExportMixin
from apps.organizations import selectors, services
from apps.organizations.choices import DivisionLevel
from apps.organizations.filters import is_province_wide
from apps.organizations.forms import (
    BrigadeForm,
    ChiefCounselorPostForm,
    CommitteeForm,
    MemberForm,
    SchoolCreateForm,
    SchoolForm,
    SquadForm,
)
from apps.organizations.models import (
    SCHOOL_FLAGS,
    Brigade,
    ChiefCounselorPost,
    CommitteeMember,
    School,
    Squad,
)


def _allowed_map(user, **names: str) -> dict[str, bool]:
    return {key: url_allowed(user, f"organizations:{name}") for key, name in names.items()}


def _committee_url(pk: int) -> str:
    return reverse("organizations:committee-detail", args=[pk])


def _school_url(pk: int) -> str:
    return reverse("organizations:school-detail", args=[pk])


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
        today = clock.today()
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
            history=history_panel(post, viewer=actor) if post else None,
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


class WorkCommitteeDetailView(ObjectDetailView):
    """A committee with every member, past and present, and its dual-chair status."""

    context_object_name = "committee"

    @staticmethod
    def selector(*, actor, pk):
        return selectors.committee_get(actor=actor, pk=pk, on=clock.today())

    def related_history(self, committee):
        return [
            history_of_related(
                CommitteeMember,
                viewer=self.request.user,
                label=_member_label,
                committee_id=committee.pk,
            )
        ]

    def object_context(self, committee):
        actor = self.request.user
        return {
            "breadcrumbs": selectors.division_ancestors(actor=actor, division=committee.division),
            "members": selectors.committee_members(actor=actor, committee=committee),
            "today": clock.today(),
            "can": _allowed_map(
                actor,
                change_committee="committee-update",
                add_member="member-create",
                change_member="member-update",
            ),
        }


# Forms ---------------------------------------------------------------------------------


class FormPage:
    """This area's form pages: one template, a heading naming the row the form is about
    (``subject``) and a way back (``cancel_url``, by default where a save leads)."""

    template_name = "organizations/_form_page.html"
    edits_object = False

    def get_instance(self):
        return self.object if self.edits_object else None

    def subject(self):
        return getattr(self, "object", None)

    def cancel_url(self) -> str:
        return self.success_url_for(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("subject", self.subject())
        context.setdefault("cancel_url", self.cancel_url())
        return context


class DeletePage(FormPage):
    """A page asking to confirm a removal; the POST calls the service (``perform``)."""

    template_name = "organizations/confirm_delete.html"
    form_class = forms.Form


class EditPage(FormPage, ObjectFormView):
    """A form changing the row the URL names (``selector``) through ``update(actor=,
    data=)``, which takes the row under the keyword ``row``."""

    edits_object = True
    update = None
    row = ""

    def perform(self, form):
        row = {self.row: form.instance}
        data, seen = self.form_values(form), self.versioned(form)
        return type(self).update(actor=self.request.user, data=data, **row, **seen)


class WorkCommitteeUpdateView(EditPage):
    selector, update, row = selectors.committee_get, services.committee_update, "committee"
    form_class, title = CommitteeForm, _("Edit committee")

    def subject(self):
        return None

    def success_url_for(self, saved):
        return _committee_url(saved.pk)


class CommitteeMemberCreateView(FormPage, ObjectFormView):
    template_name = "organizations/committeemember_form.html"
    form_class = MemberForm
    selector = selectors.committee_get
    title = _("Add committee member")

    def get_instance(self):
        return CommitteeMember(committee=self.object)

    def perform(self, form):
        return services.member_create(
            actor=self.request.user, committee=self.object, **self.form_values(form)
        )

    def success_url_for(self, saved):
        return _committee_url(self.object.pk)


class CommitteeMemberUpdateView(EditPage):
    template_name = "organizations/committeemember_form.html"
    selector, update, row = selectors.member_get, services.member_update, "member"
    form_class, title = MemberForm, _("Edit committee member")

    def subject(self):
        return self.object.committee

    def success_url_for(self, saved):
        return _committee_url(saved.committee_id)


class ChiefCounselorPostUpdateView(FormPage, ServiceFormView):
    """A county's chief counselor post; created on first save when the county has none."""

    template_name = "organizations/chiefcounselorpost_form.html"
    form_class = ChiefCounselorPostForm
    title = _("Chief counselor post")

    def load(self):
        actor = self.request.user
        self.object = selectors.county_get(actor=actor, code=self.kwargs["code"])
        self.existing = selectors.chief_counselor_post_of(actor=actor, county=self.object)

    def get_instance(self):
        return self.existing or ChiefCounselorPost(county=self.object)

    def perform(self, form):
        values = {**self.form_values(form), **self.versioned(form)}
        return services.chief_counselor_post_save(
            actor=self.request.user, county=self.object, **values
        )

    def success_url_for(self, saved):
        return reverse("organizations:division-detail", args=[self.object.code])


# Schools -------------------------------------------------------------------------------


class SchoolListView(ListExportMixin, FilteredListView):
    """In-scope schools with filters, a keyset page and the total count; ``?format=xlsx|csv``
    exports the filtered rows (apps.organizations.exports)."""

    export_kind = "schools"
    list_selector = selectors.school_filter
    ordering = selectors.SCHOOL_ORDER
    # What {% school_rows %} shows.
    row_fields = (
        *("name", "school_type", "squad_count", *SCHOOL_FLAGS),
        *("county__name", "county__parent__name"),
    )

    def list_context(self, page):
        return {
            "can": _allowed_map(
                self.request.user, add_school="school-create", change_school="school-update"
            )
        }


def _member_label(row) -> str:
    return f"{CommitteeMember._meta.verbose_name}：{row.instance}"


def _unit_label(row) -> str:
    return f"{type(row.instance)._meta.verbose_name}：{row.name}"


class SchoolDetailView(ObjectDetailView):
    """A school, its brigades with their squads, and who last changed it."""

    selector = selectors.school_get

    def related_history(self, school):
        # Deleted brigades and squads included: their ids are read from the history.
        viewer = self.request.user
        brigade_ids = set(Brigade.history.filter(school_id=school.pk).values_list("id", flat=True))
        return [
            history_of_related(Brigade, viewer=viewer, label=_unit_label, school_id=school.pk),
            history_of_related(Squad, viewer=viewer, label=_unit_label, brigade_id__in=brigade_ids),
        ]

    def object_context(self, school):
        actor = self.request.user
        return {
            "brigades": selectors.school_brigades(actor=actor, school=school),
            "breadcrumbs": selectors.division_ancestors(actor=actor, division=school.county),
            "can": _allowed_map(
                actor,
                change_school="school-update",
                view_division="division-detail",
                add_brigade="brigade-create",
                change_brigade="brigade-update",
                delete_brigade="brigade-delete",
                add_squad="squad-create",
                change_squad="squad-update",
                delete_squad="squad-delete",
            ),
        }


class SchoolCreateView(FormPage, ServiceFormView):
    template_name = "organizations/school_form.html"
    form_class = SchoolCreateForm
    title = _("Add school")
    success_message = _("School added.")
    form_takes_actor = True
    service = services.school_create

    def success_url_for(self, saved):
        return _school_url(saved.pk)

    def cancel_url(self):
        return reverse("organizations:school-list")


class SchoolUpdateView(EditPage):
    template_name = "organizations/school_form.html"
    selector, update, row = selectors.school_get, services.school_update, "school"
    form_class, title = SchoolForm, _("Edit school")
    form_takes_actor = True

    def success_url_for(self, saved):
        return _school_url(saved.pk)


# Brigades and squads: each page leads back to the school ------------------------------


def _school_id(row: School | Brigade | Squad) -> int:
    return row.pk if isinstance(row, School) else row.school.pk


class UnitView(FormPage, ServiceFormView):
    """A page adding, renaming or removing a brigade or squad. ``selector`` fetches the row
    the URL names (a school or brigade to add to, or the row itself); ``service`` gets it
    under its model's name with the form's values. A form without fields (``DeletePage``)
    is a confirmation."""

    selector = service = None

    def load(self):
        selector = type(self).selector
        self.object = get_or_404(selector, actor=self.request.user, pk=self.kwargs["pk"])

    def perform(self, form):
        row = {self.object._meta.model_name: self.object}
        values = self.form_values(form)
        if self.edits_object:
            values.update(self.versioned(form))
        return type(self).service(actor=self.request.user, **row, **values)

    def success_url_for(self, saved):
        return _school_url(_school_id(self.object))


class BrigadeCreateView(UnitView):
    selector, service = selectors.school_get, services.brigade_create
    form_class, title = BrigadeForm, _("Add brigade")


class SquadCreateView(UnitView):
    selector, service = selectors.brigade_get, services.squad_create
    form_class, title = SquadForm, _("Add squad")


class BrigadeUpdateView(UnitView):
    selector, service = selectors.brigade_get, services.brigade_rename
    form_class, title, edits_object = BrigadeForm, _("Rename brigade"), True


class SquadUpdateView(UnitView):
    selector, service = selectors.squad_get, services.squad_rename
    form_class, title, edits_object = SquadForm, _("Rename squad"), True


class BrigadeDeleteView(DeletePage, UnitView):
    selector, service = selectors.brigade_get, services.brigade_delete
    title, success_message = _("Remove brigade"), _("Brigade removed.")


class SquadDeleteView(DeletePage, UnitView):
    selector, service = selectors.squad_get, services.squad_delete
    title, success_message = _("Remove squad"), _("Squad removed.")
