"""Pages of the pairing area: thin views on the core's bases. Rows come from the scoped
selectors (a 404 outside scope), writes go to the services, whose refusals are shown next to
the field they concern. A wish's text is shown only where ``rights.may_read_wish_text``
allows. Access rules per URL are in permissions.py."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core import clock
from apps.core.views import (
    FileDownloadView,
    FilteredListView,
    ObjectActionView,
    ObjectDetailView,
    ObjectFormView,
    ServiceFormView,
)
from apps.exports.mixins import ListExportMixin
from apps.pairing import rights, selectors, services
from apps.pairing.choices import WishStatus
from apps.pairing.forms import (
    ActivityForm,
    ClaimForm,
    FulfilForm,
    InstitutionForm,
    PairingForm,
    WishForm,
)
from apps.pairing.models import Activity, WishPhoto
from apps.pairing.permissions import Perm


class _RowsJoined:
    """A list whose rows join only ``row_relations``: the list's rows show no more, while
    the selector's own joins serve its exports."""

    row_relations: tuple[str, ...] = ()

    def get_filterset(self):
        filterset = super().get_filterset()
        filterset.queryset = filterset.queryset.select_related(None).select_related(
            *self.row_relations
        )
        return filterset


# Institutions ---------------------------------------------------------------------------


class InstitutionListView(ListExportMixin, FilteredListView):
    title = _("Partner institutions")
    list_selector = selectors.institution_list
    ordering = ("name", "id")
    export_kind = "pairing-institutions"

    def may_create(self, user):
        return rights.may_manage_institutions(user)


class _InstitutionForm:
    """The institution forms, for those who keep the list; a save leads back to it."""

    template_name = "pairing/form.html"
    form_class = InstitutionForm
    success_message = _("Institution saved.")

    def permitted(self):
        return rights.may_manage_institutions(self.request.user)

    def success_url_for(self, saved):
        return saved.get_absolute_url()


class InstitutionDetailView(ObjectDetailView):
    """An institution, its pairings in the user's scope and its history."""

    selector = selectors.institution_get

    def object_context(self, institution) -> dict:
        pairings = selectors.pairings_of(actor=self.request.user, institution=institution)
        return {
            "pairings": pairings,
            "can_change": rights.may_manage_institutions(self.request.user),
        }


class InstitutionCreateView(_InstitutionForm, ServiceFormView):
    title = _("New partner institution")
    service = services.institution_create


class InstitutionUpdateView(_InstitutionForm, ObjectFormView):
    selector = selectors.institution_get
    title = _("Change the institution")
    edits_object = True
    service = services.institution_update


# Pairings and activities --------------------------------------------------------------


class PairingListView(_RowsJoined, ListExportMixin, FilteredListView):
    title = _("Pairings")
    list_selector = selectors.pairing_list
    ordering = ("-year", "-id")
    export_kind = "pairing-pairings"
    # What {% pairing_rows %} shows: the rows join only the tables it names.
    row_fields = (
        *("year", "campaign", "institution__name", "school__name", "county__name"),
        *("brigade_id", "squad_id"),
    )
    # Joining the brigade and the squad as well doubled PostgreSQL's planning of every
    # page: their names come in a name-only query for each kind the page shows.
    row_relations = ("institution", "school", "county")

    def list_context(self, page):
        return {"organization_names": selectors.organization_names(page)}

    def may_create(self, user):
        return rights.is_league_staff(user)


class ServiceHoursView(ListExportMixin, TemplateView):
    """Service hours per institution over the pairing list's filters; ``?format=xlsx``."""

    template_name = "pairing/service_hours.html"
    export_kind = "pairing-service-hours"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = selectors.pairing_list(actor=self.request.user, filters=self.request.GET)
        context.update(
            filter=filterset,
            rows=selectors.service_hours(
                actor=self.request.user, filters=self.request.GET
            ).order_by("pairing__institution__name")[:500],
        )
        return context


class PairingCreateView(ServiceFormView):
    template_name = "pairing/form.html"
    form_class = PairingForm
    title = _("New pairing")
    success_message = _("Pairing saved.")
    detail_url = "pairing:pairing-detail"
    form_takes_actor = True

    def permitted(self):
        return rights.is_league_staff(self.request.user)

    def perform(self, form):
        data = form.cleaned_data
        return services.pairing_create(
            actor=self.request.user,
            institution=data["institution"],
            organization=data["organization"],
            year=data["year"],
            started_on=data["started_on"],
            campaign=data["campaign"],
            note=data["note"],
        )


