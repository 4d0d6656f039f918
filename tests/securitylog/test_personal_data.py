"""Personal data shown unmasked is in the security log: who saw which records (never the
data itself); a masked page records nothing."""

from django.urls import reverse

from apps.core.history import history_of
from apps.core.security import SecurityKind
from apps.counselors.services import counselor_update
from tests.securitylog.conftest import events


def _detail(counselor):
    return reverse("counselors:counselor-detail", args=[counselor.pk])


def test_a_permitted_viewer_of_full_id_numbers_is_recorded(login, province_admin, wuhua_counselor):
    response = login(province_admin).get(_detail(wuhua_counselor))

    assert wuhua_counselor.id_number in response.content.decode()
    (event,) = events(SecurityKind.PERSONAL_DATA)
    assert event.user == province_admin
    assert event.path == _detail(wuhua_counselor)
    assert event.details["records"] == {"counselors.counselor": [wuhua_counselor.pk]}
    assert event.details["count"] == 1
    assert "id_number" in event.details["fields"]
    assert wuhua_counselor.id_number not in str(event.details)
    assert wuhua_counselor.phone not in str(event.details)


def test_a_list_page_records_one_event_naming_every_record_shown(
    login, province_admin, wuhua_counselor, yuxi_counselor
):
    login(province_admin).get(reverse("counselors:counselor-list"))

    (event,) = events(SecurityKind.PERSONAL_DATA)
    assert event.details["records"] == {
        "counselors.counselor": sorted([wuhua_counselor.pk, yuxi_counselor.pk])
    }
    assert event.details["count"] == 2


def test_the_edit_form_holding_full_values_is_recorded(login, province_admin, wuhua_counselor):
    url = reverse("counselors:counselor-update", args=[wuhua_counselor.pk])

    assert login(province_admin).get(url).status_code == 200

    (event,) = events(SecurityKind.PERSONAL_DATA)
    assert event.details["records"] == {"counselors.counselor": [wuhua_counselor.pk]}


def test_a_masked_view_records_nothing(login, edu_wuhua, wuhua_counselor):
    response = login(edu_wuhua).get(_detail(wuhua_counselor))

    assert response.status_code == 200
    assert wuhua_counselor.id_number not in response.content.decode()
    assert not events(SecurityKind.PERSONAL_DATA)


def test_a_counselor_reading_their_own_record_is_not_recorded(login, me, wuhua_counselor):
    response = login(me).get(reverse("counselors:counselor-me"))

    assert response.status_code == 200
    assert not events(SecurityKind.PERSONAL_DATA)


def test_a_history_showing_a_phone_change_in_full_is_recorded(province_admin, wuhua_counselor):
    old_phone = wuhua_counselor.phone
    counselor_update(actor=province_admin, counselor=wuhua_counselor, phone="13900001111")

    entries = history_of(wuhua_counselor, viewer=province_admin)

    assert any(change.old == old_phone for entry in entries for change in entry.changes)
    (event,) = events(SecurityKind.PERSONAL_DATA)
    assert event.user == province_admin
    assert event.details["records"] == {"counselors.counselor": [wuhua_counselor.pk]}
    assert event.details["fields"] == ["phone"]
