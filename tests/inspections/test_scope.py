import datetime

import pytest
from django.apps import apps
from django.urls import reverse

from apps.core.scope import in_scope
from apps.inspections import services
from apps.inspections.models import (
    Campaign,
    Circular,
    Inspection,
    InspectionsQuerySet,
    RectificationOrder,
)
from apps.inspections.selectors import campaign_get, inspection_get, order_get
from tests.factories import SchoolFactory, division
from tests.factories.inspections import running_campaign


@pytest.fixture
def kunming_order(inspector, kunming_report):
    finding = services.finding_add(actor=inspector, inspection=kunming_report, text="问题")
    return services.rectification_order_issue(
        actor=inspector,
        finding=finding,
        requirement="整改",
        deadline=datetime.date(2030, 1, 1),
    )


def test_an_inspector_not_on_the_team_gets_404_everywhere(
    other_inspector, campaign, kunming_report, kunming_order, login
):
    client = login(other_inspector)

    for url in (
        f"/inspections/campaigns/{campaign.pk}/",
        f"/inspections/reports/{kunming_report.pk}/",
        f"/inspections/reports/{kunming_report.pk}/edit/",
        f"/inspections/orders/{kunming_order.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/inspections/reports/{kunming_report.pk}/submit/").status_code == 404
    assert not Campaign.objects.for_actor(other_inspector).exists()
    assert not Inspection.objects.for_actor(other_inspector).exists()


def test_an_inspector_sees_their_campaigns_and_only_their_own_reports(
    lead, inspector, other_inspector, campaign
):
    # given another report of the same campaign assigned to someone else
    services.team_member_add(
        actor=lead, campaign=campaign, name="", user=other_inspector, body="education"
    )
    services.campaign_fan_out(
        actor=lead,
        campaign=campaign,
        targets=[services.TargetAssignment(division("530300"), (other_inspector,))],
    )

    assert list(Campaign.objects.for_actor(inspector)) == [campaign]
    codes = set(
        Inspection.objects.for_actor(inspector).values_list("target_division_code", flat=True)
    )
    assert codes == {"530100", "530400"}
    # the lead sees every report of the campaign
    assert Inspection.objects.for_actor(lead).filter(campaign=campaign).count() == 3


def test_yuxi_staff_cannot_see_a_kunming_order(edu_yuxi, kunming_order, login):
    response = login(edu_yuxi).get(f"/inspections/orders/{kunming_order.pk}/")

    assert response.status_code == 404
    with pytest.raises(RectificationOrder.DoesNotExist):
        order_get(actor=edu_yuxi, pk=kunming_order.pk)


def test_regional_staff_see_reports_and_orders_in_their_subtree(
    edu_kunming, edu_wuhua, edu_yuxi, official_kunming, campaign, kunming_report, kunming_order
):
    for user in (edu_kunming, official_kunming):
        assert campaign_get(actor=user, pk=campaign.pk) == campaign
        assert inspection_get(actor=user, pk=kunming_report.pk) == kunming_report
        assert order_get(actor=user, pk=kunming_order.pk) == kunming_order
    # Yuxi sees the campaign (it has a Yuxi target) but not Kunming's report
    assert campaign_get(actor=edu_yuxi, pk=campaign.pk) == campaign
    assert set(
        Inspection.objects.for_actor(edu_yuxi).values_list("target_division_code", flat=True)
    ) == {"530400"}
    # a county sees neither the prefecture's report nor its order
    assert not Inspection.objects.for_actor(edu_wuhua).exists()
    assert not RectificationOrder.objects.for_actor(edu_wuhua).exists()


def test_a_county_sees_a_campaign_only_through_a_target_inside_it(
    lead, inspector, edu_wuhua, campaign
):
    assert not Campaign.objects.for_actor(edu_wuhua).exists()

    school = SchoolFactory(county=division("530102"))
    services.campaign_fan_out(
        actor=lead, campaign=campaign, targets=[services.TargetAssignment(school, (inspector,))]
    )

    assert list(Campaign.objects.for_actor(edu_wuhua)) == [campaign]
    assert [i.target_school for i in Inspection.objects.for_actor(edu_wuhua)] == [school]


def test_a_prefecture_campaign_is_seen_by_its_prefecture_not_by_others(
    edu_kunming, edu_yuxi, kunming_inspector
):
    campaign, _ = running_campaign(
        lead=edu_kunming,
        inspectors=[kunming_inspector],
        targets=[division("530102")],
        area="530100",
    )

    assert list(Campaign.objects.for_actor(edu_kunming)) == [campaign]
    assert not Campaign.objects.for_actor(edu_yuxi).exists()
    with pytest.raises(Campaign.DoesNotExist):
        campaign_get(actor=edu_yuxi, pk=campaign.pk)


def test_lists_show_only_rows_in_scope(edu_yuxi, kunming_report, yuxi_report, login):
    client = login(edu_yuxi)

    reports = client.get("/inspections/reports/").context["page"]

    assert [r.pk for r in reports] == [yuxi_report.pk]


def test_a_counselor_has_no_access_to_inspection_pages(divisions, campaign, login):
    from apps.accounts.choices import Role
    from tests.factories import UserFactory

    school = SchoolFactory(county=division("530102"))
    counselor = UserFactory(role=Role.COUNSELOR, division=None, school=school)
    client = login(counselor)

    assert client.get("/inspections/").status_code == 403
    assert client.get(f"/inspections/campaigns/{campaign.pk}/").status_code == 403


def test_every_scoped_model_of_the_area_shares_one_for_actor():
    scoped = [
        model
        for model in apps.get_app_config("inspections").get_models()
        if hasattr(model._default_manager, "for_actor")
    ]
    names = {model.__name__ for model in scoped}

    assert names == {"Campaign", "Inspection", "Circular", "RectificationOrder", "EvaluationScheme"}
    for model in scoped:
        queryset_class = type(model._default_manager.all())
        assert issubclass(queryset_class, InspectionsQuerySet), model
        assert queryset_class.for_actor is InspectionsQuerySet.for_actor, model


@pytest.mark.parametrize(
    "persona", ["lead", "inspector", "other_inspector", "edu_kunming", "edu_wuhua", "edu_yuxi"]
)
def test_the_admin_exports_and_pages_reach_the_same_rows_through_in_scope(
    request, persona, kunming_order, yuxi_report
):
    user = request.getfixturevalue(persona)

    for model in (Campaign, Inspection, RectificationOrder, Circular):
        through_core = set(in_scope(model.objects.all(), user))
        assert through_core == set(model.objects.for_actor(user)), (persona, model)


def test_the_admin_lists_only_the_campaigns_a_user_sees(edu_yuxi, edu_wuhua, campaign, login):
    url = reverse("admin:inspections_campaign_changelist")

    assert campaign.name in login(edu_yuxi).get(url).content.decode()
    assert campaign.name not in login(edu_wuhua).get(url).content.decode()
    change = reverse("admin:inspections_campaign_change", args=[campaign.pk])
    assert login(edu_wuhua).get(change).status_code == 404
