import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from apps.counselors.choices import CounselorPost, PostRank, TeacherTitle
from apps.counselors.models import Counselor
from apps.counselors.services import counselor_update
from tests.factories import SchoolFactory, division
from tests.factories.counselors import CounselorFactory, make_id_number

LIST = reverse("counselors:counselor-list")
CREATE = reverse("counselors:counselor-create")
ME = reverse("counselors:counselor-me")


def detail(counselor):
    return reverse("counselors:counselor-detail", args=[counselor.pk])


def edit(counselor):
    return reverse("counselors:counselor-update", args=[counselor.pk])


def listed_ids(response):
    return {c.pk for c in response.context["page"]}


def new_counselor_data(at, **overrides):
    birth = datetime.date(1990, 6, 1)
    data = {
        "name": "赵敏",
        "gender": "female",
        "ethnicity": "彝族",
        "birth_date": birth.isoformat(),
        "id_number": make_id_number(at.county_id, birth, 21),
        "phone": "13912345678",
        "county": at.county_id,
        "school": at.pk,
        "post": CounselorPost.BRIGADE,
        "post_rank": PostRank.MIDDLE,
        "teacher_title": TeacherTitle.FIRST,
    }
    data.update(overrides)
    return data


def rename_data(counselor, version):
    """The edit form renaming ``counselor`` to 张丽华, as loaded at ``version``: the masked ID
    number and phone left empty, the birth date as it is."""
    return new_counselor_data(
        counselor.school,
        name="张丽华",
        id_number="",
        phone="",
        birth_date=counselor.birth_date.isoformat(),
        version=version,
    )


def post_refused(client, data, field):
    """Post ``data`` to the create form: the form shows an error on ``field`` and no
    counselor is saved. The response, for more checks."""
    response = client.post(CREATE, data)
    assert field in response.context["form"].errors
    assert not Counselor.objects.filter(name=data["name"]).exists()
    return response


# Scope ---------------------------------------------------------------------------------------


def test_a_county_user_lists_only_its_county(
    login, edu_wuhua, wuhua_counselor, panlong_counselor, yuxi_counselor
):
    response = login(edu_wuhua).get(LIST)

    assert response.status_code == 200
    assert listed_ids(response) == {wuhua_counselor.pk}


def test_a_prefecture_user_lists_its_counties(
    login, edu_kunming, wuhua_counselor, panlong_counselor, yuxi_counselor
):
    response = login(edu_kunming).get(LIST)

    assert listed_ids(response) == {wuhua_counselor.pk, panlong_counselor.pk}


def test_the_list_filters_by_county_school_post_title_rank_and_name(
    login, edu_kunming, wuhua_school, wuhua_counselor, panlong_counselor
):
    squad = CounselorFactory(school=wuhua_school, squad=True, teacher_title=TeacherTitle.THIRD)
    client = login(edu_kunming)

    assert listed_ids(client.get(LIST, {"county": "530102"})) == {wuhua_counselor.pk, squad.pk}
    by_school = client.get(LIST, {"county": "530102", "school": wuhua_school.pk})
    assert listed_ids(by_school) == {wuhua_counselor.pk, squad.pk}
    assert listed_ids(client.get(LIST, {"post": "squad"})) == {squad.pk}
    assert listed_ids(client.get(LIST, {"teacher_title": "third"})) == {squad.pk}
    ranked = client.get(LIST, {"ranked": "yes"})
    assert listed_ids(ranked) == {wuhua_counselor.pk, panlong_counselor.pk}
    assert listed_ids(client.get(LIST, {"ranked": "no"})) == {squad.pk}
    assert listed_ids(client.get(LIST, {"q": panlong_counselor.name})) == {panlong_counselor.pk}


def test_a_forged_out_of_scope_filter_choice_is_refused_and_reveals_nothing(
    login, edu_wuhua, wuhua_counselor, yuxi_school, yuxi_counselor
):
    response = login(edu_wuhua).get(LIST, {"county": "530402", "school": yuxi_school.pk})

    assert response.status_code == 200
    assert "county" in response.context["filter"].form.errors
    assert listed_ids(response) == {wuhua_counselor.pk}


def test_detail_and_edit_outside_scope_are_404(login, edu_wuhua, panlong_counselor):
    client = login(edu_wuhua)

    assert client.get(detail(panlong_counselor)).status_code == 404
    assert client.get(edit(panlong_counselor)).status_code == 404
    assert client.post(edit(panlong_counselor), {"name": "改名"}).status_code == 404
    panlong_counselor.refresh_from_db()
    assert panlong_counselor.name == "李芳"


