"""seed_demo: the source document's figures, reproducibly, and never in production."""

import io
import json
import random

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.choices import Role
from apps.accounts.demo import DEMO_ACCOUNTS
from apps.accounts.models import User
from apps.organizations import demo as organizations_demo
from apps.organizations.choices import ChiefCounselorHost, CommitteeRole, HomeBody, SchoolType
from apps.organizations.models import ChiefCounselorPost, CommitteeMember, School, WorkCommittee


def _seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(divisions):
    """The whole command, every area's seeder included."""
    _seed()


@pytest.fixture
def organizations_seeded(divisions):
    """Only the organization tree, for checks of its details (faster than every area)."""
    organizations_demo.seed(rng=random.Random(2018), stdout=io.StringIO())


def _indicators(year="2018", scope="530000"):
    out = io.StringIO()
    call_command("indicators", "--year", year, "--scope", scope, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_indicators_reproduce_the_source_figures(seeded):
    figures = _indicators()

    assert figures["divisions"]["prefectures"] == 16
    assert figures["divisions"]["counties"] == 129
    assert figures["dual_chair"]["total"] == 146
    assert figures["dual_chair"]["compliant"] == 146
    chief = figures["chief_counselor"]["by_prefecture"]
    assert (chief["530100"]["counties"], chief["530100"]["in_education_bureau"]) == (14, 14)
    assert (chief["530400"]["counties"], chief["530400"]["in_education_bureau"]) == (9, 9)
    # Qujing and Zhaotong mostly in education; elsewhere some hosted by the League.
    for code in ("530300", "530600"):
        assert chief[code]["in_education_bureau"] > chief[code]["counties"] / 2
    assert figures["chief_counselor"]["posts"] == 129
    assert figures["chief_counselor"]["in_league_committee"] > 0
    assert figures["schools"]["red_scarf_demonstration"] == 20
    assert figures["schools"]["drum_corps"] == 100
    assert figures["schools"]["transition_pilots"] == 3
    assert figures["divisions"]["schools"] == School.objects.count()


def test_schools_are_a_realistic_set_with_the_named_pilots(organizations_seeded):
    pilots = set(School.objects.filter(is_transition_pilot=True).values_list("county_id", "name"))
    assert pilots == {
        ("530103", "昆明市第十中学"),
        ("532301", "楚雄市第一中学"),
        ("532502", "开远市第一中学"),
    }
    per_county = {}
    for county_id, school_type in School.objects.values_list("county_id", "school_type"):
        per_county.setdefault(county_id, []).append(school_type)
    assert len(per_county) == 129
    # 8 to 14 a county; Panlong holds one more, the Kunming No. 10 pilot.
    assert all(8 <= len(types) <= 15 for types in per_county.values())
    assert set(School.objects.values_list("school_type", flat=True)) == set(SchoolType.values)
    assert School.objects.filter(name="宜良县第一中学", county_id="530125").exists()
    # Migrant workers' children schools: Kunming's urban districts and prefecture seats only.
    migrant_counties = set(
        School.objects.filter(is_migrant_children_school=True).values_list("county_id", flat=True)
    )
    assert {"530102", "530103", "530111"} <= migrant_counties
    assert (
        migrant_counties <= organizations_demo.KUNMING_URBAN | organizations_demo.PREFECTURE_SEATS
    )
    # Every demonstration school has a corps; every prefecture has a demonstration school.
    demonstration = School.objects.filter(is_red_scarf_demonstration=True)
    assert not demonstration.filter(has_drum_corps=False).exists()
    assert len({code[:4] for code in demonstration.values_list("county_id", flat=True)}) == 16
    assert not School.objects.filter(brigade_count=0).exists()


def test_the_provincial_committee_is_staffed_as_the_source_says(organizations_seeded):
    committee = WorkCommittee.objects.get(division_id="530000")
    current = CommitteeMember.objects.current(organizations_demo.SECONDMENT[0]).filter(
        committee=committee
    )

    chairs = current.filter(role=CommitteeRole.CHAIR)
    assert set(chairs.values_list("home_body", flat=True)) == {HomeBody.LEAGUE, HomeBody.EDUCATION}
    assert chairs.get(home_body=HomeBody.EDUCATION).name == "陶晴"
    executives = current.filter(role=CommitteeRole.EXECUTIVE_VICE_CHAIR, home_body="education")
    assert sorted(executives.values_list("department", "position")) == [
        ("云南省教育厅基础教育处", "处长"),
        ("云南省教育厅德育处", "处长"),
    ]
    colleagues = current.filter(role=CommitteeRole.VICE_CHAIR, home_body="education")
    assert set(colleagues.values_list("department", flat=True)) == {
        "云南省教育厅德育处",
        "云南省教育厅基础教育处",
    }
    seconded = current.filter(is_seconded=True)
    assert sorted(seconded.values_list("position", flat=True)) == ["大队辅导员", "校长"]
    for member in seconded:
        assert member.role == CommitteeRole.VICE_CHAIR
        assert (member.secondment_end - member.secondment_start).days in (364, 365)


def test_the_named_districts_are_chaired_by_the_league_secretary_and_the_bureau_head(
    organizations_seeded,
):
    for code in ("530102", "530103", "530111"):
        chairs = set(
            CommitteeMember.objects.current()
            .filter(committee__division_id=code, role=CommitteeRole.CHAIR)
            .values_list("home_body", "position")
        )
        assert chairs == {(HomeBody.LEAGUE, "团区委书记"), (HomeBody.EDUCATION, "局长")}


def test_kunming_and_yuxi_chief_counselors_are_section_heads_in_the_bureau(organizations_seeded):
    posts = ChiefCounselorPost.objects.filter(county__code__regex=r"^530[14]")
    assert posts.count() == 23
    assert not posts.exclude(host_body=ChiefCounselorHost.EDUCATION).exists()
    assert not posts.filter(holder_heads_section=False).exists()
    assert not posts.filter(holder_name="").exists()


def test_the_demo_accounts_exist_with_their_role_and_scope_and_sign_in(seeded, client):
    for username, role, code in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.role == role
        if code:
            assert (user.division_id, user.school_id) == (code, None)
        else:
            assert user.division_id is None
            assert user.school.county_id == "530102"

        response = client.post(
            reverse("accounts:login"),
            {"username": username, "password": settings.DEMO_PASSWORD},
        )

        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(user.pk)
        client.post(reverse("accounts:logout"))
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.division_id == "530000"
    counselor = User.objects.get(username="counselor")
    assert counselor.role == Role.COUNSELOR
    # The header's name is the name on the counselor's own record.
    assert counselor.counselor.name == counselor.full_name
    # Every account the demo makes (the areas' extra ones too) is a person with a unit, shown
    # as 姓名（单位）.
    nameless = [u.username for u in User.objects.all() if not (u.full_name and u.work_unit)]
    assert nameless == []


def test_if_empty_does_nothing_on_a_seeded_database(seeded):
    counts = (School.objects.count(), CommitteeMember.objects.count(), User.objects.count())

    output = _seed("--if-empty")

    assert "not seeded" in output
    assert counts == (
        School.objects.count(),
        CommitteeMember.objects.count(),
        User.objects.count(),
    )
    with pytest.raises(CommandError):
        _seed()


def test_it_refuses_to_run_in_production(divisions, settings):
    settings.PORTAL_PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        _seed()
    with pytest.raises(CommandError, match="production"):
        _seed("--if-empty")
    assert not School.objects.exists()
    assert not User.objects.exists()


def test_it_refuses_before_the_divisions_are_loaded(db):
    with pytest.raises(CommandError, match="load_divisions"):
        _seed()


def test_the_same_seed_builds_the_same_data(divisions):
    def build(seed):
        seeder = organizations_demo._Seeder(rng=random.Random(seed))
        schools = [
            (s.county_id, s.name, s.school_type, s.squad_count, s.has_drum_corps)
            for s in seeder.build_schools()
        ]
        posts = [
            (p.county_id, p.host_body, p.holder_name) for p in seeder.build_chief_counselor_posts()
        ]
        ids = {c.division_id: n for n, c in enumerate(seeder.build_committees())}
        members = [(m.committee_id, m.name, m.position) for m in seeder.build_members(ids)]
        return schools, posts, members

    assert build(7) == build(7)
    assert build(7) != build(8)
