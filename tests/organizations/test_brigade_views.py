"""The school page's brigades and squads: listed, added, renamed and removed in scope."""

import re

import pytest

from apps.accounts.choices import Role
from apps.organizations.models import Squad
from tests.factories import SchoolFactory, UserFactory, division

pytestmark = pytest.mark.django_db


def page(client, school):
    return client.get(f"/organizations/schools/{school.pk}/").content.decode()


def squad_names(html: str) -> list[str]:
    return re.findall(r'<tr data-squad="\d+">\s*<th scope="row">([^<]+)</th>', html)


@pytest.fixture
def school(divisions):
    return SchoolFactory(name="五华区实验小学", squad_count=2)


def test_the_school_page_lists_each_brigade_with_its_squads(login, inspector, school):
    html = page(login(inspector), school)

    assert f'data-brigade="{school.brigades.get().pk}"' in html
    assert squad_names(html) == ["一年级（1）班中队", "二年级（1）班中队"]
    assert 'data-squad-count="2"' in html
    # Read-only for an inspector: no way to change them
    assert 'data-action="add-squad"' not in html and 'data-action="remove-squad"' not in html


def test_education_staff_add_a_squad_from_the_school_page(login, edu_wuhua, school):
    client = login(edu_wuhua)
    brigade = school.brigades.get()
    assert 'data-action="add-squad"' in page(client, school)

    response = client.post(
        f"/organizations/brigades/{brigade.pk}/squads/new/", {"name": "三年级（1）班中队"}
    )

    assert response.status_code == 302
    assert response.url == f"/organizations/schools/{school.pk}/"
    school.refresh_from_db()
    assert school.squad_count == 3
    assert squad_names(page(client, school))[-1] == "三年级（1）班中队"


def test_a_duplicate_squad_name_is_an_error_next_to_the_field(login, edu_wuhua, school):
    brigade = school.brigades.get()

    response = login(edu_wuhua).post(
        f"/organizations/brigades/{brigade.pk}/squads/new/", {"name": "一年级（1）班中队"}
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name"}
    assert Squad.objects.count() == 2


def test_a_squad_is_renamed_and_removed_after_a_confirmation(login, edu_wuhua, school):
    client = login(edu_wuhua)
    squad = Squad.objects.filter(brigade__school=school).first()

    data = {"name": "一年级（3）班中队", "version": squad.version}
    client.post(f"/organizations/squads/{squad.pk}/edit/", data)
    squad.refresh_from_db()
    assert squad.name == "一年级（3）班中队"

    confirm = client.get(f"/organizations/squads/{squad.pk}/delete/")
    assert confirm.status_code == 200 and "一年级（3）班中队" in confirm.content.decode()
    assert Squad.objects.filter(pk=squad.pk).exists()
    response = client.post(f"/organizations/squads/{squad.pk}/delete/")

    assert response.status_code == 302
    assert not Squad.objects.filter(pk=squad.pk).exists()
    school.refresh_from_db()
    assert school.squad_count == 1


def test_removing_a_brigade_with_squads_is_refused_next_to_the_form(login, edu_wuhua, school):
    brigade = school.brigades.get()

    response = login(edu_wuhua).post(f"/organizations/brigades/{brigade.pk}/delete/")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert school.brigades.exists()


def test_a_brigade_is_added_and_renamed(login, edu_wuhua, school):
    client = login(edu_wuhua)

    client.post(f"/organizations/schools/{school.pk}/brigades/new/", {"name": "第二大队"})
    brigade = school.brigades.get(name="第二大队")
    data = {"name": "少先队第二大队", "version": brigade.version}
    client.post(f"/organizations/brigades/{brigade.pk}/edit/", data)

    brigade.refresh_from_db()
    school.refresh_from_db()
    assert (brigade.name, school.brigade_count) == ("少先队第二大队", 2)


def test_brigades_and_squads_outside_the_scope_are_a_404(login, edu_wuhua, divisions):
    panlong = SchoolFactory(county=division("530103"), squad_count=1)
    brigade = panlong.brigades.get()
    squad = brigade.squads.get()
    client = login(edu_wuhua)

    for url in (
        f"/organizations/schools/{panlong.pk}/brigades/new/",
        f"/organizations/brigades/{brigade.pk}/edit/",
        f"/organizations/brigades/{brigade.pk}/delete/",
        f"/organizations/brigades/{brigade.pk}/squads/new/",
        f"/organizations/squads/{squad.pk}/edit/",
        f"/organizations/squads/{squad.pk}/delete/",
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url
    assert Squad.objects.get() == squad and squad.name == brigade.squads.get().name


@pytest.mark.parametrize("persona", ["league_kunming", "inspector", "official_kunming"])
def test_only_education_staff_change_them(request, login, persona, school):
    client = login(request.getfixturevalue(persona))
    squad = Squad.objects.filter(brigade__school=school).first()

    assert client.post(f"/organizations/squads/{squad.pk}/delete/").status_code == 403
    assert client.post(f"/organizations/squads/{squad.pk}/edit/", {"name": "x"}).status_code == 403
    assert Squad.objects.count() == 2


def test_a_counselor_sees_the_squads_of_their_own_school_only(login, school):
    other = SchoolFactory(name="五华区第二小学", squad_count=1)
    counselor = UserFactory(role=Role.COUNSELOR, division=None, school=school)
    client = login(counselor)

    assert squad_names(page(client, school)) == ["一年级（1）班中队", "二年级（1）班中队"]
    assert client.get(f"/organizations/schools/{other.pk}/").status_code == 404
