"""The admin writes only through the area's services and deletes nothing."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from apps.inspections.choices import CampaignStatus, InspectionStatus, Step
from apps.inspections.models import Campaign, Circular
from tests.factories import division
from tests.factories.inspections import CircularFactory, filed_report

INLINES = {
    f"{prefix}-{field}": "0"
    for prefix in ("team", "checklist")
    for field in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def _campaign_form(lead, **fields):
    return {
        "name": "2019年少先队改革联合督导",
        "year": "2019",
        "start_date": "2019-05-06",
        "end_date": "2019-06-28",
        "division": "530000",
        "lead": str(lead.pk),
        "scope_note": "",
        **INLINES,
        **fields,
    }


def test_a_campaign_added_in_the_admin_goes_through_the_service(
    province_admin, league_province, login
):
    client = login(province_admin)

    response = client.post(
        reverse("admin:inspections_campaign_add"), _campaign_form(league_province)
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="2019年少先队改革联合督导")
    assert (campaign.status, campaign.lead, campaign.created_by) == (
        CampaignStatus.PLANNING,
        league_province,
        province_admin,
    )
    assert campaign.history.get().history_change_reason == Step.CREATED


def test_the_services_refusal_reaches_the_admin_and_nothing_is_saved(
    province_admin, official_kunming, login
):
    client = login(province_admin)

    response = client.post(
        reverse("admin:inspections_campaign_add"),
        _campaign_form(official_kunming),
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    refusal = gettext("The lead must be League or education staff or an inspector in your area.")
    assert messages == [refusal]
    assert not Campaign.objects.exists()


def test_the_admin_deletes_no_record_of_an_inspection(province_admin, campaign, login):
    client = login(province_admin)

    response = client.post(
        reverse("admin:inspections_campaign_delete", args=[campaign.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Campaign.objects.filter(pk=campaign.pk).exists()


@pytest.mark.parametrize("persona", ["province_admin", "lead"])
def test_accepting_in_the_admin_is_the_leads_service_step(
    request, persona, lead, inspector, kunming_report, yuxi_report, login
):
    submitted = filed_report(kunming_report, inspector=inspector)
    user = request.getfixturevalue(persona)

    login(user).post(
        reverse("admin:inspections_inspection_changelist"),
        {"action": "inspection_accept", "_selected_action": [submitted.pk, yuxi_report.pk]},
    )

    submitted.refresh_from_db()
    yuxi_report.refresh_from_db()
    if persona == "lead":
        assert (submitted.status, submitted.accepted_by) == (InspectionStatus.ACCEPTED, lead)
        assert submitted.history.latest().history_change_reason == Step.ACCEPTED
    else:
        # Only the campaign lead accepts; the administrator is refused by the service.
        assert submitted.status == InspectionStatus.SUBMITTED
    # A draft is not accepted, whoever asks.
    assert yuxi_report.status == InspectionStatus.DRAFT


def test_a_draft_circular_is_edited_through_the_service_a_published_one_is_final(
    league_province, login
):
    campaign_area = division("530000")
    draft = CircularFactory(campaign__division=campaign_area, campaign__lead=league_province)
    published = CircularFactory(
        campaign=draft.campaign, is_published=True, published_on="2018-07-10"
    )
    client = login(league_province)
    form = {"kind": draft.kind, "title": "改过的标题", "body": "正文。"}

    edited = client.post(reverse("admin:inspections_circular_change", args=[draft.pk]), form)
    refused = client.post(reverse("admin:inspections_circular_change", args=[published.pk]), form)

    assert edited.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "改过的标题"
    assert draft.history.latest().history_change_reason == Step.UPDATED
    assert refused.status_code == 403
    assert Circular.objects.get(pk=published.pk).title == published.title
