"""The counselor services check the actor's right themselves, whoever calls them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.core.history import history_of
from apps.core.people import person_label
from apps.core.versioning import StaleEditError
from apps.counselors.choices import PostRank
from apps.counselors.models import Counselor
from apps.counselors.services import (
    counselor_create,
    counselor_delete,
    counselor_link_user,
    counselor_update,
)
from tests.factories import UserFactory, division
from tests.factories.counselors import AttendanceFactory, CounselorFactory


def test_it_refuses_to_create_a_record_for_an_actor_who_may_only_read(league_kunming, wuhua_school):
    with pytest.raises(PermissionDenied):
        counselor_create(
            actor=league_kunming,
            name="张丽",
            gender="female",
            birth_date=datetime.date(1985, 5, 12),
            id_number="530102198505120025",
            county=division("530102"),
            school=wuhua_school,
            post="brigade",
        )

    assert not Counselor.objects.filter(name="张丽").exists()


def test_it_refuses_changes_by_an_actor_who_may_only_read(league_kunming, wuhua_counselor):
    name = wuhua_counselor.name

    with pytest.raises(PermissionDenied):
        counselor_update(actor=league_kunming, counselor=wuhua_counselor, name="冒名")
    with pytest.raises(PermissionDenied):
        counselor_link_user(actor=league_kunming, counselor=wuhua_counselor, user=None)

    wuhua_counselor.refresh_from_db()
    assert wuhua_counselor.name == name


# Versions and history ------------------------------------------------------------------------


def test_an_edit_over_a_newer_change_is_refused_and_writes_nothing(edu_wuhua, wuhua_counselor):
    # given someone changed the record after the actor loaded it at version 1
    seen = wuhua_counselor.version
    counselor_update(actor=edu_wuhua, counselor=wuhua_counselor, phone="13900000001")

    # when the actor saves what they saw
    with pytest.raises(StaleEditError):
        counselor_update(actor=edu_wuhua, counselor=wuhua_counselor, seen_version=seen, name="改名")

    # then the newer change stands and nothing of theirs is written
    wuhua_counselor.refresh_from_db()
    assert (wuhua_counselor.name, wuhua_counselor.phone) == ("张丽", "13900000001")
    assert wuhua_counselor.version == seen + 1


def test_every_change_is_kept_with_who_made_it(edu_wuhua, wuhua_counselor):
    counselor_update(
        actor=edu_wuhua,
        counselor=wuhua_counselor,
        seen_version=wuhua_counselor.version,
        post_rank=PostRank.ABOVE,
    )

    latest = history_of(wuhua_counselor)[0]
    assert latest.who == person_label(edu_wuhua)
    assert [(str(c.old), str(c.new)) for c in latest.changes] == [
        (str(PostRank.MIDDLE.label), str(PostRank.ABOVE.label))
    ]


def test_a_counselor_is_shown_with_their_school_or_county(wuhua_counselor, divisions):
    chief = CounselorFactory(county_chief=True, county=division("530103"), name="钱芳")

    assert person_label(wuhua_counselor) == "张丽（五华区测试小学）"
    assert person_label(chief) == "钱芳（盘龙区）"


# Deletion ------------------------------------------------------------------------------------


def test_a_record_entered_by_mistake_is_deleted_with_a_last_history_row(
    province_admin, wuhua_counselor
):
    pk = wuhua_counselor.pk

    counselor_delete(actor=province_admin, counselor=wuhua_counselor)

    assert not Counselor.objects.filter(pk=pk).exists()
    last = Counselor.history.filter(id=pk).order_by("-history_date").first()
    assert (last.history_type, last.history_user) == ("-", province_admin)


def test_deleting_needs_the_right_and_the_scope(edu_wuhua, wuhua_counselor, divisions):
    yuxi_admin = UserFactory(role=Role.PROVINCIAL_ADMIN, division=division("530400"))

    for actor in (edu_wuhua, yuxi_admin):
        with pytest.raises(PermissionDenied):
            counselor_delete(actor=actor, counselor=wuhua_counselor)

    assert Counselor.objects.filter(pk=wuhua_counselor.pk).exists()


def test_a_counselor_other_records_refer_to_is_not_deleted(province_admin, wuhua_counselor):
    AttendanceFactory(counselor=wuhua_counselor)

    with pytest.raises(ValidationError) as refused:
        counselor_delete(actor=province_admin, counselor=wuhua_counselor)

    assert refused.value.code == "protected"
    assert "张丽" in refused.value.messages[0]
    assert Counselor.objects.filter(pk=wuhua_counselor.pk).exists()
