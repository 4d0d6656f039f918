"""The pilot pages: scoped lists and details, forms whose refusals sit next to the field,
and the admin writing through the services."""

import datetime

from django.urls import reverse

from apps.transition import services
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Milestone, Pilot
from tests.admin_forms import inline

D = datetime.date


def detail(pilot):
    return reverse("transition:pilot-detail", args=[pilot.pk])


def test_the_list_shows_only_pilots_in_scope(login, pilot, chuxiong1, league_province, edu_yuxi):
    services.pilot_create(actor=league_province, school=chuxiong1, started_on=D(2017, 9, 1))

    province = login(league_province).get(reverse("transition:pilot-list"))
    assert [p.school.name for p in province.context["page"]] == ["昆明市第十中学", "楚雄市第一中学"]

    yuxi = login(edu_yuxi).get(reverse("transition:pilot-list"))
    assert list(yuxi.context["page"]) == []
    assert login(edu_yuxi).get(detail(pilot)).status_code == 404


def test_the_detail_shows_milestones_counts_and_the_buttons_that_work(
    login, pilot, school_league, official_kunming
):
    services.milestone_create(
        actor=school_league, pilot=pilot, title="离队入团仪式", due_on=D(2018, 5, 4)
    )
    services.handoff_record(actor=school_league, pilot=pilot, year=2018, joined=58)

    page = login(school_league).get(detail(pilot)).content.decode()
    assert "离队入团仪式" in page
    assert 'data-value="58"' in page
    assert 'data-action="record-handoff"' in page

    read_only = login(official_kunming).get(detail(pilot)).content.decode()
    assert "离队入团仪式" in read_only
    assert 'data-action="record-handoff"' not in read_only


def test_a_pilot_is_created_from_the_form(login, kunming10, league_kunming):
    client = login(league_kunming)
    assert client.get(reverse("transition:pilot-list")).context["can_create"] is True

    response = client.post(
        reverse("transition:pilot-create"),
        {"school": kunming10.pk, "started_on": "2017-09-01", "summary": "试点"},
    )

    pilot = Pilot.objects.get()
    assert response.url == detail(pilot)


def test_a_school_outside_the_scope_is_not_offered(login, chuxiong1, league_kunming):
    response = login(league_kunming).post(
        reverse("transition:pilot-create"), {"school": chuxiong1.pk, "started_on": "2017-09-01"}
    )

    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not Pilot.objects.exists()


def test_a_refused_milestone_keeps_what_was_typed_next_to_the_field(login, pilot, school_league):
    future = (D.today() + datetime.timedelta(days=30)).isoformat()

    response = login(school_league).post(
        reverse("transition:milestone-create", args=[pilot.pk]),
        {"title": "离队入团仪式", "due_on": "2018-05-04", "status": "done", "done_on": future},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "done_on" in form.errors
    assert form["title"].value() == "离队入团仪式"
    assert not Milestone.objects.exists()


def test_a_milestone_is_marked_done_from_its_form(login, pilot, school_league):
    milestone = services.milestone_create(
        actor=school_league, pilot=pilot, title="方案", due_on=D(2017, 10, 31)
    )

    response = login(school_league).post(
        reverse("transition:milestone-update", args=[milestone.pk]),
        {
            "title": "方案",
            "due_on": "2017-10-31",
            "status": "done",
            "done_on": "2017-10-30",
            "version": milestone.version,
        },
    )

    assert response.url == detail(pilot)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.done_on) == (MilestoneStatus.DONE, D(2017, 10, 30))


def test_forms_of_a_pilot_outside_the_scope_are_a_404(login, pilot, edu_yuxi):
    client = login(edu_yuxi)

    assert client.get(reverse("transition:handoff-record", args=[pilot.pk])).status_code == 404
    assert (
        client.post(
            reverse("transition:milestone-create", args=[pilot.pk]), {"title": "x"}
        ).status_code
        == 404
    )


def test_a_reader_in_scope_cannot_open_a_form(login, pilot, official_kunming):
    response = login(official_kunming).get(reverse("transition:handoff-record", args=[pilot.pk]))

    assert response.status_code == 403


def test_a_count_is_recorded_and_corrected_from_its_form(login, pilot, school_league):
    client = login(school_league)
    url = reverse("transition:handoff-record", args=[pilot.pk])

    client.post(url, {"year": "2018", "joined": "50"})
    assert client.get(f"{url}?year=2018").context["form"]["joined"].value() == 50
    client.post(url, {"year": "2018", "joined": "58"})

    assert list(HandOff.objects.values_list("year", "joined")) == [(2018, 58)]
    refused = client.post(url, {"year": "2016", "joined": "5"})
    assert "year" in refused.context["form"].errors


def test_the_admin_writes_milestones_and_counts_through_the_services(login, pilot, league_kunming):
    response = login(league_kunming).post(
        f"/admin/transition/pilot/{pilot.pk}/change/",
        {
            "started_on": "2017-09-01",
            "plan_document": "",
            "summary": "试点",
            **inline(
                "milestones",
                {
                    "title": "方案",
                    "due_on": "2017-10-31",
                    "status": "planned",
                    "done_on": "",
                    "note": "",
                },
            ),
            **inline("handoffs", {"year": "2018", "joined": "44"}),
        },
    )

    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.history.get().history_user == league_kunming
    assert HandOff.objects.get().history.get().history_user == league_kunming
    pilot.refresh_from_db()
    assert pilot.summary == "试点"


def test_the_admin_refuses_a_count_before_the_pilot_started(login, pilot, league_kunming):
    response = login(league_kunming).post(
        f"/admin/transition/pilot/{pilot.pk}/change/",
        {
            "started_on": "2017-09-01",
            "plan_document": "",
            "summary": "",
            **inline("milestones"),
            **inline("handoffs", {"year": "2015", "joined": "44"}),
        },
        follow=True,
    )

    assert not HandOff.objects.exists()
    assert any("2017" in str(m) for m in response.context["messages"])


def test_the_admin_lists_only_pilots_in_scope(login, pilot, edu_yuxi):
    response = login(edu_yuxi).get("/admin/transition/pilot/")

    assert list(response.context["cl"].result_list) == []


def test_the_pilot_export_holds_the_pilots_in_scope(login, pilot, chuxiong1, league_province):
    services.pilot_create(actor=league_province, school=chuxiong1, started_on=D(2017, 9, 1))

    csv = login(pilot.created_by).get(reverse("transition:pilot-list"), {"format": "csv"})
    text = b"".join(csv.streaming_content).decode("utf-8-sig")

    assert "昆明市第十中学" in text
    assert "楚雄市第一中学" not in text
    assert "2017-09-01" in text
