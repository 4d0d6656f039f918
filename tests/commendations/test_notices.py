"""The 公示: five working days on the official calendar (National Day, Spring Festival,
调休 and an unknown year), objections and their outcomes, the final list and the purge."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.commendations import services
from apps.commendations.choices import NominationStatus, ObjectionOutcome, ReviewLevel
from apps.commendations.models import Objection, PublicNotice
from apps.core import clock
from apps.core.models import WorkdayOverride
from tests.commendations.conftest import make_category, make_round
from tests.factories.titles import upload

D = datetime.date


def _notice(round_, edu_province):
    return PublicNotice.objects.create(round=round_, title="关于拟表彰对象的公示")


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        # National Day 2025: 1-8 October off; Sunday 28 September worked (调休).
        (D(2025, 9, 26), D(2025, 10, 10)),
        # Spring Festival 2026: 15-23 February off; Saturday 14 February worked.
        (D(2026, 2, 12), D(2026, 2, 26)),
        # An ordinary week: Monday to the next Monday.
        (D(2025, 11, 3), D(2025, 11, 10)),
    ],
)
def test_a_notice_lasts_five_working_days_on_the_official_calendar(
    divisions, edu_province, starts_on, ends_on
):
    notice = _notice(make_round(), edu_province)
    with clock.travel(starts_on):
        published = services.notice_publish(actor=edu_province, notice=notice, starts_on=starts_on)
    assert (published.ends_on, published.provisional) == (ends_on, False)


def test_a_notice_into_an_unknown_year_is_provisional_and_cannot_close_without_override(
    divisions, edu_province
):
    notice = _notice(make_round(), edu_province)
    start = D(2027, 9, 27)
    with clock.travel(start):
        published = services.notice_publish(actor=edu_province, notice=notice, starts_on=start)
    assert published.provisional is True
    assert published.ends_on == D(2027, 10, 4)  # weekends only: the calendar is unknown
    with clock.travel(D(2027, 11, 1)):
        with pytest.raises(ValidationError) as refused:
            services.notice_close(actor=edu_province, notice=published)
        assert refused.value.code == "provisional"
        closed = services.notice_close(actor=edu_province, notice=published, override=True)
    assert closed.closed_at is not None


def test_overrides_for_the_unknown_year_make_the_period_final(divisions, edu_province):
    notice = _notice(make_round(), edu_province)
    start = D(2027, 9, 27)
    with clock.travel(start):
        published = services.notice_publish(actor=edu_province, notice=notice, starts_on=start)
    # the 2027 holidays become known: every day of the span gets its override
    for offset in range(0, 40):
        day = start + datetime.timedelta(days=offset)
        holiday = D(2027, 10, 1) <= day <= D(2027, 10, 7)
        WorkdayOverride.objects.create(
            date=day, is_workday=day.weekday() < 5 and not holiday, reason="2027年国庆"
        )
    with clock.travel(D(2027, 11, 1)):
        closed = services.notice_close(actor=edu_province, notice=published)
    assert (closed.ends_on, closed.provisional) == (D(2027, 10, 11), False)


@pytest.fixture
def on_notice(children, nominate, approve_all, edu_province):
    """Two approved Young Pioneers and a reserve waiting at province level, review closed
    and the 公示 published today."""
    approved = [approve_all(nominate(children)) for _ in range(2)]
    reserve = nominate(children)
    from apps.commendations.choices import Decision

    for level in (ReviewLevel.COUNTY, ReviewLevel.PREFECTURE):
        reserve.refresh_from_db()
        services.nomination_review(
            actor={"county": approved[0].steps.first().reviewer}.get(level)
            or approved[0].steps.get(level=level).reviewer,
            nomination=reserve,
            decision=Decision.APPROVE,
        )
    notice = services.round_close_review(actor=edu_province, round=children.round)
    notice = services.notice_publish(actor=edu_province, notice=notice, starts_on=clock.today())
    return notice, approved, reserve


def _object(notice, nomination, **kwargs):
    values = {
        "objector_kind": "person",
        "objector_name": "赵建国",
        "objector_phone": "13800001111",
        "grounds": "事迹材料与实际不符。",
        "address": "10.0.0.1",
    }
    values.update(kwargs)
    return services.objection_submit(notice=notice, nomination=nomination, **values)


def test_anonymous_objections_are_refused_with_a_clear_message(on_notice):
    notice, approved, _reserve = on_notice
    with pytest.raises(ValidationError) as refused:
        _object(notice, approved[0], objector_name="", objector_phone="")
    assert "Anonymous" in str(refused.value) or "匿名" in str(refused.value)


def test_an_organisation_objects_with_a_pdf_letter(on_notice):
    notice, approved, _reserve = on_notice
    with pytest.raises(ValidationError):
        _object(notice, approved[0], objector_kind="organisation", objector_name="某小学")
    objection = _object(
        notice,
        approved[0],
        objector_kind="organisation",
        objector_name="某小学",
        objector_phone="",
        letter=upload("letter.pdf"),
    )
    assert objection.letter.content_type == "application/pdf"


def test_floods_from_one_address_are_stopped(on_notice):
    notice, approved, _reserve = on_notice
    for _ in range(5):
        _object(notice, approved[0])
    with pytest.raises(ValidationError) as refused:
        _object(notice, approved[0])
    assert refused.value.code == "rate_limited"
    _object(notice, approved[0], address="10.0.0.2")


def test_the_form_closes_when_the_period_ends(on_notice):
    notice, approved, _reserve = on_notice
    after = notice.ends_on + datetime.timedelta(days=1)
    with clock.travel(after), pytest.raises(ValidationError) as refused:
        _object(notice, approved[0])
    assert refused.value.code == "closed"


def test_an_objection_is_due_within_ten_working_days(on_notice):
    notice, approved, _reserve = on_notice
    objection = _object(notice, approved[0])
    from apps.core.workdays import add_workdays

    assert objection.due_on == add_workdays(objection.received_on, 10).date


def test_outcomes_and_the_final_list(on_notice, edu_province):
    notice, (kept, dropped), reserve = on_notice
    dismissed = _object(notice, kept)
    upheld = _object(notice, dropped)
    services.objection_resolve(
        actor=edu_province,
        objection=dismissed,
        outcome="dismissed",
        resolution="经核实，事迹属实。",
    )
    with pytest.raises(ValidationError):
        services.final_list_publish(actor=edu_province, round=notice.round, decision_number="x")
    services.objection_resolve(
        actor=edu_province,
        objection=upheld,
        outcome=ObjectionOutcome.REPLACED,
        resolution="经核实，反映属实，由候补人选递补。",
        replacement=reserve,
    )
    dropped.refresh_from_db()
    reserve.refresh_from_db()
    assert dropped.status == NominationStatus.WITHDRAWN
    assert reserve.status == NominationStatus.APPROVED
    second = PublicNotice.objects.get(replacement=reserve)
    assert second.published_at is not None and second.ends_on > clock.today()

    # the notices close after their periods, then the final list goes out
    with clock.travel(second.ends_on + datetime.timedelta(days=1)):
        for row in PublicNotice.objects.filter(round=notice.round):
            services.notice_close(actor=edu_province, notice=row)
        round_ = services.final_list_publish(
            actor=edu_province, round=notice.round, decision_number="云少工委〔2026〕5号"
        )
    awarded = set(round_.nominations.filter(status="awarded").values_list("pk", flat=True))
    assert awarded == {kept.pk, reserve.pk}
    assert all(round_.nominations.filter(status="awarded").values_list("serial", flat=True))


def test_objectors_data_is_deleted_a_year_after_the_final_list(on_notice, edu_province):
    notice, (kept, _dropped), _reserve = on_notice
    objection = _object(notice, kept)
    services.objection_resolve(
        actor=edu_province, objection=objection, outcome="withdrawn", resolution="反映属实。"
    )
    with clock.travel(notice.ends_on + datetime.timedelta(days=1)):
        services.notice_close(actor=edu_province, notice=notice)
        round_ = services.final_list_publish(
            actor=edu_province, round=notice.round, decision_number="云少工委〔2026〕6号"
        )
    assert services.objector_data_purge(today=round_.decided_on + datetime.timedelta(days=300)) == 0
    assert services.objector_data_purge(today=round_.decided_on + datetime.timedelta(days=366)) == 1
    objection = Objection.objects.get(pk=objection.pk)
    assert (objection.objector_name, objection.objector_phone) == ("", "")
    assert objection.outcome == "withdrawn"
    # nor does any earlier copy in its history keep them
    copies = Objection.history.filter(id=objection.pk)
    assert copies.count() >= 3
    assert set(copies.values_list("objector_name", "objector_phone", "address_hash")) == {
        ("", "", "")
    }


def test_a_directors_category_is_filled_from_people_with_post_and_unit(
    round_, nominate, approve_all
):
    category = make_category(round_, "directors", "person", 1)
    nomination = approve_all(nominate(category))
    assert nomination.status == "approved"
    assert nomination.person.post == "局长"
