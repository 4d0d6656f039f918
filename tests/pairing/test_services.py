"""The wish life cycle, who may move it, the 30-day return and the purge, with a set clock."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core import clock
from apps.pairing import rights, services
from apps.pairing.choices import ActivityKind, InstitutionKind, WishStatus
from apps.pairing.models import Wish
from tests.factories import division
from tests.pairing.conftest import post

DAY = datetime.date(2017, 5, 2)


def at(day):
    return clock.travel(day)


def test_a_wish_goes_from_posted_to_confirmed(
    counselor, brigade, league_wuhua, school_staff, university
):
    with at(DAY):
        wish = post(counselor, brigade)
    assert wish.status == WishStatus.OPEN
    assert wish.posted_on == DAY
    assert wish.county_id == "530102"
    with at(DAY + datetime.timedelta(days=3)):
        wish = services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
    assert (wish.status, wish.claimed_on, wish.institution) == (
        WishStatus.CLAIMED,
        DAY + datetime.timedelta(days=3),
        university,
    )
    with at(DAY + datetime.timedelta(days=20)):
        wish = services.wish_fulfil(actor=league_wuhua, wish=wish, note="志愿者送到学校")
        wish = services.wish_confirm(actor=school_staff, wish=wish)
    wish.refresh_from_db()
    assert wish.status == WishStatus.CONFIRMED
    assert wish.fulfilled_on == wish.confirmed_on == DAY + datetime.timedelta(days=20)
    reasons = [h.history_change_reason for h in wish.history.order_by("history_id")]
    assert reasons == ["posted", "claimed", "fulfilled", "confirmed"]


def test_only_the_schools_counselor_posts(brigade, school_staff, other_counselor, league_wuhua):
    for actor in (school_staff, other_counselor, league_wuhua):
        with pytest.raises(PermissionDenied):
            post(actor, brigade)
    assert not Wish.objects.exists()


@pytest.mark.parametrize(
    "label", ["张小明，三年级", "某校三年级队员 530102201001011234", "某校队员13812345678"]
)
def test_a_card_naming_a_child_is_refused(counselor, brigade, label):
    with pytest.raises(ValidationError) as error:
        post(counselor, brigade, card_label=label)
    assert "card_label" in error.value.message_dict


def test_the_value_is_decimal_yuan(counselor, brigade):
    with pytest.raises(ValidationError) as error:
        post(counselor, brigade, estimated_value="12.345")
    assert "estimated_value" in error.value.message_dict
    with pytest.raises(TypeError):
        post(counselor, brigade, estimated_value=12.5)
    assert post(counselor, brigade, estimated_value="1,200.50").estimated_value == Decimal(
        "1200.50"
    )


def test_claims_and_fulfilment_are_for_league_staff_of_the_county_and_above(
    wish, league_yuxi, edu_wuhua, counselor, school_staff, league_kunming, university
):
    for actor in (league_yuxi, edu_wuhua, counselor, school_staff):
        with pytest.raises(PermissionDenied):
            services.wish_claim(actor=actor, wish=wish, institution=university)
    wish = services.wish_claim(actor=league_kunming, wish=wish, institution=university)
    with pytest.raises(PermissionDenied):
        services.wish_fulfil(actor=league_yuxi, wish=wish)
    with pytest.raises(ValidationError):
        services.wish_claim(actor=league_kunming, wish=wish, institution=university)


def test_only_the_school_confirms_and_only_a_fulfilled_wish(
    wish, league_wuhua, university, other_counselor, counselor, edu_wuhua
):
    with pytest.raises(ValidationError):
        services.wish_confirm(actor=counselor, wish=wish)
    wish = services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
    wish = services.wish_fulfil(actor=league_wuhua, wish=wish)
    for actor in (other_counselor, edu_wuhua, league_wuhua):
        with pytest.raises(PermissionDenied):
            services.wish_confirm(actor=actor, wish=wish)
    assert services.wish_confirm(actor=counselor, wish=wish).status == WishStatus.CONFIRMED


def test_a_stale_page_cannot_move_a_wish(wish, league_wuhua, university):
    seen = wish.version
    services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
    with pytest.raises(ValidationError):
        services.wish_release(actor=league_wuhua, wish=wish, seen_version=seen)


def test_a_claim_not_fulfilled_in_30_days_returns_to_open(
    counselor, brigade, league_wuhua, university
):
    with at(DAY):
        wish = post(counselor, brigade)
        wish = services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
        kept = services.wish_claim(
            actor=league_wuhua, wish=post(counselor, brigade), institution=university
        )
    with at(DAY + datetime.timedelta(days=30)):
        assert services.wishes_return_overdue() == 0
    with at(DAY + datetime.timedelta(days=25)):
        services.wish_fulfil(actor=league_wuhua, wish=kept)
    with at(DAY + datetime.timedelta(days=31)):
        # Too late to fulfil the claim: it ran out the day before.
        with pytest.raises(ValidationError) as error:
            services.wish_fulfil(actor=league_wuhua, wish=wish)
        assert "fulfilled_on" in error.value.message_dict
        assert services.wishes_return_overdue() == 1
    wish.refresh_from_db()
    kept.refresh_from_db()
    assert (wish.status, wish.institution, wish.claimed_on, wish.returned_times) == (
        WishStatus.OPEN,
        None,
        None,
        1,
    )
    assert kept.status == WishStatus.FULFILLED


def test_an_overdue_claim_may_be_claimed_again_before_the_command_runs(
    counselor, brigade, league_wuhua, league_kunming, university
):
    with at(DAY):
        wish = services.wish_claim(
            actor=league_wuhua, wish=post(counselor, brigade), institution=university
        )
    with at(DAY + datetime.timedelta(days=40)):
        wish = services.wish_claim(actor=league_kunming, wish=wish, institution=university)
    assert wish.claimed_on == DAY + datetime.timedelta(days=40)
    assert wish.returned_times == 1


def confirmed_wish(counselor, brigade, league_wuhua, university, on):
    with at(on):
        wish = post(counselor, brigade, text="想要一双运动鞋")
        wish = services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
        wish = services.wish_fulfil(actor=league_wuhua, wish=wish, note="已送达")
        return services.wish_confirm(actor=counselor, wish=wish)


def test_the_text_is_cleared_13_months_after_confirmation(
    counselor, brigade, league_wuhua, university
):
    wish = confirmed_wish(counselor, brigade, league_wuhua, university, datetime.date(2017, 5, 2))
    recent = confirmed_wish(counselor, brigade, league_wuhua, university, datetime.date(2017, 7, 1))
    with at(datetime.date(2018, 6, 1)):
        assert services.wishes_purge_text() == 0
    with at(datetime.date(2018, 6, 2)):
        assert services.wishes_purge_text() == 1
        assert services.wishes_purge_text() == 0
    wish.refresh_from_db()
    recent.refresh_from_db()
    assert (wish.text, wish.fulfilment_note, wish.text_purged_on) == (
        "",
        "",
        datetime.date(2018, 6, 2),
    )
    # The counts stay: the wish, its status, category and value.
    assert wish.status == WishStatus.CONFIRMED and wish.estimated_value == Decimal("45.00")
    assert not wish.history.exclude(text="").exists()
    assert recent.text == "想要一双运动鞋"


def test_the_purge_command_uses_the_setting(settings, counselor, brigade, league_wuhua, university):
    from django.core.management import call_command

    settings.PAIRING_WISH_TEXT_MONTHS = 1
    wish = confirmed_wish(counselor, brigade, league_wuhua, university, datetime.date(2017, 5, 2))
    with at(datetime.date(2017, 6, 2)):
        call_command("purge_wishes")
    wish.refresh_from_db()
    assert wish.text == ""


def test_the_wish_text_is_read_by_the_school_and_league_of_its_county_and_above(
    wish,
    counselor,
    school_staff,
    other_counselor,
    league_wuhua,
    league_kunming,
    league_province,
    league_yuxi,
    edu_wuhua,
    edu_kunming,
    official_kunming,
):
    allowed = (counselor, school_staff, league_wuhua, league_kunming, league_province)
    refused = (other_counselor, league_yuxi, edu_wuhua, edu_kunming, official_kunming)
    assert all(rights.may_read_wish_text(u, wish) for u in allowed)
    assert not any(rights.may_read_wish_text(u, wish) for u in refused)


def test_pairings_and_activities_stay_in_scope(brigade, league_wuhua, league_yuxi, university):
    with at(DAY):
        with pytest.raises(PermissionDenied):
            services.pairing_create(
                actor=league_yuxi, institution=university, organization=brigade, year=2017
            )
        pairing = services.pairing_create(
            actor=league_wuhua, institution=university, organization=brigade, year=2017
        )
        with pytest.raises(ValidationError):
            services.pairing_create(
                actor=league_wuhua, institution=university, organization=brigade, year=2017
            )
        squad = brigade.squads.first()
        assert (
            services.pairing_create(
                actor=league_wuhua, institution=university, organization=squad, year=2017
            ).school
            == brigade.school
        )
        activity = services.activity_record(
            actor=league_wuhua,
            pairing=pairing,
            held_on=DAY,
            kind=ActivityKind.TUTORING,
            volunteers=12,
            service_hours="36.5",
            children_reached=40,
        )
        with pytest.raises(ValidationError):
            services.activity_record(
                actor=league_wuhua,
                pairing=pairing,
                held_on=DAY + datetime.timedelta(days=1),
                kind=ActivityKind.TUTORING,
                volunteers=1,
                service_hours="1",
                children_reached=1,
            )
    assert activity.service_hours == Decimal("36.5")


def test_an_institution_sits_in_a_prefecture_or_outside(league_province, edu_kunming):
    with pytest.raises(ValidationError) as error:
        services.institution_create(
            actor=league_province, name="某研究所", kind=InstitutionKind.RESEARCH
        )
    assert "prefecture" in error.value.message_dict
    outside = services.institution_create(
        actor=league_province,
        name="中国科学院昆明植物研究所北京联络处",
        kind=InstitutionKind.RESEARCH,
        outside_place="北京市",
    )
    assert outside.place == "北京市"
    with pytest.raises(PermissionDenied):
        services.institution_create(
            actor=edu_kunming,
            name="云南省图书馆",
            kind=InstitutionKind.CULTURAL,
            prefecture=division("530100"),
        )


def test_a_wish_never_confirmed_loses_its_text_13_months_after_posting(counselor, brigade):
    with at(datetime.date(2017, 5, 2)):
        wish = post(counselor, brigade)
    with at(datetime.date(2018, 6, 1)):
        assert services.wishes_purge_text() == 0
    with at(datetime.date(2018, 6, 2)):
        assert services.wishes_purge_text() == 1
    wish.refresh_from_db()
    assert (wish.text, wish.status) == ("", WishStatus.OPEN)
