import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.inspections import services
from apps.inspections.choices import InspectionStatus, Rating, Severity, Step
from apps.inspections.history import report_history
from apps.inspections.models import IndicatorScore, Inspection
from apps.inspections.services import score_field
from tests.factories.inspections import filed_report, full_scores, upload


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _items(campaign):
    return list(campaign.checklist.all())


def test_a_report_goes_from_draft_to_submitted_to_accepted(lead, inspector, kunming_report):
    # given a report filled in by its inspector
    services.inspection_update(
        actor=inspector,
        inspection=kunming_report,
        scores=full_scores(kunming_report.campaign),
        rating=Rating.GOOD,
        summary="昆明市少先队改革推进有序。",
        inspected_on=datetime.date(2018, 5, 9),
    )
    services.finding_add(
        actor=inspector, inspection=kunming_report, text="活动课时不足。", severity=Severity.MEDIUM
    )

    # when it is submitted and accepted
    submitted = services.inspection_submit(actor=inspector, inspection=kunming_report)
    accepted = services.inspection_accept(actor=lead, inspection=submitted)

    # then every step is kept with who did it
    assert submitted.submitted_by == inspector
    assert accepted.status == InspectionStatus.ACCEPTED
    assert accepted.accepted_by == lead
    steps = accepted.history.order_by("history_date")
    actions = list(steps.values_list("history_change_reason", "history_user__username"))
    assert actions[-4:] == [
        (Step.UPDATED, "inspector"),
        (Step.FINDING_ADDED, "inspector"),
        (Step.SUBMITTED, "inspector"),
        (Step.ACCEPTED, "league_province"),
    ]
    (update,) = [step for step in report_history(accepted) if step.step == Step.UPDATED]
    changes = {str(c.label): (c.old, c.new) for c in update.changes}
    assert changes[_label(Inspection, "summary")] == ("—", "昆明市少先队改革推进有序。")
    assert changes[_label(Inspection, "inspected_on")] == ("—", "2018-05-09")
    score = _label(IndicatorScore, "score")
    assert changes[f"{score} · 指标1"] == ("—", "24")
    assert changes[f"{score} · 指标2"] == ("—", "16")


def test_the_lead_returns_a_report_to_draft_with_a_reason(lead, inspector, kunming_report):
    submitted = filed_report(kunming_report, inspector=inspector)

    returned = services.inspection_return(
        actor=lead, inspection=submitted, reason="缺少对大队辅导员配备的评分依据。"
    )

    assert returned.status == InspectionStatus.DRAFT
    assert returned.return_reason == "缺少对大队辅导员配备的评分依据。"
    latest = returned.history.latest()
    assert (latest.history_change_reason, latest.return_reason) == (
        Step.RETURNED,
        "缺少对大队辅导员配备的评分依据。",
    )
    # the inspector can change it again and resubmit
    services.inspection_update(actor=inspector, inspection=returned, summary="已补充评分依据。")
    again = services.inspection_submit(actor=inspector, inspection=returned)
    assert again.status == InspectionStatus.SUBMITTED
    assert again.return_reason == ""


def test_a_return_needs_a_reason(lead, inspector, kunming_report):
    submitted = filed_report(kunming_report, inspector=inspector)

    with pytest.raises(ValidationError) as raised:
        services.inspection_return(actor=lead, inspection=submitted, reason="  ")

    assert "reason" in raised.value.message_dict
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.SUBMITTED


def test_it_refuses_to_change_a_submitted_report(inspector, kunming_report):
    submitted = filed_report(kunming_report, inspector=inspector)
    steps = submitted.history.count()

    with pytest.raises(ValidationError) as raised:
        services.inspection_update(actor=inspector, inspection=submitted, summary="改动")
    assert {e.code for e in raised.value.error_list} == {"not_draft"}
    with pytest.raises(ValidationError):
        services.finding_add(actor=inspector, inspection=submitted, text="补充问题")
    with pytest.raises(ValidationError):
        services.inspection_evidence_add(
            actor=inspector, inspection=submitted, uploads=[upload("补充.pdf")]
        )

    submitted.refresh_from_db()
    assert submitted.summary == ""
    assert not submitted.findings.exists()
    assert not submitted.evidence.exists()
    assert submitted.history.count() == steps


def test_it_refuses_to_change_an_accepted_report(lead, inspector, kunming_report):
    accepted = filed_report(kunming_report, inspector=inspector, accept_by=lead)

    with pytest.raises(ValidationError):
        services.inspection_update(actor=inspector, inspection=accepted, rating=Rating.EXCELLENT)
    with pytest.raises(ValidationError):
        services.inspection_return(actor=lead, inspection=accepted, reason="重新评")


def test_the_edit_page_of_a_submitted_report_refuses_changes(inspector, kunming_report, login):
    filed_report(kunming_report, inspector=inspector)
    client = login(inspector)
    url = f"/inspections/reports/{kunming_report.pk}/edit/"

    assert client.get(url).status_code == 302
    kunming_report.refresh_from_db()
    data = {"summary": "偷偷修改", "rating": Rating.EXCELLENT, "version": kunming_report.version}
    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    kunming_report.refresh_from_db()
    assert (kunming_report.summary, kunming_report.rating) == ("", Rating.GOOD)


def test_it_refuses_scores_outside_zero_to_the_maximum(inspector, kunming_report):
    first, second = _items(kunming_report.campaign)

    with pytest.raises(ValidationError) as raised:
        services.inspection_update(
            actor=inspector,
            inspection=kunming_report,
            scores={first.pk: first.max_score + Decimal("0.5"), second.pk: Decimal(-1)},
        )

    assert set(raised.value.message_dict) == {score_field(first), score_field(second)}
    assert not IndicatorScore.objects.exists()


