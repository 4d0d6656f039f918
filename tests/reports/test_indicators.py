"""Indicators computed live: dual-chair coverage, chief counselor hosts, schools."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.organizations.choices import CommitteeRole, HomeBody
from apps.organizations.indicators import organization_indicators
from apps.organizations.models import (
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    WorkCommittee,
)
from apps.reports.indicators import compute
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    WorkCommitteeFactory,
    division,
)

START = datetime.date(2016, 1, 1)


def _chairs(code, *home_bodies, start=START, end=None):
    committee = WorkCommitteeFactory(division=division(code))
    for home_body in home_bodies:
        CommitteeMemberFactory(
            committee=committee,
            role=CommitteeRole.CHAIR,
            home_body=home_body,
            start_date=start,
            end_date=end,
        )
    return committee


def test_a_committee_is_compliant_with_a_league_and_an_education_chair(divisions):
    _chairs("530102", HomeBody.LEAGUE, HomeBody.EDUCATION)
    _chairs("530103", HomeBody.LEAGUE, HomeBody.LEAGUE)
    _chairs("530111", HomeBody.EDUCATION)

    figures = compute(scope=division("530100"), year=2018)

    by_county = figures["dual_chair"]["by_county"]
    assert by_county["530102"]["compliant"] is True
    assert by_county["530103"]["compliant"] is False
    assert by_county["530111"]["compliant"] is False
    # Kunming and its 14 counties count, committee or not.
    assert figures["dual_chair"]["total"] == 15
    assert figures["dual_chair"]["committees"] == 3
    assert figures["dual_chair"]["compliant"] == 1
    assert figures["dual_chair"]["by_prefecture"]["530100"] == {
        "name": "昆明市",
        "total": 15,
        "compliant": 1,
    }


def test_only_chairs_serving_in_the_year_count(divisions):
    _chairs("530102", HomeBody.LEAGUE, HomeBody.EDUCATION, end=datetime.date(2017, 6, 30))
    _chairs("530103", HomeBody.LEAGUE, HomeBody.EDUCATION, start=datetime.date(2019, 3, 1))

    def compliant(year):
        return compute(scope=division("530100"), year=year)["dual_chair"]["compliant"]

    assert compliant(2016) == 1
    assert compliant(2018) == 0
    assert compliant(2019) == 1


def test_chief_counselor_hosts_are_counted_by_prefecture(divisions):
    ChiefCounselorPostFactory(county=division("530102"), host_body="education")
    ChiefCounselorPostFactory(county=division("530103"), host_body="league", holder_name="")
    ChiefCounselorPostFactory(county=division("530402"), host_body="education")

    chief = compute(scope=division("530000"), year=2018)["chief_counselor"]

    assert chief["by_prefecture"]["530100"] == {
        "name": "昆明市",
        "counties": 14,
        "posts": 2,
        "in_education_bureau": 1,
        "in_league_committee": 1,
    }
    assert chief["by_prefecture"]["530400"]["in_education_bureau"] == 1
    assert (chief["posts"], chief["in_education_bureau"], chief["vacant"]) == (3, 2, 1)
    assert chief["by_county"]["530103"]["vacant"] is True
    assert chief["by_county"]["530111"]["host_body"] is None


def test_a_scope_counts_only_its_subtree(divisions):
    SchoolFactory(county=division("530102"), has_drum_corps=True)
    SchoolFactory(county=division("530402"))

    wuhua = compute(scope=division("530102"), year=2018)
    yunnan = compute(scope=division("530000"), year=2018)

    assert wuhua["divisions"] == {"prefectures": 0, "counties": 1, "schools": 1}
    assert wuhua["schools"]["drum_corps"] == 1
    assert wuhua["dual_chair"]["total"] == 1
    assert yunnan["divisions"] == {"prefectures": 16, "counties": 129, "schools": 2}
    assert yunnan["schools"]["by_prefecture"]["530400"]["total"] == 1


def _queries(scope, function=compute, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        function(scope=scope, **kwargs)
    return len(captured)


def _organization_queries(scope):
    return _queries(scope, organization_indicators, as_of=datetime.date(2018, 12, 31))


def test_the_number_of_queries_does_not_depend_on_the_number_of_divisions(divisions):
    # given one committee, one post and one school
    _chairs("530102", HomeBody.LEAGUE, HomeBody.EDUCATION)
    ChiefCounselorPostFactory(county=division("530102"))
    SchoolFactory(county=division("530102"))
    province = division("530000")
    few = _queries(province, year=2018)
    county = _queries(division("530102"), year=2018)
    own_few = _organization_queries(province)

    # when every division has a committee with chairs, a post and schools
    codes = list(Division.objects.exclude(code="530102").values_list("code", flat=True))
    WorkCommittee.objects.bulk_create(WorkCommittee(division_id=c, name=c) for c in codes)
    committees = WorkCommittee.objects.exclude(division_id="530102")
    CommitteeMember.objects.bulk_create(
        CommitteeMember(
            committee=c, name="某", role=CommitteeRole.CHAIR, home_body=body, start_date=START
        )
        for c in committees
        for body in (HomeBody.LEAGUE, HomeBody.EDUCATION)
    )
    counties = [c for c in codes if not c.endswith("00")]
    ChiefCounselorPost.objects.bulk_create(
        ChiefCounselorPost(county_id=c, host_body="education") for c in counties
    )
    School.objects.bulk_create(
        School(county_id=c, name=f"{c}小学", school_type="primary") for c in counties
    )

    # then
    assert _queries(province, year=2018) == few
    # A county scope also reads its schools (a row each in the summary): still fixed.
    assert _queries(division("530102"), year=2018) == county
    assert _organization_queries(province) == own_few == 4
    assert compute(scope=province, year=2018)["dual_chair"]["compliant"] == 146


def _command(*args):
    out = io.StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_same_figures_as_compute(divisions):
    _chairs("530102", HomeBody.LEAGUE, HomeBody.EDUCATION)

    printed = json.loads(_command("--year", "2018", "--scope", "530000", "--json"))

    assert printed == json.loads(json.dumps(compute(scope=division("530000"), year=2018)))
    assert printed["dual_chair"]["compliant"] == 1
    assert printed["chief_counselor"]["by_prefecture"]["530100"]["counties"] == 14


def test_the_command_takes_a_prefix_and_prints_plain_text_without_json(divisions):
    lines = _command("--year", "2018", "--scope", "5304").splitlines()

    assert "scope.code\t530400" in lines
    assert "divisions.counties\t9" in lines


@pytest.mark.parametrize("scope", ["999999", "440100", "53a1", "5301021"])
def test_the_command_refuses_an_unknown_or_malformed_scope(divisions, scope):
    with pytest.raises(CommandError, match="division code"):
        _command("--scope", scope, "--json")


def test_the_command_refuses_a_year_out_of_range(divisions):
    with pytest.raises(CommandError, match="year"):
        _command("--year", "1990")


def test_the_command_asks_for_divisions_when_none_are_loaded(db):
    with pytest.raises(CommandError, match="load_divisions"):
        _command("--json")
