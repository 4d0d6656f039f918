"""Writes through the services: scope, permissions, field-placed errors and the log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.core.history import history_of
from apps.organizations import services
from apps.organizations.choices import ChiefCounselorHost, CommitteeRole, HomeBody
from apps.organizations.models import ChiefCounselorPost, CommitteeMember, School
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    UserFactory,
    WorkCommitteeFactory,
    division,
)
from tests.factories.organizations import history

pytestmark = pytest.mark.django_db

D = datetime.date


def new_school(actor, **kwargs):
    values = {"county": division("530102"), "name": "五华区新建小学", "school_type": "primary"}
    return services.school_create(actor=actor, **{**values, **kwargs})


def errors_of(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# Schools


def test_a_county_user_adds_a_school_to_their_county_and_it_is_in_its_history(edu_wuhua):
    school = new_school(edu_wuhua, is_transition_pilot=True)

    assert school.pk and school.county_id == "530102" and school.is_transition_pilot
    assert history(school) == [("+", edu_wuhua)]
    assert (school.created_by, school.updated_by) == (edu_wuhua, edu_wuhua)


def test_it_refuses_a_school_in_a_county_outside_the_scope(edu_wuhua):
    with pytest.raises(ValidationError) as excinfo:
        new_school(edu_wuhua, county=division("530103"))

    assert errors_of(excinfo) == {"county"}
    assert not School.objects.exists()


def test_it_refuses_a_school_attached_to_a_prefecture(edu_kunming):
    with pytest.raises(ValidationError) as excinfo:
        new_school(edu_kunming, county=division("530100"))

    assert "county" in errors_of(excinfo)


def test_a_name_used_twice_in_a_county_is_an_error_on_the_name(edu_kunming):
    SchoolFactory(name="五华区第一小学", county=division("530102"))

    with pytest.raises(ValidationError) as excinfo:
        new_school(edu_kunming, name="五华区第一小学")

    assert errors_of(excinfo) == {"name"}
    assert excinfo.value.error_dict["name"][0].code == "school_unique_name_in_county"
    # The same name in another county is another school
    assert new_school(edu_kunming, name="五华区第一小学", county=division("530103")).pk


def test_a_school_keeps_its_own_name_when_updated(edu_wuhua):
    school = SchoolFactory(name="五华区第一小学")

    services.school_update(actor=edu_wuhua, school=school, data={"address": "五华区人民中路"})

    school.refresh_from_db()
    assert (school.name, school.address) == ("五华区第一小学", "五华区人民中路")
    (change, *_older) = history_of(school)
    assert [(c.old, c.new) for c in change.changes] == [("—", "五华区人民中路")]
    assert change.who == f"{edu_wuhua.full_name}（{edu_wuhua.work_unit} 基础教育处）"


def test_it_refuses_to_update_a_school_outside_the_scope(edu_wuhua):
    panlong = SchoolFactory(county=division("530103"), name="盘龙区小学")

    with pytest.raises(PermissionDenied):
        services.school_update(actor=edu_wuhua, school=panlong, data={"name": "改名"})

    panlong.refresh_from_db()
    assert panlong.name == "盘龙区小学"


def test_it_refuses_to_move_a_school_out_of_the_scope(edu_wuhua):
    school = SchoolFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.school_update(actor=edu_wuhua, school=school, data={"county": division("530103")})

    assert errors_of(excinfo) == {"county"}
    school.refresh_from_db()
    assert school.county_id == "530102"


def test_league_staff_cannot_add_schools(league_kunming):
    with pytest.raises(PermissionDenied):
        new_school(league_kunming)


def test_it_refuses_fields_it_does_not_manage(edu_wuhua):
    school = SchoolFactory()

    with pytest.raises(TypeError):
        services.school_update(actor=edu_wuhua, school=school, data={"created_at": None})
    # The counts follow the brigade and squad rows; nobody types them in
    with pytest.raises(TypeError):
        services.school_update(actor=edu_wuhua, school=school, data={"squad_count": 3})


# Committees and members


@pytest.fixture
def wuhua_committee(divisions):
    return WorkCommitteeFactory(division=division("530102"))


def member_values(**kwargs):
    return {
        "name": "李明",
        "role": CommitteeRole.VICE_CHAIR,
        "home_body": HomeBody.EDUCATION,
        "start_date": D(2018, 1, 1),
        **kwargs,
    }


def test_league_staff_seat_a_seconded_member(league_kunming, wuhua_committee):
    member = services.member_create(
        actor=league_kunming,
        committee=wuhua_committee,
        **member_values(
            is_seconded=True, secondment_start=D(2018, 3, 1), secondment_end=D(2019, 2, 28)
        ),
    )

    assert member.committee == wuhua_committee and member.is_seconded
    assert history(member) == [("+", league_kunming)]


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"end_date": D(2017, 12, 31)}, {"end_date"}),
        ({"is_seconded": True}, {"secondment_start", "secondment_end"}),
        ({"is_seconded": True, "secondment_start": D(2018, 3, 1)}, {"secondment_end"}),
        (
            {
                "is_seconded": True,
                "secondment_start": D(2018, 3, 1),
                "secondment_end": D(2018, 1, 1),
            },
            {"secondment_end"},
        ),
    ],
)
def test_it_puts_each_date_error_next_to_its_field(league_kunming, wuhua_committee, values, fields):
    with pytest.raises(ValidationError) as excinfo:
        services.member_create(
            actor=league_kunming, committee=wuhua_committee, **member_values(**values)
        )

    assert errors_of(excinfo) == fields
    assert not CommitteeMember.objects.exists()


def test_education_staff_cannot_seat_members(edu_kunming, wuhua_committee):
    with pytest.raises(PermissionDenied):
        services.member_create(actor=edu_kunming, committee=wuhua_committee, **member_values())


def test_it_refuses_members_for_a_committee_outside_the_scope(divisions):
    league_yuxi = UserFactory(role=Role.LEAGUE, division=division("530400"))
    committee = WorkCommitteeFactory(division=division("530102"))

    with pytest.raises(PermissionDenied):
        services.member_create(actor=league_yuxi, committee=committee, **member_values())


def test_a_member_update_keeps_the_committee_and_checks_dates(league_kunming, wuhua_committee):
    member = CommitteeMemberFactory(committee=wuhua_committee, start_date=D(2018, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        services.member_update(
            actor=league_kunming, member=member, data={"end_date": D(2000, 1, 1)}
        )
    assert errors_of(excinfo) == {"end_date"}

    services.member_update(actor=league_kunming, member=member, data={"end_date": D(2021, 6, 30)})
    member.refresh_from_db()
    assert member.end_date == D(2021, 6, 30)
    with pytest.raises(TypeError):
        services.member_update(actor=league_kunming, member=member, data={"committee": None})


def test_league_staff_rename_their_committee(league_kunming, wuhua_committee):
    services.committee_update(
        actor=league_kunming, committee=wuhua_committee, data={"name": "五华区少工委（新）"}
    )

    wuhua_committee.refresh_from_db()
    assert wuhua_committee.name == "五华区少工委（新）"


def test_a_division_has_one_committee(province_admin, wuhua_committee):
    with pytest.raises(ValidationError) as excinfo:
        services.committee_create(
            actor=province_admin, division=division("530102"), name="第二个少工委"
        )

    assert errors_of(excinfo) == {"division"}


# Chief counselor posts


def test_education_staff_create_a_county_post_hosted_by_the_league(edu_wuhua):
    post = services.chief_counselor_post_save(
        actor=edu_wuhua,
        county=division("530102"),
        host_body=ChiefCounselorHost.LEAGUE,
        holder_name="王芳",
    )

    assert post.pk and post.host_body == ChiefCounselorHost.LEAGUE
    assert history(post) == [("+", edu_wuhua)]


def test_saving_again_updates_the_one_post(edu_wuhua):
    ChiefCounselorPostFactory(county=division("530102"), holder_name="旧人")

    services.chief_counselor_post_save(
        actor=edu_wuhua,
        county=division("530102"),
        host_body=ChiefCounselorHost.EDUCATION,
        holder_name="王芳",
        holder_heads_section=True,
        holder_section="德育科",
    )

    post = ChiefCounselorPost.objects.get()
    assert (post.holder_name, post.holder_heads_section) == ("王芳", True)


def test_only_counties_have_a_chief_counselor_post(edu_kunming):
    with pytest.raises(ValidationError):
        services.chief_counselor_post_save(
            actor=edu_kunming, county=division("530100"), host_body="education"
        )


def test_it_refuses_a_post_outside_the_scope_or_without_the_permission(edu_wuhua, league_kunming):
    with pytest.raises(PermissionDenied):
        services.chief_counselor_post_save(
            actor=edu_wuhua, county=division("530103"), host_body="education"
        )
    with pytest.raises(PermissionDenied):
        services.chief_counselor_post_save(
            actor=league_kunming, county=division("530102"), host_body="education"
        )
    assert not ChiefCounselorPost.objects.exists()


def test_a_vacant_post_heads_no_section(edu_wuhua):
    with pytest.raises(ValidationError) as excinfo:
        services.chief_counselor_post_save(
            actor=edu_wuhua,
            county=division("530102"),
            host_body="education",
            holder_heads_section=True,
        )

    assert errors_of(excinfo) == {"holder_heads_section"}


def test_an_unknown_school_type_is_an_error_on_the_field(edu_wuhua):
    with pytest.raises(ValidationError) as excinfo:
        new_school(edu_wuhua, school_type="university")

    assert errors_of(excinfo) == {"school_type"}