def test_the_report_form_refuses_a_score_above_the_maximum_next_to_its_field(
    inspector, kunming_report, login
):
    first, second = _items(kunming_report.campaign)
    client = login(inspector)

    response = client.post(
        f"/inspections/reports/{kunming_report.pk}/edit/",
        {
            score_field(first): "31",
            score_field(second): "10",
            "rating": Rating.GOOD,
            "version": kunming_report.version,
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {score_field(first)}
    assert not IndicatorScore.objects.exists()


def test_the_report_form_saves_scores_and_keeps_a_history_step(inspector, kunming_report, login):
    first, second = _items(kunming_report.campaign)
    client = login(inspector)

    response = client.post(
        f"/inspections/reports/{kunming_report.pk}/edit/",
        {
            "inspected_on": "2018-05-10",
            score_field(first): "27.5",
            score_field(second): "18",
            "rating": Rating.EXCELLENT,
            "summary": "改革任务全面落实。",
            "version": kunming_report.version,
        },
    )

    assert response.status_code == 302
    scores = dict(kunming_report.scores.values_list("item__name", "score"))
    assert scores == {"指标1": Decimal("27.5"), "指标2": Decimal("18")}
    kunming_report.refresh_from_db()
    assert kunming_report.rating == Rating.EXCELLENT
    # 27.5/30*60 + 18/20*40 = 55 + 36 = 91 of 100
    assert kunming_report.weighted_score() == Decimal("91.0")
    assert kunming_report.history.filter(history_change_reason=Step.UPDATED).count() == 1


def test_submission_needs_every_item_scored_and_a_rating(inspector, kunming_report):
    first, second = _items(kunming_report.campaign)
    services.inspection_update(
        actor=inspector, inspection=kunming_report, scores={first.pk: Decimal(20)}
    )

    with pytest.raises(ValidationError) as raised:
        services.inspection_submit(actor=inspector, inspection=kunming_report)

    assert set(raised.value.message_dict) == {"rating", score_field(second)}
    kunming_report.refresh_from_db()
    assert kunming_report.status == InspectionStatus.DRAFT


def test_only_assigned_inspectors_file_and_only_the_lead_decides(
    lead, inspector, other_inspector, edu_kunming, kunming_report
):
    with pytest.raises(PermissionDenied):
        services.inspection_update(actor=edu_kunming, inspection=kunming_report, summary="x")
    with pytest.raises(PermissionDenied):
        services.inspection_update(actor=other_inspector, inspection=kunming_report, summary="x")
    submitted = filed_report(kunming_report, inspector=inspector)
    with pytest.raises(PermissionDenied):
        services.inspection_accept(actor=inspector, inspection=submitted)
    with pytest.raises(PermissionDenied):
        services.inspection_accept(actor=edu_kunming, inspection=submitted)
    assert Inspection.objects.get(pk=submitted.pk).status == InspectionStatus.SUBMITTED


def test_reports_are_filed_only_while_the_campaign_runs(lead, inspector, campaign, yuxi_report):
    kunming = campaign.inspections.get(target_division_code="530100")
    filed_report(kunming, inspector=inspector, accept_by=lead)
    services.campaign_close(actor=lead, campaign=campaign)

    with pytest.raises(ValidationError) as raised:
        services.inspection_update(actor=inspector, inspection=yuxi_report, summary="迟到")

    assert {e.code for e in raised.value.error_list} == {"campaign_not_running"}


def test_the_lead_accepts_and_returns_from_the_report_page(lead, inspector, kunming_report, login):
    filed_report(kunming_report, inspector=inspector)
    client = login(lead)

    page = client.get(f"/inspections/reports/{kunming_report.pk}/")
    assert b'data-action="accept"' in page.content
    response = client.post(
        f"/inspections/reports/{kunming_report.pk}/return/", {"reason": "请补充佐证材料。"}
    )

    assert response.status_code == 302
    kunming_report.refresh_from_db()
    assert kunming_report.status == InspectionStatus.DRAFT
    assert kunming_report.return_reason == "请补充佐证材料。"


def test_the_report_form_is_one_column_with_bounded_number_inputs(inspector, kunming_report, login):
    first, _second = _items(kunming_report.campaign)
    client = login(inspector)

    response = client.get(f"/inspections/reports/{kunming_report.pk}/edit/")

    html = response.content.decode()
    assert 'class="card one-column report-form"' in html
    assert f'name="{score_field(first)}"' in html
    assert 'type="number"' in html
    assert 'min="0"' in html
    assert 'max="30.00"' in html
    assert 'inputmode="decimal"' in html
    assert 'type="radio"' in html


def test_the_report_forms_are_offered_only_to_those_who_may_use_them(
    lead, inspector, edu_kunming, kunming_report, login
):
    base = f"/inspections/reports/{kunming_report.pk}"
    for user in (lead, edu_kunming):
        for url in (f"{base}/edit/", f"{base}/findings/new/", f"{base}/evidence/new/"):
            response = login(user).get(url)
            assert response.status_code == 302, (user, url)
            assert response["Location"] == f"{base}/"
    filed_report(kunming_report, inspector=inspector)
    assert login(inspector).get(f"{base}/return/").status_code == 302
    assert login(lead).get(f"{base}/return/").status_code == 200
