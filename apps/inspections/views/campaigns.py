"""Campaign pages: the list, a campaign with its team, checklist, reports and circulars,
planning and editing, the team and checklist, start, close and the fan-out."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.views import ServiceFormView
from apps.inspections import selectors, services
from apps.inspections.choices import CampaignStatus
from apps.inspections.forms import CampaignForm, ChecklistItemForm, FanOutForm, TeamMemberForm
from apps.inspections.history import with_parts
from apps.inspections.models import ChecklistItem, TeamMember
from apps.inspections.permissions import Perm
from apps.inspections.services import TargetAssignment
from apps.inspections.views.common import DetailPage, FormPage


class CampaignDetailView(DetailPage):
    selector = selectors.campaign_get

    def history(self, campaign) -> list:
        of_campaign = {"campaign_id": campaign.pk}
        parts = ((TeamMember, of_campaign), (ChecklistItem, of_campaign))
        return with_parts(campaign, *parts, viewer=self.request.user)

    def object_context(self, campaign) -> dict:
        actor = self.request.user
        return {
            "team": selectors.campaign_team(campaign=campaign),
            "checklist": selectors.campaign_checklist(campaign=campaign),
            "inspections": list(selectors.inspections_of_campaign(actor=actor, campaign=campaign)),
            "circulars": list(campaign.circulars.all()),
            "can_manage": services.can_manage_campaign(actor, campaign),
            "is_planning": campaign.status == CampaignStatus.PLANNING,
            "is_closed": campaign.status == CampaignStatus.CLOSED,
            "can_draft_circular": actor.has_perm(Perm.ADD_CIRCULAR)
            and services.can_write_circular(actor, campaign),
        }


class CampaignCreateView(ServiceFormView):
    template_name = "inspections/form_page.html"
    form_class = CampaignForm
    title = _("Plan a campaign")
    success_message = _("Campaign created. Add its team and checklist.")
    form_takes_actor = True
    service = services.campaign_create

    def success_url_for(self, campaign):
        return campaign.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=reverse("inspections:campaign-list"), **kwargs)


class CampaignUpdateView(FormPage):
    form_class = CampaignForm
    form_takes_actor = True
    selector = selectors.campaign_get
    title = _("Edit campaign")
    edits_object = True

    def perform(self, form):
        changes = {name: form.cleaned_data[name] for name in services.CAMPAIGN_FIELDS}
        return services.campaign_update(
            actor=self.request.user, campaign=self.object, **changes, **self.versioned(form)
        )


class CampaignFormPage(FormPage):
    """A form on a campaign the actor reached through ``campaign_get``."""

    selector = selectors.campaign_get
    object_keyword = "campaign"


class CampaignFanOutView(CampaignFormPage):
    form_class = FanOutForm
    form_takes_actor = True
    title = _("Create reports for targets")
    success_message = _("Reports created for the chosen targets.")
    service = services.campaign_fan_out
    form_takes_object = True

    @property
    def intro(self):
        return _(
            "One report per chosen target of %(name)s. Targets that already have a report keep "
            "it and gain the chosen inspectors."
        ) % {"name": self.object.name}

    def service_kwargs(self, form):
        inspectors = tuple(form.cleaned_data["inspectors"])
        return {"targets": [TargetAssignment(t, inspectors) for t in form.targets()]}


class TeamMemberCreateView(CampaignFormPage):
    form_class = TeamMemberForm
    form_takes_actor = True
    title = _("Add a team member")
    intro = _(
        "A joint team has members from at least two bodies: the League committee, the "
        "education bureau and the work committee."
    )
    success_message = _("Team member added.")
    service = services.team_member_add


class ChecklistItemCreateView(CampaignFormPage):
    form_class = ChecklistItemForm
    title = _("Add a checklist item")
    success_message = _("Checklist item added.")
    service = services.checklist_item_add
