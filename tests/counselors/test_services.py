"""The counselor services check the actor's right themselves, whoever calls them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from apps.counselors.models import Counselor
from apps.counselors.services import counselor_create, counselor_link_user, counselor_update
from tests.factories import division


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
