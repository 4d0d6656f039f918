"""Bad list parameters are an ignored filter or a 400 page, never a 500: number filters are
bounded, year lookups cannot fail, and an admin export with a filter the admin does not offer
is refused."""

import datetime

import django_filters
import pytest
from django.db.models import Q

from apps.core.filters import bounded
from apps.core.lookups import MAX_YEAR
from apps.training.models import Course
from tests.factories.counselors import CourseFactory

HOSTILE_YEARS = ["-1", "0", "10000", "99999999999999999999"]


@pytest.mark.parametrize("year", HOSTILE_YEARS)
def test_a_hostile_year_ignores_the_course_filter_and_says_why(year, edu_wuhua, login):
    CourseFactory(start_date=datetime.date(2016, 7, 11))

    response = login(edu_wuhua).get("/training/courses/", {"year": year})

    assert response.status_code == 200
    assert "year" in response.context["filter"].form.errors
    assert len(response.context["page"]) == 1  # the filter is ignored, the list shown


@pytest.mark.parametrize("year", HOSTILE_YEARS)
def test_year_lookups_answer_out_of_range_years_instead_of_failing(year, divisions):
    CourseFactory(start_date=datetime.date(2016, 7, 11))
    value = int(year)

    exact = Course.objects.filter(start_date__year=value)
    after = Course.objects.filter(start_date__year__gte=value)
    before = Course.objects.filter(Q(start_date__year__lt=value))

    assert not exact.exists()
    assert after.exists() == (value < 2016)
    assert before.exists() == (value > MAX_YEAR)


def test_bounded_gives_number_filters_the_range_of_their_column(divisions):
    class CourseFilter(django_filters.FilterSet):
        year = django_filters.NumberFilter(field_name="start_date", lookup_expr="year")
        capacity = django_filters.NumberFilter()

        class Meta:
            model = Course
            fields = ["year", "capacity"]

    filterset = bounded(
        CourseFilter({"year": "10000", "capacity": "99999999999999999999"}, Course.objects.all())
    )

    assert not filterset.is_valid()
    assert set(filterset.errors) == {"year", "capacity"}
    assert list(filterset.qs) == []  # nothing matches an empty table, and nothing fails


@pytest.mark.parametrize("value", ["abc", "530102", "99999999999999999999"])
def test_an_admin_export_with_a_filter_the_admin_does_not_offer_is_a_400(
    value, province_admin, login
):
    response = login(province_admin).get(
        "/admin/organizations/school/export/", {"county__id__exact": value}
    )

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


@pytest.mark.parametrize("url", ["/counselors/", "/documents/search/", "/training/courses/"])
def test_a_nul_character_in_the_query_is_a_400_page(url, edu_wuhua, login):
    response = login(edu_wuhua).get(url, {"county": "\x00", "q": "a\x00b"})

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()
