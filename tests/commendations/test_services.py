"""Nominating and reviewing: scope, duplicates, the review chain and the quota rules."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.commendations import services
from apps.commendations.choices import (
    Decision,
    NominationStatus,
    NomineeKind,
    ReviewLevel,
    SelectionMode,
)
from apps.commendations.models import PrefectureQuota, ReviewStep
from apps.commendations.selectors import balance
from tests.commendations.conftest import child_data, make_category, make_round
from tests.factories import SchoolFactory, UserFactory, division


def test_a_county_nomination_goes_up_three_levels_and_every_step_is_recorded(
    children, nominate, review
):
    nomination = nominate(children)
    assert nomination.current_level == ReviewLevel.COUNTY

    review(nomination, ReviewLevel.COUNTY)
    review(nomination, ReviewLevel.PREFECTURE)
    review(nomination, ReviewLevel.PROVINCE)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    assert list(
        ReviewStep.objects.filter(nomination=nomination).values_list("level", flat=True)
    ) == [
        "county",
        "prefecture",
        "province",
    ]


def test_a_prefecture_nomination_starts_at_prefecture_level(
    children, nominate, edu_kunming, school
):
    nomination = nominate(children, actor=edu_kunming)
    assert nomination.current_level == ReviewLevel.PREFECTURE


def test_a_return_needs_a_reason_and_goes_back_to_the_first_level_on_resubmission(
    children, nominate, review, league_wuhua
):
    nomination = nominate(children)
    review(nomination, ReviewLevel.COUNTY)
    with pytest.raises(ValidationError) as refused:
        review(nomination, ReviewLevel.PREFECTURE, Decision.RETURN)
    assert "comment" in refused.value.error_dict

    review(nomination, ReviewLevel.PREFECTURE, Decision.RETURN, "请补充事迹。")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.RETURNED
    services.nomination_resubmit(actor=league_wuhua, nomination=nomination, deeds="补充后的事迹。")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.current_level) == ("submitted", "county")


def test_nobody_nominates_outside_their_division_or_twice_the_same_person(
    children, nominate, edu_yuxi, school
):
    with pytest.raises(PermissionDenied):
        nominate(children, actor=edu_yuxi)
    data = child_data(school, name="王小花")
    nominate(children, child=data)
    with pytest.raises(ValidationError):
        nominate(children, child=dict(data))


def test_nobody_reviews_their_own_nomination(children, nominate, edu_wuhua, review):
    nomination = nominate(children, actor=edu_wuhua)
    with pytest.raises(PermissionDenied):
        review(nomination, ReviewLevel.COUNTY, actor=edu_wuhua)


def test_a_counselor_nominee_does_not_review_their_own_nomination(round_, nominate, school):
    from tests.factories.counselors import CounselorFactory

    category = make_category(round_, "counselors", NomineeKind.COUNSELOR, 5)
    reviewer = UserFactory(username="chief", role=Role.EDUCATION, division=division("530102"))
    counselor = CounselorFactory(school=school, county=division("530102"), user=reviewer)
    nomination = nominate(category, counselor=counselor)
    with pytest.raises(PermissionDenied):
        services.nomination_review(actor=reviewer, nomination=nomination, decision=Decision.APPROVE)


def test_equal_quota_a_county_passes_up_at_most_the_quota(divisions, nominate, review):
    round_ = make_round(mode=SelectionMode.EQUAL)
    category = make_category(round_, "pupils", NomineeKind.CHILD, 2)
    first, second, third = (nominate(category) for _ in range(3))
    review(first, ReviewLevel.COUNTY)
    review(second, ReviewLevel.COUNTY)
    with pytest.raises(ValidationError) as refused:
        review(third, ReviewLevel.COUNTY)
    assert refused.value.code == "quota"


def test_competitive_quota_a_level_passes_quota_times_ratio_and_the_province_stops_at_quota(
    divisions, nominate, review
):
    round_ = make_round(mode=SelectionMode.COMPETITIVE, ratio="1.50")
    category = make_category(round_, "pupils", NomineeKind.CHILD, 2)
    nominations = [nominate(category) for _ in range(4)]
    for n in nominations[:3]:
        review(n, ReviewLevel.COUNTY)
    with pytest.raises(ValidationError):
        review(nominations[3], ReviewLevel.COUNTY)
    for n in nominations[:3]:
        review(n, ReviewLevel.PREFECTURE)
    review(nominations[0], ReviewLevel.PROVINCE)
    review(nominations[1], ReviewLevel.PROVINCE)
    with pytest.raises(ValidationError) as refused:
        review(nominations[2], ReviewLevel.PROVINCE)
    assert refused.value.code == "quota"


def test_a_prefecture_quota_limits_the_prefecture(divisions, nominate, review):
    round_ = make_round()
    category = make_category(round_, "pupils", NomineeKind.CHILD, 10, **{"530100": 1})
    first, second = nominate(category), nominate(category)
    review(first, ReviewLevel.COUNTY)
    with pytest.raises(ValidationError):
        review(second, ReviewLevel.COUNTY)


def test_the_province_approves_no_more_than_a_prefectures_quota(divisions, nominate, review):
    round_ = make_round()
    category = make_category(round_, "pupils", NomineeKind.CHILD, 10, **{"530100": 2})
    first, second = nominate(category), nominate(category)
    for level in (ReviewLevel.COUNTY, ReviewLevel.PREFECTURE):
        review(first, level)
        review(second, level)
    # The round cuts Kunming's places after both reached the province.
    PrefectureQuota.objects.filter(category=category, prefecture_id="530100").update(quota=1)

    review(first, ReviewLevel.PROVINCE)
    with pytest.raises(ValidationError) as refused:
        review(second, ReviewLevel.PROVINCE)
    assert refused.value.code == "quota"


def test_a_reviewer_sees_the_gender_and_minority_balance_of_what_they_passed(
    children, nominate, review, school, edu_wuhua
):
    nominate_a = nominate(children, child=child_data(school, gender="female", ethnicity="彝族"))
    nominate_b = nominate(children, child=child_data(school, gender="male", ethnicity="汉族"))
    review(nominate_a, ReviewLevel.COUNTY)
    review(nominate_b, ReviewLevel.COUNTY)

    counts = balance(actor=edu_wuhua, round_id=children.round_id)
    assert (counts["total"], counts["gender_female"], counts["gender_male"]) == (2, 1, 1)
    assert counts["minority"] == 1


def test_a_child_nominee_holds_no_id_number_or_photo():
    from apps.commendations.models import ChildNominee

    fields = {f.name for f in ChildNominee._meta.concrete_fields}
    assert not {"id_number", "photo", "birth_date"} & fields


def test_a_school_user_cannot_review(children, nominate, school):
    school_user = UserFactory(username="head", role=Role.EDUCATION, division=None, school=school)
    nomination = nominate(children)
    with pytest.raises(PermissionDenied):
        services.nomination_review(
            actor=school_user, nomination=nomination, decision=Decision.APPROVE
        )


def test_a_collective_is_a_brigade_of_a_school(round_, nominate, school):
    from apps.organizations.models import Brigade

    brigade, _ = Brigade.objects.get_or_create(school=school, name="少先队大队")
    category = make_category(round_, "collectives", NomineeKind.COLLECTIVE, 3)
    nomination = nominate(category, brigade=brigade)
    assert nomination.division_id == "530102"
    assert nomination.nominee_name == f"{school.name}少先队大队"
    other = SchoolFactory(name="玉溪红塔小学", county=division("530402"))
    with pytest.raises(PermissionDenied):
        nominate(category, brigade=Brigade.objects.get_or_create(school=other, name="大队")[0])
