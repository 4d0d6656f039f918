"""Every record a user can change shows its history on its page: who changed what and when,
from which value to which, to another user who may see the record; masked fields stay
masked there; rows written by an import or a fan-out show too.

Each test changes a row of the demo through the area's service as one user and reads the
row's page as another."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.commendations.choices import RoundStatus
from apps.commendations.models import Round
from apps.commendations.services.rounds import round_update
from apps.core import clock
from apps.core.history import history_of
from apps.core.people import person_label
from apps.counselors.models import Counselor
from apps.counselors.services import counselor_update
from apps.counselors.validators import build_id_number
from apps.funding.models import Allocation, Program
from apps.inspections import services as inspection_services
from apps.inspections.choices import CampaignStatus, TeamBody
from apps.inspections.models import Campaign, EvaluationScheme
from apps.meetings.models import Meeting
from apps.meetings.services import meeting_update
from apps.organizations import services as org_services
from apps.organizations.models import ChiefCounselorPost, School, WorkCommittee
from apps.pairing.choices import WishStatus
from apps.pairing.models import Institution, Pairing, Wish
from apps.pairing.services import activity_record, wish_claim, wish_fulfil
from apps.titles.models import TitleApplication
from apps.titles.services import title_application_update
from apps.training.models import Course, PlanTarget, TrainingPlan
from apps.training.services import course_update, training_plan_update
from apps.transition.models import Pilot
from apps.transition.services import pilot_update
from tests.funding.conftest import edit_program
from tests.history_panel import panel
from tests.imports import test_counselor_import as counselor_import
from tests.imports import test_school_import as school_import

pytestmark = pytest.mark.usefixtures("demo_data", "db")


def user(username: str) -> User:
    return User.objects.get(username=username)


def label(model, name: str) -> str:
    with translation.override("zh-hans"):
        return str(model._meta.get_field(name).verbose_name)


def assert_shown(rows: list[str], *, who: User, field: str, old: str, new: str) -> None:
    """Some row names ``who`` and shows ``field`` going from ``old`` to ``new``."""
    wanted = re.sub(r"\s+", " ", f"{field}： {old} → {new}")
    matching = [row for row in rows if person_label(who) in row and wanted in row]
    assert matching, f"{wanted!r} by {person_label(who)} not in {rows[:5]}"


@pytest.fixture
def as_user(client):
    def _as(username: str):
        client.force_login(user(username), backend="apps.accounts.backends.PortalBackend")
        return client

    return _as


# Organizations -----------------------------------------------------------------------


def test_a_schools_change_is_on_its_page_for_the_prefecture(as_user):
    actor = user("edu_wuhua")
    school = School.objects.filter(county_id="530102").order_by("id").first()
    old = school.address or "—"
    org_services.school_update(actor=actor, school=school, data={"address": "五华区新路1号"})

    rows = panel(as_user("edu_kunming"), reverse("organizations:school-detail", args=[school.pk]))

    assert_shown(rows, who=actor, field=label(School, "address"), old=old, new="五华区新路1号")


def test_a_committees_change_and_its_members_are_on_its_page(as_user):
    committee = WorkCommittee.objects.filter(division_id="530100").first()
    actor = user("admin")
    old = committee.name
    org_services.committee_update(actor=actor, committee=committee, data={"name": f"{old}（新）"})

    rows = panel(
        as_user("league_kunming"), reverse("organizations:committee-detail", args=[committee.pk])
    )

    assert_shown(rows, who=actor, field=label(WorkCommittee, "name"), old=old, new=f"{old}（新）")


def test_a_chief_counselor_posts_change_is_on_its_countys_page(as_user):
    post = ChiefCounselorPost.objects.get(county_id="530102")
    actor = user("admin")
    old = post.holder_name or "—"
    org_services.chief_counselor_post_save(
        actor=actor,
        county=post.county,
        host_body=post.host_body,
        holder_name="李明",
        holder_heads_section=post.holder_heads_section,
        holder_section=post.holder_section,
    )

    rows = panel(as_user("edu_kunming"), reverse("organizations:division-detail", args=["530102"]))

    assert_shown(
        rows, who=actor, field=label(ChiefCounselorPost, "holder_name"), old=old, new="李明"
    )


# Counselors: a change, and masked fields --------------------------------------------


def _counselor_with_new_phone():
    counselor = Counselor.objects.filter(county_id="530102", user=None).exclude(phone="").first()
    old_phone = counselor.phone
    new_phone = "13912345678" if old_phone != "13912345678" else "13912340000"
    actor = user("edu_wuhua")
    counselor_update(actor=actor, counselor=counselor, phone=new_phone, teacher_title="second")
    return counselor, actor, old_phone, new_phone


def test_a_counselors_phone_change_is_masked_for_staff_without_the_permission(as_user):
    counselor, actor, old_phone, new_phone = _counselor_with_new_phone()

    rows = panel(
        as_user("edu_kunming"), reverse("counselors:counselor-detail", args=[counselor.pk])
    )

    field = label(Counselor, "phone")
    masked_old = old_phone[:3] + "*" * (len(old_phone) - 7) + old_phone[-4:]
    masked_new = f"{new_phone[:3]}****{new_phone[-4:]}"
    assert_shown(rows, who=actor, field=field, old=masked_old, new=masked_new)
    text = " ".join(rows)
    assert old_phone not in text
    assert new_phone not in text


def test_a_counselors_phone_change_is_shown_in_full_to_a_holder_of_the_permission(as_user):
    counselor, actor, old_phone, new_phone = _counselor_with_new_phone()

    rows = panel(as_user("admin"), reverse("counselors:counselor-detail", args=[counselor.pk]))

    assert_shown(rows, who=actor, field=label(Counselor, "phone"), old=old_phone, new=new_phone)


def test_an_id_number_change_stays_masked_in_the_history_without_the_permission(db):
    counselor = Counselor.objects.filter(county_id="530102").first()
    admin = user("admin")
    old_number = counselor.id_number
    # The same person's number with a corrected sequence (its check character recomputed).
    new_number = build_id_number(
        region=counselor.county_id, birth=counselor.birth_date, sequence=int(old_number[14:17]) ^ 2
    )
    counselor_update(actor=admin, counselor=counselor, id_number=new_number)

    masked = history_of(counselor, viewer=user("edu_wuhua"))[0].changes
    full = history_of(counselor, viewer=admin)[0].changes
    anonymous = history_of(counselor)[0].changes

    (change,) = [c for c in masked if c.name == "id_number"]
    assert (change.old, change.new) == (
        f"{old_number[:4]}**********{old_number[-4:]}",
        f"{new_number[:4]}**********{new_number[-4:]}",
    )
    assert [(c.old, c.new) for c in full if c.name == "id_number"] == [(old_number, new_number)]
    assert [c.new for c in anonymous if c.name == "id_number"] == [change.new]


# Training ------------------------------------------------------------------------------


def test_a_courses_change_is_on_its_page(as_user):
    course = Course.objects.order_by("id").first()
    actor = user("edu_province")
    old = course.name
    course_update(actor=actor, course=course, name=f"{old}（修订）")

    rows = panel(as_user("edu_wuhua"), reverse("training:course-detail", args=[course.pk]))

    assert_shown(rows, who=actor, field=label(Course, "name"), old=old, new=f"{old}（修订）")


def test_a_training_plans_change_is_on_its_page(as_user):
    plan = TrainingPlan.objects.order_by("id").first()
    actor = user("edu_province")
    old = plan.name
    training_plan_update(actor=actor, plan=plan, name=f"{old}（修订）")

    rows = panel(as_user("edu_kunming"), reverse("training:plan-detail", args=[plan.pk]))

    assert_shown(rows, who=actor, field=label(TrainingPlan, "name"), old=old, new=f"{old}（修订）")


def test_a_plans_prefecture_target_change_is_on_its_page(as_user):
    plan = TrainingPlan.objects.filter(targets__prefecture_id="530100").order_by("id").first()
    actor = user("edu_province")
    old = plan.targets.get(prefecture_id="530100").target
    training_plan_update(actor=actor, plan=plan, targets={"530100": old + 7})

    rows = panel(as_user("edu_kunming"), reverse("training:plan-detail", args=[plan.pk]))

    target = label(PlanTarget, "target")
    assert_shown(rows, who=actor, field=target, old=str(old), new=str(old + 7))
    (row,) = [row for row in rows if f"{target}： {old} →" in row]
    assert "昆明市" in row


# Inspections: a campaign's change and its fan-out ----------------------------------------


def test_a_campaigns_change_and_fan_out_are_on_its_pages(as_user):
    campaign = Campaign.objects.exclude(status=CampaignStatus.CLOSED).order_by("-id").first()
    actor = campaign.lead
    old = campaign.scope_note or "—"
    inspection_services.campaign_update(actor=actor, campaign=campaign, scope_note="覆盖全省")
    school = School.objects.filter(county_id="530102").order_by("-id").first()
    result = inspection_services.campaign_fan_out(actor=actor, campaign=campaign, targets=[school])

    rows = panel(as_user("admin"), reverse("inspections:campaign-detail", args=[campaign.pk]))
    assert_shown(rows, who=actor, field=label(Campaign, "scope_note"), old=old, new="覆盖全省")
    (report,) = result.created
    report_rows = panel(
        as_user("admin"), reverse("inspections:inspection-detail", args=[report.pk])
    )
    assert any(person_label(actor) in row for row in report_rows)


def test_a_campaigns_team_and_checklist_changes_are_on_its_page_removed_rows_too(as_user):
    admin, lead = user("admin"), user("league_province")
    campaign = inspection_services.campaign_create(
        actor=admin,
        name="少先队工作专项督导（补充）",
        year=clock.today().year,
        start_date=clock.today() + datetime.timedelta(days=10),
        end_date=clock.today() + datetime.timedelta(days=40),
        division=lead.division,
        lead=lead,
    )
    member = inspection_services.team_member_add(
        actor=lead, campaign=campaign, name="李督学", body=TeamBody.EDUCATION
    )
    item = inspection_services.checklist_item_add(
        actor=lead, campaign=campaign, name="辅导员配备", max_score=Decimal(10), weight=Decimal(1)
    )
    inspection_services.team_member_remove(actor=lead, member=member)

    rows = panel(as_user("admin"), reverse("inspections:campaign-detail", args=[campaign.pk]))

    by_lead = [row for row in rows if person_label(lead) in row]
    assert [row for row in by_lead if item.name in row]
    # Added, then removed: the removal is kept, with who did it.
    assert len([row for row in by_lead if "李督学" in row]) == 2


def test_a_schemes_items_replaced_are_on_its_page(as_user):
    scheme = EvaluationScheme.objects.order_by("id").first()
    actor = user("edu_province")
    items = [(item.name, item.weight) for item in scheme.items.filter(is_young_pioneer_work=False)]
    young_pioneers = scheme.items.get(is_young_pioneer_work=True)
    inspection_services.evaluation_scheme_save(
        actor=actor,
        scheme=scheme,
        name=scheme.name,
        year=scheme.year,
        division=scheme.division,
        young_pioneer_weight=young_pioneers.weight,
        items=[*items[:-1], ("家校共育", items[-1][1])],
    )

    rows = panel(as_user("edu_province"), reverse("inspections:scheme-detail", args=[scheme.pk]))

    assert [row for row in rows if "家校共育" in row and person_label(actor) in row]
    # The items it replaced show as removed by the same person.
    assert len([row for row in rows if person_label(actor) in row]) >= 2 * len(items) + 3
    assert [row for row in rows if items[-1][0] in row and person_label(actor) in row]


# Funding -----------------------------------------------------------------------------


def test_a_programs_change_is_on_its_page(as_user):
    program = Program.objects.filter(division_id="530000").order_by("-id").first()
    actor = user("admin")
    old = program.purpose
    edit_program(program, actor, purpose=f"{old}（调整）")

    rows = panel(as_user("edu_kunming"), reverse("funding:program-detail", args=[program.pk]))

    assert_shown(rows, who=actor, field=label(Program, "purpose"), old=old, new=f"{old}（调整）")


def test_an_allocations_steps_are_on_its_page(as_user):
    changed = Allocation.history.filter(history_type="~").values("id")
    allocation = Allocation.objects.filter(pk__in=changed).order_by("-id").first()
    rows = panel(as_user("admin"), reverse("funding:allocation-detail", args=[allocation.pk]))
    assert len(rows) == allocation.history.count()


# Meetings, transition, pairing ------------------------------------------------------------


def test_a_meetings_change_is_on_its_page(as_user):
    meeting = Meeting.objects.filter(division_id="530000").order_by("-held_on").first()
    actor = user("league_province")
    old = meeting.place or "—"
    meeting_update(
        actor=actor,
        meeting=meeting,
        title=meeting.title,
        held_on=meeting.held_on,
        place="省教育厅会议室",
        bodies=list(meeting.bodies.all()),
        summary=meeting.summary,
    )

    rows = panel(as_user("admin"), reverse("meetings:meeting-detail", args=[meeting.pk]))

    assert_shown(rows, who=actor, field=label(Meeting, "place"), old=old, new="省教育厅会议室")


def test_a_pilots_change_is_on_its_page(as_user):
    pilot = Pilot.objects.get(school__users__username="pilot_school")
    actor = user("pilot_school")
    old = pilot.summary or "—"
    pilot_update(
        actor=actor,
        pilot=pilot,
        started_on=pilot.started_on,
        plan_document=pilot.plan_document,
        summary="推进团队衔接。",
    )

    rows = panel(as_user("league_province"), reverse("transition:pilot-detail", args=[pilot.pk]))

    assert_shown(rows, who=actor, field=label(Pilot, "summary"), old=old, new="推进团队衔接。")


def test_a_pairings_activity_is_on_its_page(as_user):
    pairing = Pairing.objects.filter(county_id="530102").order_by("-id").first()
    actor = user("pair_league_wuhua")
    activity_record(
        actor=actor,
        pairing=pairing,
        held_on=clock.today() - datetime.timedelta(days=1),
        kind="visit",
        volunteers=5,
        service_hours=Decimal("10.0"),
        children_reached=40,
        note="",
    )

    rows = panel(as_user("league_province"), reverse("pairing:pairing-detail", args=[pairing.pk]))

    assert any(person_label(actor) in row and "活动" in row for row in rows), rows[:3]


# Imports ------------------------------------------------------------------------------


def test_an_imported_school_shows_it_was_created_by_import_and_by_whom(as_user):
    importer = user("edu_wuhua")
    report = school_import.commit(importer, [school_import.school_row("五华区导入实验小学")])
    assert report.committed
    school = School.objects.get(name="五华区导入实验小学")

    rows = panel(as_user("edu_kunming"), reverse("organizations:school-detail", args=[school.pk]))

    with translation.override("zh-hans"):
        created = f"{translation.gettext('created')}（{translation.gettext('imported')}）"
    assert any(
        person_label(importer) in row and created in row and " · " not in row for row in rows
    ), rows
    # The squads the import made are in the school's history too.
    assert any("中队" in row and person_label(importer) in row for row in rows)


def test_an_imported_counselor_shows_it_was_created_by_import_masked(as_user):
    importer = user("edu_wuhua")
    school = School.objects.filter(county_id="530102").order_by("id").first()
    number = counselor_import.person(7)
    report = counselor_import.commit(
        importer, [counselor_import.counselor_row(number, name="钱导入", school=school.name)]
    )
    assert report.committed
    counselor = Counselor.objects.get(id_number=number)
    counselor_update(actor=user("edu_wuhua"), counselor=counselor, phone="13800001111")

    rows = panel(
        as_user("edu_kunming"), reverse("counselors:counselor-detail", args=[counselor.pk])
    )

    with translation.override("zh-hans"):
        created = f"{translation.gettext('created')}（{translation.gettext('imported')}）"
    assert any(person_label(importer) in row and created in row for row in rows), rows
    assert_shown(
        rows, who=importer, field=label(Counselor, "phone"), old="139****5678", new="138****1111"
    )


def test_a_wishs_fulfilment_note_is_hidden_from_those_who_may_not_read_the_wish(as_user):
    wish = (
        Wish.objects.filter(county_id="530102", status=WishStatus.OPEN)
        .exclude(text="")
        .order_by("-id")
        .first()
    )
    actor = user("pair_league_wuhua")
    institution = Institution.objects.order_by("id").first()
    wish_claim(actor=actor, wish=wish, institution=institution)
    wish_fulfil(actor=actor, wish=Wish.objects.get(pk=wish.pk), note="书包已送到学校")

    reader = history_of(wish, viewer=user("pair_school"))[0]
    outsider = history_of(wish, viewer=user("edu_yuxi"))[0]

    assert [c.new for c in reader.changes if c.name == "fulfilment_note"] == ["书包已送到学校"]
    assert [c.new for c in outsider.changes if c.name == "fulfilment_note"] == ["***"]
    rows = panel(as_user("league_province"), reverse("pairing:wish-detail", args=[wish.pk]))
    assert_shown(
        rows, who=actor, field=label(Wish, "fulfilment_note"), old="—", new="书包已送到学校"
    )


# Titles ---------------------------------------------------------------------------------


def test_a_title_applications_change_by_its_applicant_is_on_its_page(as_user):
    application = (
        TitleApplication.objects.filter(applicant__user__username="counselor")
        .filter(status__in=["draft", "returned"])
        .first()
    )
    actor = user("counselor")
    old = application.statement
    title_application_update(
        actor=actor,
        application=application,
        track=application.track,
        target_title=application.target_title,
        year=application.year,
        statement=f"{old}补充。",
    )

    rows = panel(as_user("admin"), reverse("titles:application-detail", args=[application.pk]))

    shown_old = old if len(old) <= 120 else f"{old[:119]}…"
    new = f"{old}补充。"
    shown_new = new if len(new) <= 120 else f"{new[:119]}…"
    assert_shown(
        rows,
        who=actor,
        field=label(TitleApplication, "statement"),
        old=shown_old,
        new=shown_new,
    )


# Commendations ------------------------------------------------------------------------------


def test_a_rounds_change_is_on_its_page(as_user):
    round_ = Round.objects.filter(status=RoundStatus.OPEN).order_by("-year").first()
    actor = user("award_prov")
    old = round_.contact_name or "—"
    round_update(actor=actor, round=round_, values={"contact_name": "王老师"})

    rows = panel(as_user("award_pref"), reverse("commendations:round-detail", args=[round_.pk]))

    assert_shown(rows, who=actor, field=label(Round, "contact_name"), old=old, new="王老师")
