"""Two reviewers deciding on the same application at the same moment, on real connections."""

import pytest

from apps.accounts.choices import Role
from apps.titles import services
from apps.titles.choices import Decision, ReviewLevel
from apps.titles.models import ReviewStep, TitleApplication
from tests.concurrency import at_once
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import ApplicantFactory, upload
from tests.titles.conftest import create


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_decisions_one_wins_and_the_other_is_told_to_reload(divisions):
    # given a submitted application and two reviewers at its school
    school = SchoolFactory(county=division("530102"))
    applicant = ApplicantFactory(school=school)
    reviewers = [UserFactory(role=Role.EDUCATION, division=None, school=school) for _ in range(2)]
    application = create(applicant.user)
    services.evidence_add(actor=applicant.user, application=application, upload=upload())
    application = services.title_application_submit(actor=applicant.user, application=application)
    seen = application.version

    def decide(reviewer, decision):
        return lambda: services.title_application_review(
            actor=reviewer,
            application=TitleApplication(pk=application.pk),
            decision=decision,
            comment="材料不全" if decision != Decision.APPROVE else "",
            seen_version=seen,
        )

    # when both decide at once on the version they saw
    decisions = [Decision.APPROVE, Decision.RETURN]
    outcomes = at_once([decide(reviewers[0], decisions[0]), decide(reviewers[1], decisions[1])])

    # then exactly one won, one was refused, and one step was recorded
    assert sorted(outcome.code for outcome in outcomes) == ["done", "stale"]
    assert ReviewStep.objects.count() == 1
    step = ReviewStep.objects.get()
    winner = next(d for d, outcome in zip(decisions, outcomes, strict=True) if not outcome.error)
    assert step.decision == winner
    application.refresh_from_db()
    assert application.version == seen + 1
    expected_level = ReviewLevel.COUNTY if winner == Decision.APPROVE else ""
    assert application.current_level == expected_level