def test_detail_in_scope_shows_the_record_and_what_the_areas_know(
    login, edu_wuhua, wuhua_counselor
):
    response = login(edu_wuhua).get(detail(wuhua_counselor))

    assert response.status_code == 200
    facts = {str(fact.label): fact.value for fact in response.context["facts"]}
    # The training area's contribution, even with nothing attended yet.
    with translation.override("zh-hans"):
        assert facts[translation.gettext("Courses attended")] == 0
    assert b"data-facts" in response.content


@pytest.mark.parametrize("persona", ["inspector", "official_kunming"])
def test_read_only_roles_read_the_list_of_their_scope_masked(
    request, login, persona, wuhua_counselor, yuxi_counselor
):
    user = request.getfixturevalue(persona)
    client = login(user)

    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert wuhua_counselor.name in html
    assert wuhua_counselor.id_number not in html
    # A Kunming official reads Kunming's counselors only; the inspector, the province's.
    assert (yuxi_counselor.name in html) == (persona == "inspector")
    # and nothing to change
    assert client.get(reverse("counselors:counselor-create")).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, divisions):
    response = client.get(LIST)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_list_query_count_does_not_grow_with_rows(
    login, edu_kunming, wuhua_school, django_assert_max_num_queries
):
    client = login(edu_kunming)
    CounselorFactory.create_batch(3, school=wuhua_school)
    # About 12 for the page, and a fixed 20 or so for the menu's to-do counts (one or two per
    # area, whatever the rows).
    with django_assert_max_num_queries(34) as few:
        client.get(LIST)
    CounselorFactory.create_batch(20, school=wuhua_school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["page"]) == 23


def test_the_list_pages_by_keyset_cursor(login, edu_wuhua, wuhua_school, settings):
    settings.PORTAL_PAGE_SIZE = 5
    CounselorFactory.create_batch(12, school=wuhua_school)
    client = login(edu_wuhua)

    first = client.get(LIST)
    second = client.get(LIST, {"cursor": first.context["page"].next_cursor})

    assert len(first.context["page"]) == 5
    assert first.context["page"].count == 12
    assert not listed_ids(first) & listed_ids(second)


# Create and edit -----------------------------------------------------------------------------


def test_education_staff_create_a_counselor_in_scope(login, edu_wuhua, wuhua_school):
    response = login(edu_wuhua).post(CREATE, new_counselor_data(wuhua_school))

    counselor = Counselor.objects.get(name="赵敏")
    assert response.status_code == 302
    assert counselor.school == wuhua_school
    assert counselor.created_by == edu_wuhua


def test_the_school_dropdown_offers_only_schools_in_scope(
    login, edu_wuhua, wuhua_school, panlong_school
):
    form = login(edu_wuhua).get(CREATE).context["form"]

    assert list(form.fields["school"].queryset) == [wuhua_school]
    assert set(form.fields["county"].queryset.values_list("code", flat=True)) == {"530102"}


def test_a_forged_out_of_scope_school_is_a_field_error_and_saves_nothing(
    login, edu_wuhua, panlong_school
):
    data = new_counselor_data(panlong_school, county="530102")
    response = post_refused(login(edu_wuhua), data, "school")

    assert response.status_code == 200


def test_the_school_must_lie_in_the_chosen_county(login, edu_kunming, panlong_school):
    data = new_counselor_data(panlong_school, county="530102")
    post_refused(login(edu_kunming), data, "school")


