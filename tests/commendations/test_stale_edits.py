"""Lost updates on nominations: a decision sent from a page loaded before a colleague
decided is refused through the core's stale-save refusal, the colleague's decision kept and what was
typed shown again (quotas under real concurrency: test_concurrency.py)."""

import datetime

import pytest

from apps.commendations import services
from apps.commendations.choices import Decision, ReviewLevel
from apps.core import clock
from tests.stale import colleague_of, form_data, signed_in

pytestmark = pytest.mark.django_db


def test_a_decision_on_a_stale_nomination_page_is_refused(children, nominate, edu_wuhua):
    colleague = colleague_of(edu_wuhua)
    nomination = nominate(children)
    browser = signed_in(edu_wuhua)
    page = browser.get(f"/commendations/nominations/{nomination.pk}/")
    data = form_data(page.context["review_form"])

    # when a colleague decides first, then the page loaded before sends its decision
    services.nomination_review(
        actor=colleague, nomination=nomination, decision=Decision.APPROVE, seen_version=1
    )
    comment = "事迹材料需补充佐证"
    response = browser.post(
        f"/commendations/nominations/{nomination.pk}/review/",
        {**data, "decision": Decision.RETURN, "comment": comment},
    )

    # then it is refused above the form, the comment kept, the colleague's decision stands
    assert response.status_code == 200
    form = response.context["review_form"]
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    assert form["comment"].value() == comment
    content = response.content.decode()
    # the core's refusal, in the review's own words (it says the nomination was handled)
    assert form.non_field_errors()[0] in content
    assert comment in content
    nomination.refresh_from_db()
    assert nomination.current_level == ReviewLevel.PREFECTURE


def test_consent_recorded_from_a_stale_page_is_refused(client, published, edu_wuhua):
    """Two county staff open the same nomination; one records the guardian's consent, then
    the other records another day from the page still open: refused, the first day stands."""
    _notice, _shown, hidden = published
    colleague = colleague_of(edu_wuhua)
    browser = signed_in(edu_wuhua)
    page = browser.get(f"/commendations/nominations/{hidden.pk}/")
    data = form_data(page.context["consent_form"])
    agreed = clock.today() - datetime.timedelta(days=2)

    services.child_consent_record(
        actor=colleague, nomination=hidden, consent_on=agreed, seen_version=int(data["version"])
    )
    response = browser.post(
        f"/commendations/nominations/{hidden.pk}/consent/",
        {**data, "consent_on": clock.today().isoformat()},
    )

    assert response.status_code == 200
    form = response.context["consent_form"]
    assert [error.code for error in form.non_field_errors().as_data()] == ["stale"]
    hidden.child.refresh_from_db()
    assert hidden.child.guardian_agreed_on == agreed
