"""A report's history from the core history: who did what when, with old and new values, on
the report page and in the admin, dated by the portal's clock."""

import datetime
import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from apps.core import clock
from apps.core.people import person_label
from apps.inspections import services
from apps.inspections.choices import Rating, Step
from apps.inspections.history import report_history
from apps.inspections.models import IndicatorScore, Inspection


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _rows(html: str) -> dict[str, str]:
    """The history table's rows by their step, as text."""
    table = re.search(r'<table [^>]*data-table="history">.*?</table>', html, re.S)
    rows = re.findall(r'<tr data-history-entry data-action="([^"]*)">(.*?)</tr>', table[0], re.S)
    return {step: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)) for step, body in rows}


def test_each_step_is_kept_with_its_author_time_and_changed_values(lead, inspector, kunming_report):
    first, second = kunming_report.campaign.checklist.all()
    # Steps on the next two days (the report itself was created today).
    visit = clock.today() + datetime.timedelta(days=1)
    accepted_on = visit + datetime.timedelta(days=1)
    with clock.travel(datetime.datetime.combine(visit, datetime.time(10))):
        services.inspection_update(
            actor=inspector,
            inspection=kunming_report,
            scores={first.pk: Decimal(20), second.pk: Decimal(15)},
            rating=Rating.GOOD,
        )
    with clock.travel(datetime.datetime.combine(visit, datetime.time(15))):
        services.inspection_update(
            actor=inspector, inspection=kunming_report, scores={first.pk: Decimal("27.5")}
        )
        services.finding_add(actor=inspector, inspection=kunming_report, text="活动课不足。")
        services.inspection_submit(actor=inspector, inspection=kunming_report)
    with clock.travel(datetime.datetime.combine(accepted_on, datetime.time(9))):
        services.inspection_accept(actor=lead, inspection=kunming_report)

    steps = report_history(Inspection.objects.get(pk=kunming_report.pk))

    assert [step.step for step in steps] == [
        Step.ACCEPTED,
        Step.SUBMITTED,
        Step.FINDING_ADDED,
        Step.UPDATED,
        Step.UPDATED,
        Step.INSPECTORS_ASSIGNED,
        Step.CREATED,
    ]
    accepted, submitted, finding, second_update, first_update, *_ = steps
    assert timezone.localtime(accepted.at).date() == accepted_on
    assert timezone.localtime(first_update.at).date() == visit
    assert (submitted.who, accepted.who) == (person_label(inspector), person_label(lead))
    score = _label(IndicatorScore, "score")
    changes = {str(c.label): (c.old, c.new) for c in second_update.changes}
    # Only what changed in that step: the first item's score, from its old value.
    assert changes == {f"{score} · 指标1": ("20", "27.5")}
    first = {str(c.label): (c.old, c.new) for c in first_update.changes}
    assert first[f"{score} · 指标2"] == ("—", "15")
    assert first[_label(Inspection, "rating")] == ("—", str(Rating.GOOD.label))
    (added,) = finding.changes
    assert (added.old, added.new[-6:]) == ("—", "活动课不足。")


def test_the_report_page_shows_the_history_with_old_and_new_values(
    lead, inspector, kunming_report, login
):
    first, second = kunming_report.campaign.checklist.all()
    services.inspection_update(
        actor=inspector,
        inspection=kunming_report,
        scores={first.pk: Decimal(24), second.pk: Decimal(16)},
        rating=Rating.GOOD,
        summary="推进有序。",
    )
    services.inspection_submit(actor=inspector, inspection=kunming_report)
    services.inspection_return(actor=lead, inspection=kunming_report, reason="补充评分依据。")

    response = login(lead).get(reverse("inspections:inspection-detail", args=[kunming_report.pk]))

    rows = _rows(response.content.decode())
    assert set(rows) >= {Step.CREATED, Step.UPDATED, Step.SUBMITTED, Step.RETURNED}
    assert f"{_label(IndicatorScore, 'score')} · 指标1： — → 24" in rows[Step.UPDATED]
    assert f"{_label(Inspection, 'summary')}： — → 推进有序。" in rows[Step.UPDATED]
    assert f"{_label(Inspection, 'return_reason')}： — → 补充评分依据。" in rows[Step.RETURNED]
    assert person_label(lead) in rows[Step.RETURNED]


def test_the_admin_shows_a_reports_history_read_only(
    province_admin, inspector, kunming_report, login
):
    services.inspection_update(actor=inspector, inspection=kunming_report, summary="已督导。")
    client = login(province_admin)
    url = reverse("admin:inspections_inspection_change", args=[kunming_report.pk])

    page = client.get(url)
    posted = client.post(url, {"summary": "改写"})

    assert page.status_code == 200
    assert "已督导。" in page.content.decode()
    assert b'name="summary"' not in page.content
    assert posted.status_code == 403
    kunming_report.refresh_from_db()
    assert kunming_report.summary == "已督导。"
