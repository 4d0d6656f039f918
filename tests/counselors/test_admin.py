"""The counselor admin keeps ID numbers and phones masked, its URL filters included."""

import pytest

from apps.core.versioning import STALE_MESSAGE
from apps.counselors.models import Counselor
from apps.counselors.services import counselor_update
from tests.counselors.conftest import edit_data
from tests.factories.counselors import AttendanceFactory

COUNSELORS = "/admin/counselors/counselor/"


@pytest.mark.parametrize(
    "lookup", ["id_number__startswith", "id_number__contains", "phone__startswith", "phone"]
)
def test_it_refuses_to_filter_the_list_by_a_masked_field(login, edu_wuhua, wuhua_counselor, lookup):
    field = lookup.split("__")[0]
    prefix = getattr(wuhua_counselor, field)[:10]

    response = login(edu_wuhua).get(COUNSELORS, {lookup: prefix})

    assert response.status_code == 400


def test_the_provincial_administrator_may_still_filter_by_id_number(
    login, province_admin, wuhua_counselor
):
    response = login(province_admin).get(
        COUNSELORS, {"id_number__startswith": wuhua_counselor.id_number[:10]}
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wuhua_counselor]


def test_the_list_still_filters_by_its_own_filters(login, edu_wuhua, wuhua_counselor):
    response = login(edu_wuhua).get(COUNSELORS, {"post__exact": wuhua_counselor.post})

    assert response.status_code == 200
    assert wuhua_counselor in response.context["cl"].result_list


def test_an_admin_save_over_a_newer_change_is_refused(login, edu_wuhua, wuhua_counselor):
    data = edit_data(wuhua_counselor, user="")
    counselor_update(actor=edu_wuhua, counselor=wuhua_counselor, teacher_title="first")

    response = login(edu_wuhua).post(f"{COUNSELORS}{wuhua_counselor.pk}/change/", data)

    assert response.status_code == 200
    assert str(STALE_MESSAGE) in str(response.context["adminform"].form.non_field_errors())
    wuhua_counselor.refresh_from_db()
    assert (wuhua_counselor.name, wuhua_counselor.teacher_title) == ("张丽", "first")


def test_an_admin_edit_goes_through_the_service_and_raises_the_version(
    login, edu_wuhua, wuhua_counselor
):
    version = wuhua_counselor.version

    response = login(edu_wuhua).post(
        f"{COUNSELORS}{wuhua_counselor.pk}/change/", edit_data(wuhua_counselor, user="")
    )

    assert response.status_code == 302
    wuhua_counselor.refresh_from_db()
    assert (wuhua_counselor.name, wuhua_counselor.version) == ("张丽新", version + 1)
    assert wuhua_counselor.history.first().history_user == edu_wuhua


def test_the_admin_deletes_through_the_service(login, province_admin, wuhua_counselor):
    response = login(province_admin).post(
        f"{COUNSELORS}{wuhua_counselor.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Counselor.objects.filter(pk=wuhua_counselor.pk).exists()
    last = Counselor.history.filter(id=wuhua_counselor.pk).first()
    assert (last.history_type, last.history_user) == ("-", province_admin)


def _bulk_delete(client, *counselors):
    return client.post(
        COUNSELORS,
        {
            "action": "delete_selected",
            "_selected_action": [counselor.pk for counselor in counselors],
            "post": "yes",
        },
    )


def test_the_admin_bulk_delete_goes_through_the_service_for_each_record(
    login, province_admin, wuhua_counselor, panlong_counselor
):
    _bulk_delete(login(province_admin), wuhua_counselor, panlong_counselor)

    assert not Counselor.objects.exists()
    deletions = Counselor.history.filter(history_type="-")
    assert {(h.id, h.history_user) for h in deletions} == {
        (wuhua_counselor.pk, province_admin),
        (panlong_counselor.pk, province_admin),
    }


def test_the_admin_deletes_nothing_when_a_record_is_still_referred_to(
    login, province_admin, wuhua_counselor, panlong_counselor
):
    AttendanceFactory(counselor=wuhua_counselor)

    _bulk_delete(login(province_admin), wuhua_counselor, panlong_counselor)

    assert Counselor.objects.count() == 2


def test_education_staff_may_not_delete_counselors(login, edu_wuhua, wuhua_counselor):
    response = login(edu_wuhua).post(f"{COUNSELORS}{wuhua_counselor.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Counselor.objects.filter(pk=wuhua_counselor.pk).exists()
