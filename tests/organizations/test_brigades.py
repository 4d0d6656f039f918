"""Brigades (大队) and squads (中队) as rows: services, derived counts, imports and seeding."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from apps.counselors.models import Counselor
from apps.exports.imports import normalize, read_raw, run_import
from apps.organizations import services
from apps.organizations.indicators import organization_indicators
from apps.organizations.models import Brigade, School, Squad
from apps.organizations.resources import SchoolResource
from apps.organizations.services.brigades import squad_names
from tests.factories import SchoolFactory, division
from tests.factories.counselors import CounselorFactory
from tests.factories.organizations import history
from tests.imports.conftest import upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def counts(school: School) -> tuple[int, int]:
    """The cached counts as stored, and the rows they stand for, side by side."""
    school.refresh_from_db()
    rows = (school.brigades.count(), Squad.objects.filter(brigade__school=school).count())
    assert (school.brigade_count, school.squad_count) == rows
    return rows


def squad_of(school: School) -> Squad:
    return Squad.objects.filter(brigade__school=school).order_by("id").first()


@pytest.fixture
def school(divisions):
    return SchoolFactory(name="五华区实验小学", squad_count=3)


# One row at a time ---------------------------------------------------------------------


def test_education_staff_add_a_squad_and_the_count_follows(edu_wuhua, school):
    brigade = school.brigades.get()

    squad = services.squad_create(actor=edu_wuhua, brigade=brigade, name="四年级（1）班中队")

    assert counts(school) == (1, 4)
    assert str(squad) == "五华区实验小学四年级（1）班中队"
    assert history(squad) == [("+", edu_wuhua)]


def test_a_squad_name_is_unique_in_its_brigade_with_the_error_on_the_name(edu_wuhua, school):
    brigade = school.brigades.get()
    taken = squad_of(school).name

    with pytest.raises(ValidationError) as excinfo:
        services.squad_create(actor=edu_wuhua, brigade=brigade, name=taken)

    assert set(excinfo.value.message_dict) == {"name"}
    assert counts(school) == (1, 3)


def test_renaming_a_squad_keeps_the_count_and_records_the_actor(edu_wuhua, school):
    squad = squad_of(school)

    services.squad_rename(actor=edu_wuhua, squad=squad, name="一年级（3）班中队")

    squad.refresh_from_db()
    assert squad.name == "一年级（3）班中队"
    assert history(squad)[-1] == ("~", edu_wuhua)
    assert counts(school) == (1, 3)


def test_removing_a_squad_lowers_the_count(edu_wuhua, school):
    services.squad_delete(actor=edu_wuhua, squad=squad_of(school))

    assert counts(school) == (1, 2)


def test_a_brigade_with_squads_cannot_be_removed(edu_wuhua, school):
    brigade = school.brigades.get()

    with pytest.raises(ValidationError) as excinfo:
        services.brigade_delete(actor=edu_wuhua, brigade=brigade)

    assert excinfo.value.code == "squads"
    assert counts(school) == (1, 3)


def test_an_empty_second_brigade_is_added_renamed_and_removed(edu_wuhua, school):
    brigade = services.brigade_create(actor=edu_wuhua, school=school, name="第二大队")
    assert counts(school) == (2, 3)

    services.brigade_rename(actor=edu_wuhua, brigade=brigade, name="少先队第二大队")
    brigade.refresh_from_db()
    assert brigade.name == "少先队第二大队"

    services.brigade_delete(actor=edu_wuhua, brigade=brigade)
    assert counts(school) == (1, 3)
    assert history(brigade)[-1] == ("-", edu_wuhua)


def test_it_refuses_brigades_and_squads_outside_the_scope(edu_wuhua, divisions):
    panlong = SchoolFactory(county=division("530103"), squad_count=1)
    brigade = panlong.brigades.get()

    with pytest.raises(PermissionDenied):
        services.brigade_create(actor=edu_wuhua, school=panlong, name="新大队")
    with pytest.raises(PermissionDenied):
        services.squad_create(actor=edu_wuhua, brigade=brigade, name="新中队")
    with pytest.raises(PermissionDenied):
        services.squad_rename(actor=edu_wuhua, squad=squad_of(panlong), name="改名")
    with pytest.raises(PermissionDenied):
        services.squad_delete(actor=edu_wuhua, squad=squad_of(panlong))
    assert counts(panlong) == (1, 1)


@pytest.mark.parametrize("persona", ["league_kunming", "inspector"])
def test_only_education_staff_change_brigades_and_squads(request, persona, school):
    actor = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.squad_create(actor=actor, brigade=school.brigades.get(), name="新中队")
    with pytest.raises(PermissionDenied):
        services.brigade_delete(actor=actor, brigade=school.brigades.get())
    assert counts(school) == (1, 3)


# A whole school at once ------------------------------------------------------------------


def test_a_new_school_gets_its_brigade_and_squads_as_rows(edu_wuhua):
    school = services.school_create(
        actor=edu_wuhua,
        county=division("530102"),
        name="五华区新建小学",
        school_type="primary",
        brigade_count=2,
        squad_count=5,
    )

    assert counts(school) == (2, 5)
    per_brigade = [b.squads.count() for b in school.brigades.order_by("id")]
    assert per_brigade == [3, 2]
    assert list(school.brigades.values_list("name", flat=True)) == ["少先队大队", "少先队第2大队"]


@pytest.mark.parametrize(
    ("brigades", "squads", "field"),
    [(0, 4, "brigade_count"), (-1, 0, "brigade_count"), (1, 40000, "squad_count")],
)
def test_impossible_counts_are_errors_on_their_field(edu_wuhua, brigades, squads, field):
    with pytest.raises(ValidationError) as excinfo:
        services.school_create(
            actor=edu_wuhua,
            county=division("530102"),
            name="五华区新建小学",
            school_type="primary",
            brigade_count=brigades,
            squad_count=squads,
        )

    assert field in excinfo.value.message_dict
    assert not School.objects.exists()


def test_resizing_adds_squads_and_removes_the_newest_first(edu_wuhua, school):
    first = squad_of(school)

    services.school_resize(actor=edu_wuhua, school=school, brigade_count=1, squad_count=6)
    assert counts(school) == (1, 6)
    names = set(Squad.objects.filter(brigade__school=school).values_list("name", flat=True))
    assert {"第1中队", "第2中队", "第3中队"} <= names

    services.school_resize(actor=edu_wuhua, school=school, brigade_count=1, squad_count=1)
    assert counts(school) == (1, 1)
    assert squad_of(school) == first


def test_resizing_does_not_remove_a_brigade_that_still_has_squads(edu_wuhua, divisions):
    school = SchoolFactory(brigade_count=2, squad_count=4)

    with pytest.raises(ValidationError) as excinfo:
        services.school_resize(actor=edu_wuhua, school=school, brigade_count=1, squad_count=4)

    assert set(excinfo.value.message_dict) == {"brigade_count"}


def test_resizing_is_refused_outside_the_scope(edu_wuhua, divisions):
    panlong = SchoolFactory(county=division("530103"))

    with pytest.raises(PermissionDenied):
        services.school_resize(actor=edu_wuhua, school=panlong, brigade_count=1, squad_count=0)
    assert counts(panlong) == (1, 12)


def school_file(name: str, squads: int, brigades: int = 1) -> list:
    headers = [column.header for column in SchoolResource.columns]
    values = {
        "学校名称": name,
        "所属县（市、区）": "五华区",
        "学校类型": "小学",
        "大队数": brigades,
    }
    row = [values.get(header, "") for header in headers]
    row[headers.index("中队数")] = squads
    return normalize(read_raw(upload(xlsx_bytes(headers, [row]))), SchoolResource.columns)


def test_importing_a_school_with_n_squads_leaves_it_with_n_squad_rows(edu_wuhua, school):
    # given a new school and an existing one in the file
    for name, squads in (("五华区新建小学", 9), (school.name, 5)):
        report = run_import(
            SchoolResource(actor=edu_wuhua), school_file(name, squads), dry_run=False
        )
        assert report.committed

    # then each has exactly as many squad rows as the file said
    assert counts(School.objects.get(name="五华区新建小学")) == (1, 9)
    assert counts(school) == (1, 5)


# Seeding -------------------------------------------------------------------------------


def test_squads_are_named_after_classes_spread_over_the_grades():
    assert squad_names("primary", 8) == [
        "一年级（1）班中队",
        "一年级（2）班中队",
        "二年级（1）班中队",
        "二年级（2）班中队",
        "三年级（1）班中队",
        "四年级（1）班中队",
        "五年级（1）班中队",
        "六年级（1）班中队",
    ]
    assert squad_names("junior", 3) == [
        "七年级（1）班中队",
        "八年级（1）班中队",
        "九年级（1）班中队",
    ]


def test_seeding_creates_the_rows_the_counts_say(divisions):
    county = division("530102")
    schools = School.objects.bulk_create(
        [
            School(
                county=county, name="甲小学", school_type="primary", squad_count=44, brigade_count=2
            ),
            School(county=county, name="乙中学", school_type="junior", squad_count=6),
            School(
                county=county, name="丙小学", school_type="primary", squad_count=3, brigade_count=0
            ),
        ]
    )

    created = services.brigades_seed_for(schools, history=False)

    assert created == (4, 53)
    assert [counts(s) for s in schools] == [(2, 44), (1, 6), (1, 3)]
    # The younger grades in the first brigade, the older ones in the second
    first, second = Brigade.objects.filter(school=schools[0]).order_by("id")
    assert first.squads.first().name.startswith("一年级")
    assert second.squads.last().name.startswith("六年级")


def test_the_indicators_sum_the_counted_rows(edu_wuhua, divisions):
    SchoolFactory(squad_count=10)
    school = SchoolFactory(squad_count=4)
    services.squad_create(actor=edu_wuhua, brigade=school.brigades.get(), name="新中队")

    figures = organization_indicators(scope=division("530102"), as_of=datetime.date(2018, 12, 31))

    assert (figures["schools"]["brigades"], figures["schools"]["squads"]) == (2, 15)


# Deleting a school -----------------------------------------------------------------------


def test_a_school_entered_by_mistake_goes_with_its_brigades_and_squads(edu_wuhua, school):
    services.school_delete(actor=edu_wuhua, school=school)

    assert not School.objects.exists() and not Squad.objects.exists()
    assert history(school)[-1] == ("-", edu_wuhua)


def test_a_school_with_counselors_cannot_be_deleted(edu_wuhua, school):
    CounselorFactory(school=school)

    with pytest.raises(ValidationError) as excinfo:
        services.school_delete(actor=edu_wuhua, school=school)

    message = excinfo.value.messages[0]
    assert "五华区实验小学" in message and f"{Counselor._meta.verbose_name}（1）" in message
    assert counts(school) == (1, 3)


def test_league_staff_cannot_delete_schools(league_kunming, school):
    with pytest.raises(PermissionDenied):
        services.school_delete(actor=league_kunming, school=school)
    assert School.objects.filter(pk=school.pk).exists()


def test_schools_recorded_before_the_rows_get_them_from_their_counts(divisions):
    migration = importlib.import_module(
        "apps.organizations.migrations.0004_brigade_and_squad_rows_from_counts"
    )
    county = division("530102")
    two, none = School.objects.bulk_create(
        [
            School(
                county=county, name="甲小学", school_type="primary", brigade_count=2, squad_count=5
            ),
            School(
                county=county, name="乙小学", school_type="primary", brigade_count=0, squad_count=2
            ),
        ]
    )

    migration.create_rows(django_apps, None)

    assert [counts(two), counts(none)] == [(2, 5), (1, 2)]
    assert sorted(Squad.objects.filter(brigade__school=two).values_list("name", flat=True)) == [
        "第1中队",
        "第1中队",
        "第2中队",
        "第2中队",
        "第3中队",
    ]


def test_a_new_school_gets_the_units_resizing_an_empty_school_would_give(edu_wuhua, divisions):
    # given one school created with its counts, and one created empty and then resized
    fields = {"county": division("530102"), "school_type": "primary"}
    created = services.school_create(
        actor=edu_wuhua, name="甲小学", brigade_count=2, squad_count=5, **fields
    )
    resized = services.school_create(
        actor=edu_wuhua, name="乙小学", brigade_count=0, squad_count=0, **fields
    )
    services.school_resize(actor=edu_wuhua, school=resized, brigade_count=2, squad_count=5)

    # then both have the same brigades, the same squads in each, and exact counts
    def units(school):
        return sorted(
            Squad.objects.filter(brigade__school=school).values_list("brigade__name", "name")
        )

    assert units(created) == units(resized)
    assert counts(created) == counts(resized) == (2, 5)
    # and every row the new school brought has its history naming the actor
    for model in (Brigade, Squad):
        rows = model.objects.count()
        kept = model.history.filter(history_type="+", history_user=edu_wuhua).count()
        assert kept == rows