def test_a_county_chief_counselor_has_no_school(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    with_school = new_counselor_data(wuhua_school, post=CounselorPost.COUNTY_CHIEF)
    assert "school" in client.post(CREATE, with_school).context["form"].errors

    without = new_counselor_data(wuhua_school, post=CounselorPost.COUNTY_CHIEF, school="")
    assert client.post(CREATE, without).status_code == 302
    assert Counselor.objects.get(name="赵敏").school is None


@pytest.mark.parametrize(
    "id_number",
    ["530102199006010210", "53010219900601021", "530102199013010215"],
    ids=["bad check digit", "too short", "bad date"],
)
def test_a_bad_id_number_is_an_error_on_its_field(login, edu_wuhua, wuhua_school, id_number):
    data = new_counselor_data(wuhua_school, id_number=id_number)
    post_refused(login(edu_wuhua), data, "id_number")


def test_an_id_number_must_agree_with_the_birth_date(login, edu_wuhua, wuhua_school):
    data = new_counselor_data(wuhua_school, birth_date="1991-06-01")
    response = login(edu_wuhua).post(CREATE, data)

    assert "id_number" in response.context["form"].errors


def test_editing_keeps_the_masked_id_and_phone_when_left_empty(login, edu_wuhua, wuhua_counselor):
    data = rename_data(wuhua_counselor, wuhua_counselor.version)
    response = login(edu_wuhua).post(edit(wuhua_counselor), data)

    assert response.status_code == 302
    before = (wuhua_counselor.id_number, wuhua_counselor.phone)
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.name == "张丽华"
    assert (wuhua_counselor.id_number, wuhua_counselor.phone) == before
    assert wuhua_counselor.updated_by == edu_wuhua


def test_league_staff_read_but_cannot_edit(login, league_kunming, wuhua_counselor):
    client = login(league_kunming)

    assert client.get(detail(wuhua_counselor)).status_code == 200
    assert client.get(edit(wuhua_counselor)).status_code == 403
    assert client.get(CREATE).status_code == 403


# The counselor's own record ------------------------------------------------------------------


def test_a_counselor_sees_their_own_record(login, me, wuhua_counselor):
    response = login(me).get(ME)

    assert response.status_code == 200
    assert response.context["counselor"] == wuhua_counselor
    labels = [str(fact.label) for fact in response.context["facts"]]
    with translation.override("zh-hans"):
        assert translation.gettext("Training hours") in labels


def test_a_counselor_corrects_their_phone(login, me, wuhua_counselor):
    response = login(me).post(ME, {"phone": "13700001111"})

    assert response.status_code == 302
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.phone == "13700001111"
    assert wuhua_counselor.updated_by == me


def test_a_counselor_cannot_change_post_school_or_title(login, me, wuhua_counselor, divisions):
    other_school = SchoolFactory(county=division("530102"))
    login(me).post(
        ME,
        {
            "phone": "13700001111",
            "post": CounselorPost.COUNTY_CHIEF,
            "post_rank": PostRank.ABOVE,
            "school": other_school.pk,
            "teacher_title": TeacherTitle.SENIOR,
            "name": "别人",
        },
    )

    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.post == CounselorPost.BRIGADE
    assert wuhua_counselor.post_rank == PostRank.MIDDLE
    assert wuhua_counselor.school_id != other_school.pk
    assert wuhua_counselor.teacher_title == TeacherTitle.SECOND
    assert wuhua_counselor.name == "张丽"


def test_a_bad_phone_is_a_field_error(login, me, wuhua_counselor):
    response = login(me).post(ME, {"phone": "12345"})

    assert "phone" in response.context["form"].errors
    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.phone != "12345"


def test_a_counselor_cannot_open_staff_pages(login, me, wuhua_counselor):
    client = login(me)

    assert client.get(LIST).status_code == 403
    assert client.get(detail(wuhua_counselor)).status_code == 403
    assert client.get(edit(wuhua_counselor)).status_code == 403


def test_my_record_is_only_for_a_counselor_account_linked_to_a_record(
    login, divisions, wuhua_school, province_admin
):
    from apps.accounts.choices import Role
    from tests.factories import UserFactory

    lonely = UserFactory(username="lonely", role=Role.COUNSELOR, division=None, school=wuhua_school)
    client = login(lonely)

    # Neither refused nor offered: the menu has no 我的档案 without a record behind it.
    assert client.get(ME).status_code == 403
    assert ME not in client.get(reverse("reports:dashboard")).content.decode()
    # Nor for a superuser, who has no record of their own.
    admin = login(province_admin)
    assert admin.get(ME).status_code == 403
    assert ME not in admin.get(reverse("reports:dashboard")).content.decode()


def test_staff_cannot_open_my_record(login, edu_wuhua):
    assert login(edu_wuhua).get(ME).status_code == 403


def test_a_save_over_a_change_made_since_the_form_was_loaded_is_refused(
    login, edu_wuhua, wuhua_counselor
):
    # given the edit form was loaded, then someone else changed the record
    client = login(edu_wuhua)
    form = client.get(edit(wuhua_counselor)).context["form"]
    assert form["version"].value() == wuhua_counselor.version
    counselor_update(actor=edu_wuhua, counselor=wuhua_counselor, teacher_title="first")

    # when the form, as loaded, is saved
    data = rename_data(wuhua_counselor, form["version"].value())
    response = client.post(edit(wuhua_counselor), data)

    # then it comes back with the reload message and the newer change stands
    assert response.status_code == 200
    refusals = response.context["form"].non_field_errors().as_data()
    assert [error.code for error in refusals] == ["stale"]
    wuhua_counselor.refresh_from_db()
    assert (wuhua_counselor.name, wuhua_counselor.teacher_title) == ("张丽", "first")
