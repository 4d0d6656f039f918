"""The joint inspections' to-do source: what waits for whom, how many, by when, in scope."""

import datetime

import pytest
from django.utils.translation import gettext

from apps.core import clock, registry
from apps.inspections import services
from apps.inspections.todos import inspection_todos
from tests.factories import UserFactory, division
from tests.factories.inspections import filed_report

DEADLINE = datetime.date(2018, 9, 30)
SUMMER = datetime.date(2018, 7, 10)
ANSWER = "Rectification orders your unit must answer"
VERIFY = "Rectifications waiting for your verification"


def _todos(actor) -> dict:
    """The actor's to-dos by their untranslated label."""
    return {
        label: todo
        for todo in inspection_todos(actor=actor)
        for label in (ANSWER, VERIFY)
        if str(todo.label) == gettext(label)
    }


def _only(actor):
    (todo,) = inspection_todos(actor=actor)
    return todo


@pytest.fixture
def kunming_order(inspector, kunming_report):
    finding = services.finding_add(actor=inspector, inspection=kunming_report, text="活动课不足。")
    with clock.travel(SUMMER):
        return services.rectification_order_issue(
            actor=inspector, finding=finding, requirement="开足活动课。", deadline=DEADLINE
        )


def test_the_source_is_declared_by_the_area():
    assert inspection_todos in registry.todo_sources()


def test_assigned_inspectors_have_their_drafts_to_file_due_by_the_campaign_end(
    inspector, other_inspector, campaign, kunming_report, yuxi_report
):
    with clock.travel(datetime.date(2018, 6, 1)):
        todo = _only(inspector)

    assert todo.count == 2
    assert (todo.due, todo.overdue) == (campaign.end_date, False)
    assert todo.url.endswith("/inspections/reports/?status=draft")
    assert inspection_todos(actor=other_inspector) == []
    with clock.travel(datetime.date(2018, 7, 1)):
        assert _only(inspector).overdue


def test_a_submitted_report_moves_from_the_inspector_to_the_lead(
    lead, inspector, kunming_report, yuxi_report
):
    filed_report(kunming_report, inspector=inspector)

    assert _only(inspector).count == 1
    waiting = _only(lead)
    assert waiting.count == 1
    assert waiting.url.endswith("?status=submitted")
    assert waiting.due is None and not waiting.overdue


def test_the_targets_staff_answer_an_order_and_its_issuer_verifies_it(
    lead, inspector, edu_kunming, league_kunming, edu_wuhua, edu_yuxi, kunming_order
):
    with clock.travel(datetime.date(2018, 9, 1)):
        for staff in (edu_kunming, league_kunming):
            answer = _todos(staff)[ANSWER]
            assert (answer.count, answer.due, answer.overdue) == (1, DEADLINE, False)
    with clock.travel(datetime.date(2018, 10, 8)):
        assert _todos(edu_kunming)[ANSWER].overdue
    # A county inside Kunming and another prefecture have nothing to answer for Kunming.
    assert inspection_todos(actor=edu_wuhua) == []
    assert inspection_todos(actor=edu_yuxi) == []

    services.rectification_submit(actor=edu_kunming, order=kunming_order, text="已整改。")

    assert ANSWER not in _todos(edu_kunming)
    for verifier in (inspector, lead):
        verify = _todos(verifier)[VERIFY]
        assert verify.count == 1
        assert verify.url.endswith("/inspections/orders/?status=submitted")


def test_read_only_users_and_visitors_have_nothing_to_do(
    official_kunming, inspector, kunming_order, client
):
    assert inspection_todos(actor=official_kunming) == []
    assert inspection_todos(actor=None) == []
    anonymous = client.get("/").wsgi_request.user
    assert inspection_todos(actor=anonymous) == []


def test_counts_never_reach_outside_the_actors_scope(divisions, inspector, kunming_order):
    # Education staff of Qujing, with the right to rectify, see no order of Kunming's.
    qujing = UserFactory(username="edu_qujing", role="education", division=division("530300"))

    assert inspection_todos(actor=qujing) == []