class PairingDetailView(ObjectDetailView):
    selector = selectors.pairing_get

    def related_history(self, pairing):
        return [
            self.rows_history(Activity, "{name}（{row.held_on:%Y-%m-%d}）", pairing_id=pairing.pk)
        ]

    def object_context(self, pairing):
        return {
            "activities": selectors.pairing_activities(pairing=pairing)[:200],
            "can_record": rights.may_pair(self.request.user, pairing.county_id),
        }


class ActivityCreateView(ObjectFormView):
    template_name = "pairing/form.html"
    form_class = ActivityForm
    selector = selectors.pairing_get
    title = _("Record an activity")
    success_message = _("Activity recorded.")
    detail_url = "pairing:pairing-detail"
    returns_to_object = True
    service = services.activity_record

    def get_initial(self):
        return {"held_on": clock.today()}


# Micro-wishes ---------------------------------------------------------------------------


class WishListView(_RowsJoined, ListExportMixin, FilteredListView):
    """Wishes in the user's scope; the text only where the user may read it."""

    title = _("Micro-wishes")
    list_selector = selectors.wish_list
    ordering = ("-posted_on", "-id")
    export_kind = "pairing-wishes"
    # What {% wish_rows %} shows, and what ``rights.may_read_wish_text`` and the overdue
    # badge read (the school and county keys come with their names).
    row_fields = (
        *("text", "category", "estimated_value", "status", "claimed_on"),
        *("school__name", "county__name"),
    )
    row_relations = ("school", "county")

    def list_context(self, page):
        user = self.request.user
        return {"can_post": user.has_perm(Perm.ADD_WISH) and user.school_id is not None}


class WishDetailView(ObjectDetailView):
    selector = selectors.wish_get
    history_parts = ((WishPhoto, "wish"),)

    def related_history(self, wish):
        # The photos' history only to those the page shows the photos.
        if not self.request.user.has_perm(Perm.VIEW_PHOTO):
            return []
        return super().related_history(wish)

    def object_context(self, wish):
        user = self.request.user
        status = wish.status
        return {
            "readable": rights.may_read_wish_text(user, wish),
            "overdue": wish.is_overdue(clock.today()),
            "photos": list(wish.photos.all()) if user.has_perm(Perm.VIEW_PHOTO) else [],
            "can_claim": (status == WishStatus.OPEN or wish.is_overdue(clock.today()))
            and rights.may_claim(user, wish),
            "can_fulfil": status == WishStatus.CLAIMED
            and not wish.is_overdue(clock.today())
            and rights.may_claim(user, wish),
            "can_release": status == WishStatus.CLAIMED and rights.may_claim(user, wish),
            "can_confirm": status == WishStatus.FULFILLED and rights.may_confirm(user, wish),
        }


class WishCreateView(ServiceFormView):
    template_name = "pairing/form.html"
    form_class = WishForm
    title = _("Post a micro-wish")
    success_message = _("Wish posted.")
    detail_url = "pairing:wish-detail"
    form_takes_actor = True
    service = services.wish_post

    def permitted(self):
        return rights.may_post_wish(self.request.user, self.request.user.school_id)


class _WishStepForm(ObjectFormView):
    template_name = "pairing/wish_step.html"
    selector = selectors.wish_get
    edits_object = True
    detail_url = "pairing:wish-detail"

    def permitted(self):
        return rights.may_claim(self.request.user, self.object)


class WishClaimView(_WishStepForm):
    form_class = ClaimForm
    title = _("Claim the wish")
    success_message = _("Wish claimed; fulfil it within 30 days.")
    form_takes_actor = True
    service = services.wish_claim


class WishFulfilView(_WishStepForm):
    form_class = FulfilForm
    title = _("Record the fulfilment")
    success_message = _("Fulfilment recorded; the school confirms it.")

    def perform(self, form):
        data = form.cleaned_data
        return services.wish_fulfil(
            actor=self.request.user,
            wish=self.object,
            fulfilled_on=data["fulfilled_on"],
            note=data["note"],
            photo=data["photo"] or None,
            seen_version=data["version"],
        )


class _WishAction(ObjectActionView):
    selector = selectors.wish_get
    detail_url = "pairing:wish-detail"
    versioned = True


WishReleaseView = _WishAction.step(services.wish_release, _("The wish is open again."))
WishConfirmView = _WishAction.step(services.wish_confirm, _("Confirmed: the gift arrived."))


class PhotoDownloadView(FileDownloadView):
    selector = selectors.photo_get
