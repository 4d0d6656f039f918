"""School pages: the scoped, filtered, keyset-paged list; detail; create and edit."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.pagination import LAST
from apps.organizations.models import School
from tests.factories import SchoolFactory, division
from tests.factories.organizations import history, schools_in

pytestmark = pytest.mark.django_db

LIST = "/organizations/schools/"


def listed(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr data-school="(\d+)"', response.content.decode())]


def option_values(response, field: str) -> list[str]:
    html = response.content.decode()
    select = re.search(rf'<select name="{field}".*?</select>', html, re.S).group(0)
    return [v for v in re.findall(r'<option value="([^"]*)"', select) if v]


def page_link(response, name: str) -> str | None:
    match = re.search(rf'href="([^"]*)"[^>]*data-page="{name}"', response.content.decode())
    if match is None:
        return None
    href = match.group(1).replace("&amp;", "&")
    # The links are query strings relative to the list
    return LIST + href if href.startswith("?") else href


def school_post(county="530102", **overrides):
    data = {
        "name": "五华区新建小学",
        "county": county,
        "school_type": "primary",
        "brigade_count": "1",
        "squad_count": "18",
        "address": "",
        "version": "1",  # of a school the factory made, as its edit page carries it
    }
    data.update(overrides)
    return data


@pytest.fixture
def wuhua_and_panlong(divisions):
    wuhua = SchoolFactory(county=division("530102"), name="五华区第一小学")
    panlong = SchoolFactory(county=division("530103"), name="盘龙区第一小学")
    return wuhua, panlong


# The list


def test_a_county_user_lists_only_their_schools(login, edu_wuhua, wuhua_and_panlong):
    wuhua, _ = wuhua_and_panlong
    SchoolFactory(county=division("530402"))

    response = login(edu_wuhua).get(LIST)

    assert listed(response) == [wuhua.pk]
    assert response.context["page"].count == 1
    assert 'data-total="1"' in response.content.decode()


def test_the_county_filter_offers_only_in_scope_counties(login, edu_wuhua, edu_kunming, inspector):
    assert option_values(login(edu_wuhua).get(LIST), "county") == ["530102"]
    kunming = option_values(login(edu_kunming).get(LIST), "county")
    assert len(kunming) == 14 and all(code.startswith("5301") for code in kunming)
    assert len(option_values(login(inspector).get(LIST), "county")) == 129


def test_counties_are_grouped_under_their_prefecture(login, edu_kunming):
    html = login(edu_kunming).get(LIST).content.decode()

    assert '<optgroup label="昆明市">' in html


def test_only_province_wide_users_get_a_prefecture_filter(login, inspector, edu_kunming):
    assert len(option_values(login(inspector).get(LIST), "prefecture")) == 16
    assert 'name="prefecture"' not in login(edu_kunming).get(LIST).content.decode()


def test_a_forged_county_filter_shows_nothing_outside_the_scope(
    login, edu_wuhua, wuhua_and_panlong
):
    response = login(edu_wuhua).get(LIST, {"county": "530103"})

    assert response.context["filter"].form.errors.keys() == {"county"}
    assert listed(response) == [wuhua_and_panlong[0].pk]


def test_the_list_filters_by_flags_type_name_and_division(login, inspector, divisions):
    pilot = SchoolFactory(name="昆明市第十中学", school_type="complete", is_transition_pilot=True)
    migrant = SchoolFactory(name="务工子女学校", is_migrant_children_school=True)
    red = SchoolFactory(name="红领巾小学", is_red_scarf_demonstration=True, has_drum_corps=True)
    yuxi = SchoolFactory(name="玉溪一小", county=division("530402"), has_drum_corps=True)
    client = login(inspector)

    def pks(**params):
        return set(listed(client.get(LIST, params)))

    assert pks(is_transition_pilot="true") == {pilot.pk}
    assert pks(is_migrant_children_school="true") == {migrant.pk}
    assert pks(is_red_scarf_demonstration="true") == {red.pk}
    assert pks(has_drum_corps="true") == {red.pk, yuxi.pk}
    assert pks(has_drum_corps="false") == {pilot.pk, migrant.pk}
    assert pks(school_type="complete") == {pilot.pk}
    assert pks(name="十中") == {pilot.pk}
    assert pks(county="530402") == {yuxi.pk}
    assert pks(prefecture="530100") == {pilot.pk, migrant.pk, red.pk}
    assert pks(prefecture="530100", has_drum_corps="true") == {red.pk}


def test_add_and_edit_buttons_follow_the_users_rules(login, edu_wuhua, league_kunming, inspector):
    SchoolFactory()

    education = login(edu_wuhua).get(LIST).content.decode()
    league = login(league_kunming).get(LIST).content.decode()
    reader = login(inspector).get(LIST).content.decode()

    assert 'data-action="add-school"' in education and 'data-action="edit-school"' in education
    for html in (league, reader):
        assert 'data-action="add-school"' not in html and 'data-action="edit-school"' not in html


# Keyset pages through the view


@pytest.fixture
def many_schools(divisions, settings):
    settings.PORTAL_PAGE_SIZE = 10
    return schools_in("530102", 35) + schools_in("530103", 30)


def test_next_links_walk_the_whole_list_and_keep_the_filters(login, edu_kunming, many_schools):
    client = login(edu_kunming)
    response = client.get(LIST, {"county": "530102", "name": "学校"})
    seen = listed(response)
    while link := page_link(response, "next"):
        assert "county=530102" in link and "name=" in link
        response = client.get(link)
        seen += listed(response)

    expected = list(
        School.objects.filter(county="530102")
        .order_by("county_id", "name", "id")
        .values_list("pk", flat=True)
    )
    assert seen == expected
    assert page_link(response, "last") is None


def test_the_last_page_and_back(login, edu_kunming, many_schools):
    client = login(edu_kunming)
    first = client.get(LIST)

    last = client.get(page_link(first, "last"))
    previous = client.get(page_link(last, "previous"))

    ordered = list(School.objects.order_by("county_id", "name", "id").values_list("pk", flat=True))
    assert listed(last) == ordered[-10:]
    assert listed(previous) == ordered[-20:-10]
    assert page_link(last, "next") is None
    assert page_link(client.get(page_link(last, "first")), "previous") is None


@pytest.mark.parametrize("cursor", ["bogus", "eyJhIjoxfQ", "W10", "!!", "a" * 3000])
def test_a_tampered_cursor_gives_the_first_page(login, edu_kunming, many_schools, cursor):
    client = login(edu_kunming)

    response = client.get(LIST, {"cursor": cursor})

    assert response.status_code == 200
    assert listed(response) == listed(client.get(LIST))


def test_queries_do_not_grow_with_rows_or_page_depth(login, edu_kunming, divisions, settings):
    settings.PORTAL_PAGE_SIZE = 10
    client = login(edu_kunming)
    schools_in("530102", 3)
    client.get(LIST)  # session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(LIST, {"county": "530102"})

    schools_in("530103", 200)
    schools_in("530102", 100, "乙")
    response = client.get(LIST, {"county": "530102"})
    for _ in range(5):
        response = client.get(page_link(response, "next"))
    with CaptureQueriesContext(connection) as deep:
        client.get(page_link(response, "next"))
    with CaptureQueriesContext(connection) as last:
        client.get(LIST, {"county": "530102", "cursor": LAST})

    assert len(deep) == len(few)
    assert len(last) == len(few)


# Detail, create, edit


def test_a_county_user_gets_404_for_another_countys_school(login, edu_wuhua, wuhua_and_panlong):
    wuhua, panlong = wuhua_and_panlong
    client = login(edu_wuhua)

    assert client.get(f"/organizations/schools/{wuhua.pk}/").status_code == 200
    assert client.get(f"/organizations/schools/{panlong.pk}/").status_code == 404
    assert client.get(f"/organizations/schools/{panlong.pk}/edit/").status_code == 404
    response = client.post(
        f"/organizations/schools/{panlong.pk}/edit/", school_post("530103", name="改名")
    )
    assert response.status_code == 404
    panlong.refresh_from_db()
    assert panlong.name == "盘龙区第一小学"


def test_the_school_page_shows_its_facts(login, inspector, divisions):
    school = SchoolFactory(name="昆明市第十中学", is_transition_pilot=True, squad_count=24)

    html = login(inspector).get(f"/organizations/schools/{school.pk}/").content.decode()

    assert "昆明市第十中学" in html and 'data-flag="transition"' in html
    assert 'data-county="530102"' in html
    assert 'data-action="edit-school"' not in html


def test_a_county_user_creating_a_school_gets_their_county_preselected(login, edu_wuhua):
    response = login(edu_wuhua).get("/organizations/schools/new/")

    form = response.context["form"]
    assert form["county"].value() == "530102"
    assert list(form.fields["county"].queryset.values_list("code", flat=True)) == ["530102"]
    assert '<option value="530102" selected>' in response.content.decode()


def test_a_prefecture_user_chooses_among_their_counties(login, edu_kunming):
    form = login(edu_kunming).get("/organizations/schools/new/").context["form"]

    assert form["county"].value() is None
    assert form.fields["county"].queryset.count() == 14


def test_education_staff_add_a_school(login, edu_wuhua):
    response = login(edu_wuhua).post(
        "/organizations/schools/new/", school_post(has_drum_corps="on")
    )

    school = School.objects.get()
    assert response.status_code == 302
    assert response.url == f"/organizations/schools/{school.pk}/"
    assert (school.county_id, school.has_drum_corps, school.squad_count) == ("530102", True, 18)
    # The counts became rows: one brigade holding the 18 squads
    assert [b.squads.count() for b in school.brigades.all()] == [18]
    assert history(school) == [("+", edu_wuhua)]


def test_a_forged_county_is_a_field_error_and_nothing_is_saved(login, edu_wuhua):
    response = login(edu_wuhua).post("/organizations/schools/new/", school_post("530103"))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"county"}
    assert not School.objects.exists()


def test_a_duplicate_name_in_the_county_is_an_error_on_the_name(login, edu_wuhua):
    SchoolFactory(county=division("530102"), name="五华区新建小学")

    response = login(edu_wuhua).post("/organizations/schools/new/", school_post())

    form = response.context["form"]
    assert set(form.errors) == {"name"}
    assert form.errors.as_data()["name"][0].code == "school_unique_name_in_county"
    assert School.objects.count() == 1
    html = response.content.decode()
    # The message sits in the name field's block, not above the form
    name_block = html[html.index('for="id_name"') : html.index('for="id_county"')]
    assert 'class="error-text" id="id_name_error"' in name_block
    assert 'class="form-errors"' not in html
    # The input points at its message, and a summary first in the form links to the field.
    assert 'aria-describedby="id_name_error"' in name_block
    summary = html[html.index("data-error-summary") : html.index('for="id_name"')]
    assert '<a href="#id_name">' in summary
    assert str(form.errors["name"][0]) in summary


def test_education_staff_edit_a_school_in_scope(login, edu_kunming, wuhua_and_panlong):
    wuhua, _ = wuhua_and_panlong

    response = login(edu_kunming).post(
        f"/organizations/schools/{wuhua.pk}/edit/",
        school_post("530103", name="盘龙区第二小学", is_red_scarf_demonstration="on"),
    )

    assert response.status_code == 302
    wuhua.refresh_from_db()
    assert (wuhua.county_id, wuhua.name, wuhua.is_red_scarf_demonstration) == (
        "530103",
        "盘龙区第二小学",
        True,
    )


def test_renaming_onto_a_neighbours_name_is_an_error_on_the_name(
    login, edu_kunming, wuhua_and_panlong
):
    wuhua, _ = wuhua_and_panlong

    response = login(edu_kunming).post(
        f"/organizations/schools/{wuhua.pk}/edit/", school_post("530103", name="盘龙区第一小学")
    )

    assert set(response.context["form"].errors) == {"name"}
    wuhua.refresh_from_db()
    assert (wuhua.county_id, wuhua.name) == ("530102", "五华区第一小学")


@pytest.mark.parametrize("persona", ["league_kunming", "inspector", "official_kunming"])
def test_only_education_staff_create_or_edit_schools(request, login, persona, divisions):
    school = SchoolFactory()
    client = login(request.getfixturevalue(persona))

    assert client.get(LIST).status_code == 200
    assert client.get(f"/organizations/schools/{school.pk}/").status_code == 200
    assert client.get("/organizations/schools/new/").status_code == 403
    assert client.post("/organizations/schools/new/", school_post(name="x")).status_code == 403
    assert (
        client.post(f"/organizations/schools/{school.pk}/edit/", school_post()).status_code == 403
    )
    assert School.objects.count() == 1
