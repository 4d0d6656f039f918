"""``DivisionFilterSet``: the prefecture and county choices every area's lists share, each
limited to the actor's scope, on a county foreign key or on a code column alike."""

import pytest

from apps.funding.filters import AllocationFilter
from apps.funding.models import Allocation
from apps.organizations.filters import DivisionFilterSet
from apps.organizations.models import School
from tests.factories import SchoolFactory, division


class SchoolByDivision(DivisionFilterSet):
    class Meta:
        model = School
        fields = ["prefecture", "county"]


@pytest.fixture
def schools(divisions):
    return {
        "wuhua": SchoolFactory(name="五华区小学", county=division("530102")),
        "hongta": SchoolFactory(name="红塔区小学", county=division("530402")),
    }


def names(filterset) -> set[str]:
    return {school.name for school in filterset.qs}


def test_a_province_user_chooses_a_prefecture_or_a_county(schools, edu_province):
    everything = School.objects.all()

    by_prefecture = SchoolByDivision({"prefecture": "530400"}, everything, actor=edu_province)
    by_county = SchoolByDivision({"county": "530102"}, everything, actor=edu_province)

    assert names(by_prefecture) == {"红塔区小学"}
    assert names(by_county) == {"五华区小学"}


def test_a_prefecture_user_has_no_prefecture_choice_and_only_its_counties(schools, edu_yuxi):
    filterset = SchoolByDivision({"county": "530102"}, School.objects.all(), actor=edu_yuxi)

    assert "prefecture" not in filterset.filters
    counties = {county.code for county in filterset.filters["county"].queryset}
    assert "530402" in counties and "530102" not in counties
    # a county outside the scope is an invalid choice: the filter is ignored, and says why
    assert not filterset.is_valid() and "county" in filterset.errors


def test_a_code_column_is_filtered_the_same_way(divisions, edu_province):
    filterset = AllocationFilter(
        {"prefecture": "530400"}, Allocation.objects.all(), actor=edu_province
    )

    assert filterset.is_valid()
    sql = str(filterset.qs.query)
    assert "recipient_code" in sql and "LIKE 5304%" in sql
