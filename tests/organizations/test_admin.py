"""The admin honours the regional scope everywhere and writes through the services."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from apps.accounts.choices import Role
from apps.core.admin import ScopedRelatedFieldListFilter
from apps.organizations.admin import CommitteeMemberInline
from apps.organizations.models import CommitteeMember, School, WorkCommittee
from tests.admin_forms import inline
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    UserFactory,
    WorkCommitteeFactory,
    division,
)
from tests.factories.counselors import CounselorFactory
from tests.factories.organizations import dual_chair_committee, history, schools_in

pytestmark = pytest.mark.django_db

SCHOOLS = "/admin/organizations/school/"


@pytest.fixture
def wuhua_and_panlong(divisions):
    return (
        SchoolFactory(county=division("530102"), name="五华区第一小学"),
        SchoolFactory(county=division("530103"), name="盘龙区第一小学"),
    )


@pytest.fixture
def kunming_admin(divisions):
    return UserFactory(
        username="kunming_admin", role=Role.PROVINCIAL_ADMIN, division=division("530100")
    )


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def filter_choices(response, field_path):
    """The list filter on ``field_path`` and its choices; (None, None) when it is hidden."""
    specs = [s for s in response.context["cl"].filter_specs if s.field_path == field_path]
    if not specs:
        return None, None
    return specs[0], [str(value) for value, _label in specs[0].lookup_choices]


def test_the_changelist_shows_only_in_scope_schools(login, edu_wuhua, wuhua_and_panlong):
    response = login(edu_wuhua).get(SCHOOLS)

    assert list(response.context["cl"].result_list) == [wuhua_and_panlong[0]]


def test_an_out_of_scope_change_page_is_a_404(login, edu_wuhua, wuhua_and_panlong):
    _, panlong = wuhua_and_panlong
    client = login(edu_wuhua)

    assert client.get(f"{SCHOOLS}{panlong.pk}/change/").status_code == 404
    response = client.post(f"{SCHOOLS}{panlong.pk}/change/", {"name": "改名"})
    assert response.status_code == 404
    panlong.refresh_from_db()
    assert panlong.name == "盘龙区第一小学"


def test_foreign_key_choices_hold_only_in_scope_divisions(login, edu_wuhua, kunming_admin):
    school_form = login(edu_wuhua).get(f"{SCHOOLS}add/").context["adminform"].form
    post_form = login(edu_wuhua).get("/admin/organizations/chiefcounselorpost/add/")
    committee_form = login(kunming_admin).get("/admin/organizations/workcommittee/add/")

    assert list(school_form.fields["county"].queryset) == [division("530102")]
    assert list(post_form.context["adminform"].form.fields["county"].queryset) == [
        division("530102")
    ]
    codes = committee_form.context["adminform"].form.fields["division"].queryset
    assert codes.count() == 15 and all(d.code.startswith("5301") for d in codes)


def test_autocomplete_offers_only_in_scope_schools(
    login, edu_wuhua, edu_kunming, wuhua_and_panlong
):
    wuhua, panlong = wuhua_and_panlong
    SchoolFactory(county=division("530402"), name="玉溪第一小学")

    wuhua_ids = autocomplete(login(edu_wuhua), "accounts", "user", "school")
    kunming_ids = autocomplete(login(edu_kunming), "accounts", "user", "school", term="第一小学")

    assert wuhua_ids == [str(wuhua.pk)]
    assert sorted(kunming_ids) == sorted([str(wuhua.pk), str(panlong.pk)])


def test_autocomplete_offers_only_in_scope_counties(login, edu_wuhua, edu_kunming):
    assert autocomplete(login(edu_wuhua), "organizations", "school", "county") == ["530102"]
    kunming = autocomplete(login(edu_kunming), "organizations", "school", "county", term="区")
    assert kunming and all(code.startswith("5301") and code != "530100" for code in kunming)
    assert "530402" not in autocomplete(login(edu_kunming), "organizations", "school", "county")


def test_list_filters_offer_only_in_scope_divisions(login, edu_kunming, edu_wuhua, edu_province):
    schools_in("530102", 1)
    schools_in("530402", 1)

    kunming = login(edu_kunming).get(SCHOOLS)
    spec, counties = filter_choices(kunming, "county")
    assert isinstance(spec, ScopedRelatedFieldListFilter)
    assert len(counties) == 14 and all(code.startswith("5301") for code in counties)
    # A single prefecture is no choice at all, so the filter stays hidden
    assert filter_choices(kunming, "county__parent") == (None, None)

    # One county is no choice either
    assert filter_choices(login(edu_wuhua).get(SCHOOLS), "county") == (None, None)
    # The province sees the prefectures that have schools
    assert filter_choices(login(edu_province).get(SCHOOLS), "county__parent")[1] == [
        "530100",
        "530400",
    ]


def test_the_division_parent_filter_stays_in_scope(login, edu_province, edu_kunming):
    _spec, parents = filter_choices(
        login(edu_province).get("/admin/organizations/division/"), "parent"
    )
    assert len(parents) == 17 and "530000" in parents and "530102" not in parents
    # Kunming's only parent in scope is Kunming itself: no choice, no filter
    kunming = login(edu_kunming).get("/admin/organizations/division/")
    assert filter_choices(kunming, "parent") == (None, None)
    assert all(d.code.startswith("5301") for d in kunming.context["cl"].result_list)


def test_the_changelist_does_not_query_per_row(login, edu_kunming, divisions):
    client = login(edu_kunming)
    schools_in("530102", 2)
    client.get(SCHOOLS)
    with CaptureQueriesContext(connection) as few:
        client.get(SCHOOLS)
    schools_in("530103", 60)
    with CaptureQueriesContext(connection) as many:
        client.get(SCHOOLS)

    assert len(many) == len(few)


def test_the_committee_changelist_shows_the_computed_dual_chair(login, league_kunming):
    dual_chair_committee("530102")
    WorkCommitteeFactory(division=division("530103"))

    response = login(league_kunming).get("/admin/organizations/workcommittee/")

    flags = {c.division_id: c.dual_chair for c in response.context["cl"].result_list}
    assert flags == {"530102": True, "530103": False}


def test_the_member_inline_is_scoped(divisions):
    league_yuxi = UserFactory(role=Role.LEAGUE, division=division("530400"))
    CommitteeMemberFactory(committee=WorkCommitteeFactory(division=division("530102")))
    yuxi_member = CommitteeMemberFactory(
        committee=WorkCommitteeFactory(division=division("530402"))
    )
    request = RequestFactory().get("/")
    request.user = league_yuxi

    inline = CommitteeMemberInline(WorkCommittee, admin.site)

    assert list(inline.get_queryset(request)) == [yuxi_member]


def test_a_school_added_in_the_admin_goes_through_the_service(login, edu_wuhua):
    response = login(edu_wuhua).post(
        f"{SCHOOLS}add/",
        {
            "name": "五华区新建小学",
            "county": "530102",
            "school_type": "primary",
            "address": "",
            **inline("brigades", {"name": "少先队第二大队"}),
        },
    )

    assert response.status_code == 302
    school = School.objects.get()
    # The service records the actor in the history; the admin keeps its own log entry
    assert history(school) == [("+", edu_wuhua)]
    entries = LogEntry.objects.filter(object_id=str(school.pk))
    assert [(e.user, e.action_flag) for e in entries] == [(edu_wuhua, ADDITION)]
    # The school's first brigade, and the one added in the inline, counted
    assert list(school.brigades.values_list("name", flat=True)) == ["少先队大队", "少先队第二大队"]
    assert (school.brigade_count, school.squad_count) == (2, 0)


def test_a_forged_county_in_the_admin_is_refused(login, edu_wuhua):
    response = login(edu_wuhua).post(
        f"{SCHOOLS}add/",
        {"name": "x", "county": "530103", "school_type": "primary", **inline("brigades")},
    )

    assert response.status_code == 200
    assert "county" in response.context["adminform"].form.errors
    assert not School.objects.exists()


def test_members_added_through_the_inline_go_through_the_service(login, league_kunming):
    committee = WorkCommitteeFactory(division=division("530102"), name="五华区少工委")
    member = {"name": "张伟", "role": "chair", "home_body": "education"}
    data = {
        "name": "五华区少工委",
        "established_on": "",
        **inline("members", {**member, "start_date": "2018-01-01"}),
    }

    response = login(league_kunming).post(
        f"/admin/organizations/workcommittee/{committee.pk}/change/", data
    )

    assert response.status_code == 302
    member = CommitteeMember.objects.get()
    assert (member.committee, member.name) == (committee, "张伟")
    assert history(member) == [("+", league_kunming)]


def test_the_chief_counselor_changelist_is_scoped(login, edu_wuhua, divisions):
    own = ChiefCounselorPostFactory(county=division("530102"))
    ChiefCounselorPostFactory(county=division("530103"))

    response = login(edu_wuhua).get("/admin/organizations/chiefcounselorpost/")

    assert list(response.context["cl"].result_list) == [own]


# Every admin write goes through a service; divisions are read-only


def test_divisions_are_read_only_in_the_admin(login, province_admin):
    client = login(province_admin)
    url = "/admin/organizations/division/530102/change/"

    page = client.get(url)
    response = client.post(url, {"code": "530102", "name": "改名", "level": "county"})

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert response.status_code == 403
    assert division("530102").name == "五华区"
    assert client.get("/admin/organizations/division/530102/delete/").status_code == 403


def test_a_school_with_counselors_is_not_deleted_in_the_admin(login, province_admin, divisions):
    school = SchoolFactory(name="五华区第一小学")
    CounselorFactory(school=school)
    client = login(province_admin)

    response = client.post(f"{SCHOOLS}{school.pk}/delete/", {"post": "yes"}, follow=True)

    assert School.objects.filter(pk=school.pk).exists()
    assert "五华区第一小学" in response.content.decode()


def test_a_school_is_deleted_in_the_admin_through_the_service(login, edu_wuhua, divisions):
    school = SchoolFactory(name="五华区第一小学")
    client = login(edu_wuhua)
    listing = client.get(SCHOOLS)

    response = client.post(f"{SCHOOLS}{school.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not School.objects.filter(pk=school.pk).exists()
    assert history(school)[-1] == ("-", edu_wuhua)
    # No bulk deletion that would skip the service
    assert "delete_selected" not in listing.context["cl"].model_admin.get_actions(
        listing.wsgi_request
    )


def test_squads_added_in_the_brigade_admin_go_through_the_service(login, edu_wuhua, divisions):
    school = SchoolFactory(squad_count=1)
    brigade = school.brigades.get()
    squad = brigade.squads.get()

    response = login(edu_wuhua).post(
        f"/admin/organizations/brigade/{brigade.pk}/change/",
        {
            "name": brigade.name,
            **inline(
                "squads",
                {"id": str(squad.pk), "brigade": str(brigade.pk), "name": squad.name},
                {"name": "二年级（1）班中队"},
                initial=1,
            ),
        },
    )

    assert response.status_code == 302
    school.refresh_from_db()
    assert school.squad_count == 2
    added = brigade.squads.get(name="二年级（1）班中队")
    assert history(added) == [("+", edu_wuhua)]


def test_a_committee_with_members_is_not_deleted_in_the_admin(login, province_admin):
    committee = dual_chair_committee("530102")

    response = login(province_admin).post(
        f"/admin/organizations/workcommittee/{committee.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert WorkCommittee.objects.filter(pk=committee.pk).exists()
