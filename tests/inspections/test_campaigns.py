import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.inspections import services
from apps.inspections.choices import CampaignStatus, InspectionStatus, Step, TeamBody
from apps.inspections.models import Campaign, Inspection
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.inspections import filed_report, running_campaign


def _planned(lead, *bodies):
    campaign = services.campaign_create(
        actor=lead,
        name="2017年全省少先队改革联合督导",
        year=2017,
        start_date=datetime.date(2017, 11, 6),
        end_date=datetime.date(2017, 11, 24),
        division=division("530000"),
        lead=lead,
    )
    for n, body in enumerate(bodies):
        services.team_member_add(actor=lead, campaign=campaign, name=f"成员{n}", body=body)
    services.checklist_item_add(
        actor=lead, campaign=campaign, name="改革方案落实", max_score=Decimal(10), weight=Decimal(1)
    )
    return campaign


def _codes(error: ValidationError) -> set[str]:
    return {e.code for e in error.error_list}


def test_it_refuses_to_start_a_campaign_whose_team_comes_from_one_body(lead):
    campaign = _planned(lead, TeamBody.LEAGUE, TeamBody.LEAGUE, TeamBody.LEAGUE)

    with pytest.raises(ValidationError) as raised:
        services.campaign_start(actor=lead, campaign=campaign)

    assert _codes(raised.value) == {"single_body"}
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PLANNING


def test_it_starts_a_campaign_with_league_and_work_committee_members(lead):
    campaign = _planned(lead, TeamBody.LEAGUE, TeamBody.WORK_COMMITTEE)

    campaign = services.campaign_start(actor=lead, campaign=campaign)

    assert campaign.status == CampaignStatus.RUNNING


def test_it_refuses_to_start_without_a_checklist(lead):
    campaign = _planned(lead, TeamBody.LEAGUE, TeamBody.EDUCATION)
    campaign.checklist.all().delete()

    with pytest.raises(ValidationError) as raised:
        services.campaign_start(actor=lead, campaign=campaign)

    assert _codes(raised.value) == {"no_checklist"}


def test_the_start_page_shows_the_refusal_and_keeps_the_campaign_planned(lead, login):
    campaign = _planned(lead, TeamBody.EDUCATION)
    client = login(lead)

    response = client.post(f"/inspections/campaigns/{campaign.pk}/start/", follow=True)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PLANNING


