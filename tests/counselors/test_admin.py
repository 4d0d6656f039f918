"""The counselor admin keeps ID numbers and phones masked, its URL filters included."""

import pytest

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