def test_only_the_lead_the_creator_or_an_administrator_manage_a_campaign(lead, edu_province):
    campaign = _planned(lead, TeamBody.LEAGUE, TeamBody.EDUCATION)

    with pytest.raises(PermissionDenied):
        services.campaign_start(actor=edu_province, campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.team_member_add(
            actor=edu_province, campaign=campaign, name="王芳", body=TeamBody.EDUCATION
        )


def test_a_campaign_must_start_in_its_year(lead):
    with pytest.raises(ValidationError) as raised:
        services.campaign_create(
            actor=lead,
            name="错年份",
            year=2018,
            start_date=datetime.date(2017, 11, 6),
            end_date=datetime.date(2017, 11, 24),
            division=division("530000"),
            lead=lead,
        )
    assert "start_date" in raised.value.message_dict


def test_fan_out_creates_one_report_per_target_with_its_inspectors(lead, inspector):
    kunming, yuxi = division("530100"), division("530400")
    school = SchoolFactory(county=division("530102"))

    _campaign, created = running_campaign(
        lead=lead, inspectors=[inspector], targets=[kunming, yuxi, school]
    )

    assert len(created) == 3
    by_code = {i.target_division_code: i for i in created}
    assert set(by_code) == {"530100", "530400", "530102"}
    assert by_code["530102"].target_school == school
    assert by_code["530102"].target_division is None
    for inspection in created:
        assert list(inspection.inspectors.all()) == [inspector]
        assert inspection.status == InspectionStatus.DRAFT
        assert inspection.history.filter(history_change_reason=Step.CREATED).count() == 1


def test_fan_out_is_idempotent_and_adds_missing_inspectors(lead, inspector, other_inspector):
    campaign, _ = running_campaign(lead=lead, inspectors=[inspector], targets=[])
    services.team_member_add(
        actor=lead, campaign=campaign, name="", user=other_inspector, body=TeamBody.EDUCATION
    )
    kunming = division("530100")
    first = services.campaign_fan_out(
        actor=lead, campaign=campaign, targets=[services.TargetAssignment(kunming, (inspector,))]
    )

    again = services.campaign_fan_out(
        actor=lead,
        campaign=campaign,
        targets=[services.TargetAssignment(kunming, (inspector, other_inspector))],
    )
    once_more = services.campaign_fan_out(
        actor=lead,
        campaign=campaign,
        targets=[services.TargetAssignment(kunming, (inspector, other_inspector))],
    )

    assert len(first.created) == 1
    assert again.created == [] and once_more.created == []
    assert Inspection.objects.filter(campaign=campaign).count() == 1
    report = Inspection.objects.get(campaign=campaign)
    assert set(report.inspectors.all()) == {inspector, other_inspector}
    # One history entry for the creation, one per assignment that changed something.
    steps = report.history.order_by("history_date")
    reasons = list(steps.values_list("history_change_reason", flat=True))
    assert reasons == [Step.CREATED, Step.INSPECTORS_ASSIGNED, Step.INSPECTORS_ASSIGNED]


def test_fan_out_refuses_inspectors_who_are_not_on_the_team(lead, inspector, other_inspector):
    campaign, _ = running_campaign(lead=lead, inspectors=[inspector], targets=[])

    with pytest.raises(ValidationError) as raised:
        services.campaign_fan_out(
            actor=lead,
            campaign=campaign,
            targets=[services.TargetAssignment(division("530100"), (other_inspector,))],
        )

    assert "inspectors" in raised.value.message_dict
    assert not campaign.inspections.exists()


def test_fan_out_refuses_targets_outside_the_campaign_area(edu_kunming, kunming_inspector):
    campaign, _ = running_campaign(
        lead=edu_kunming, inspectors=[kunming_inspector], targets=[], area="530100"
    )

    with pytest.raises(ValidationError) as raised:
        services.campaign_fan_out(
            actor=edu_kunming, campaign=campaign, targets=[division("530400")]
        )

    assert "targets" in raised.value.message_dict
    assert not campaign.inspections.exists()


def test_closing_waits_for_the_lead_to_decide_on_submitted_reports(
    lead, inspector, campaign, kunming_report
):
    filed_report(kunming_report, inspector=inspector)

    with pytest.raises(ValidationError) as raised:
        services.campaign_close(actor=lead, campaign=campaign)
    assert _codes(raised.value) == {"reports_pending"}

    services.inspection_accept(actor=lead, inspection=kunming_report)
    campaign = services.campaign_close(actor=lead, campaign=campaign)
    assert campaign.status == CampaignStatus.CLOSED


def test_an_edit_loaded_before_the_campaign_closed_cannot_reopen_it(lead, campaign):
    stale = Campaign.objects.get(pk=campaign.pk)
    services.campaign_close(actor=lead, campaign=campaign)

    with pytest.raises(ValidationError):
        services.campaign_update(actor=lead, campaign=stale, name="改名")
    stored = Campaign.objects.get(pk=campaign.pk)
    assert stored.status == CampaignStatus.CLOSED
    assert stored.name == campaign.name


def test_a_checklist_change_loaded_before_the_start_cannot_reach_the_running_campaign(lead):
    campaign = _planned(lead, TeamBody.LEAGUE, TeamBody.EDUCATION)
    stale = Campaign.objects.get(pk=campaign.pk)
    services.campaign_start(actor=lead, campaign=campaign)

    with pytest.raises(ValidationError):
        services.checklist_item_add(
            actor=lead, campaign=stale, name="迟到的指标", max_score=Decimal(5), weight=Decimal(1)
        )
    with pytest.raises(ValidationError):
        services.team_member_remove(actor=lead, member=stale.team.first())
    assert campaign.checklist.count() == 1
    assert campaign.team.count() == 2


def test_an_administrator_of_one_target_does_not_manage_a_wider_campaign(campaign):
    # The provincial campaign inspects Kunming, so Kunming's administrator sees it, but its
    # area is the province's.
    kunming_admin = UserFactory(
        username="admin_kunming", role=Role.PROVINCIAL_ADMIN, division=division("530100")
    )

    assert not services.can_manage_campaign(kunming_admin, campaign)
    with pytest.raises(PermissionDenied):
        services.campaign_close(actor=kunming_admin, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RUNNING


def test_a_fan_out_loaded_before_the_close_adds_no_report_to_the_closed_campaign(lead, campaign):
    stale = Campaign.objects.get(pk=campaign.pk)
    services.campaign_close(actor=lead, campaign=campaign)

    with pytest.raises(ValidationError):
        services.campaign_fan_out(actor=lead, campaign=stale, targets=[division("530300")])
    assert not campaign.inspections.filter(target_division_code="530300").exists()


def test_the_team_and_checklist_are_fixed_once_running(lead, campaign):
    with pytest.raises(ValidationError):
        services.checklist_item_add(
            actor=lead, campaign=campaign, name="新指标", max_score=Decimal(5), weight=Decimal(1)
        )
    member = campaign.team.first()
    with pytest.raises(ValidationError):
        services.team_member_remove(actor=lead, member=member)


def test_the_team_member_form_adds_a_member_and_the_start_button_runs_it(lead, login):
    campaign = _planned(lead, TeamBody.LEAGUE)
    staff = UserFactory(role=Role.EDUCATION, division=division("530000"))
    client = login(lead)

    response = client.post(
        f"/inspections/campaigns/{campaign.pk}/team/new/",
        {"user": staff.pk, "name": "", "body": TeamBody.EDUCATION, "position": "德育处"},
    )
    assert response.status_code == 302
    client.post(f"/inspections/campaigns/{campaign.pk}/start/")

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RUNNING
    assert campaign.team.get(user=staff).name == staff.get_full_name()


def test_the_fan_out_page_creates_reports_for_chosen_prefectures(lead, inspector, login):
    campaign, _ = running_campaign(lead=lead, inspectors=[inspector], targets=[])
    client = login(lead)

    response = client.post(
        f"/inspections/campaigns/{campaign.pk}/fan-out/",
        {"prefectures": ["530100", "530300"], "inspectors": [inspector.pk]},
    )

    assert response.status_code == 302
    assert set(campaign.inspections.values_list("target_division_code", flat=True)) == {
        "530100",
        "530300",
    }
    assert all(list(i.inspectors.all()) == [inspector] for i in campaign.inspections.all())


def test_it_refuses_a_read_only_official_as_campaign_lead(league_province, official_kunming):
    # The lead accepts and returns reports, which a read-only official may not do.
    with pytest.raises(ValidationError) as raised:
        services.campaign_create(
            actor=league_province,
            name="2019年联合督导",
            year=2019,
            start_date=datetime.date(2019, 5, 6),
            end_date=datetime.date(2019, 6, 28),
            division=division("530000"),
            lead=official_kunming,
        )

    assert "lead" in raised.value.message_dict
    assert not Campaign.objects.filter(name="2019年联合督导").exists()


def test_the_team_service_refuses_an_account_outside_the_managers_scope(edu_kunming, edu_yuxi):
    # given a Kunming campaign managed by Kunming staff
    campaign = services.campaign_create(
        actor=edu_kunming,
        name="2018年昆明市少先队工作督导",
        year=2018,
        start_date=datetime.date(2018, 5, 7),
        end_date=datetime.date(2018, 6, 29),
        division=division("530100"),
        lead=edu_kunming,
    )

    # when a Yuxi account is sent as a member (a forged form), then it is refused
    with pytest.raises(ValidationError) as raised:
        services.team_member_add(
            actor=edu_kunming, campaign=campaign, name="", user=edu_yuxi, body=TeamBody.EDUCATION
        )
    assert "user" in raised.value.message_dict
    inactive = UserFactory(role=Role.EDUCATION, division=division("530102"), is_active=False)
    with pytest.raises(ValidationError):
        services.team_member_add(
            actor=edu_kunming, campaign=campaign, name="", user=inactive, body=TeamBody.EDUCATION
        )
    assert not campaign.team.exists()


def test_an_order_to_a_unit_the_issuer_does_not_see_is_refused_by_the_service(
    edu_kunming, kunming_inspector
):
    campaign, (report,) = running_campaign(
        lead=edu_kunming,
        inspectors=[kunming_inspector],
        targets=[division("530100")],
        area="530100",
    )
    finding = services.finding_add(actor=kunming_inspector, inspection=report, text="课时不足")
    # a county inspector assigned by the lead sees only their county
    wuhua_inspector = UserFactory(role=Role.INSPECTOR, division=division("530102"))
    services.team_member_add(
        actor=edu_kunming,
        campaign=campaign,
        name="",
        user=wuhua_inspector,
        body=TeamBody.WORK_COMMITTEE,
    )
    services.campaign_fan_out(
        actor=edu_kunming,
        campaign=campaign,
        targets=[services.TargetAssignment(division("530100"), (wuhua_inspector,))],
    )

    with pytest.raises(ValidationError) as raised:
        services.rectification_order_issue(
            actor=wuhua_inspector,
            finding=finding,
            requirement="整改",
            deadline=datetime.date(2030, 1, 1),
            target=division("530111"),
        )
    assert "target_division" in raised.value.message_dict
