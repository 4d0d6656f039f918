"""An ID number already on record gets one neutral answer, whether the record is in the
actor's own area or in another one, and the attempt goes to the security log."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError

from apps.counselors.models import Counselor
from apps.counselors.services import counselor_create, counselor_update

NEUTRAL = "该身份证号码无法登记，请核对或联系上级管理员。"


def _create(actor, school, id_number):
    return counselor_create(
        actor=actor,
        name="张丽",
        gender="female",
        birth_date=datetime.date(1985, 5, 12),
        id_number=id_number,
        county=school.county,
        school=school,
        post="brigade",
    )


def _form(school, id_number, birth_date):
    return {
        "name": "张丽",
        "gender": "female",
        "ethnicity": "汉族",
        "birth_date": birth_date.isoformat(),
        "id_number": id_number,
        "phone": "",
        "county": school.county_id,
        "school": school.pk,
        "post": "brigade",
        "post_rank": "below",
        "teacher_title": "none",
    }


@pytest.mark.parametrize("holder", ["wuhua_counselor", "yuxi_counselor"])
def test_a_taken_number_gets_one_message_wherever_it_is_registered(
    edu_wuhua, wuhua_school, holder, request, caplog
):
    taken = request.getfixturevalue(holder).id_number

    with (
        caplog.at_level(logging.WARNING, logger="portal.security"),
        pytest.raises(ValidationError) as raised,
    ):
        _create(edu_wuhua, wuhua_school, taken)

    assert raised.value.message_dict == {"id_number": [NEUTRAL]}
    (record,) = [r for r in caplog.records if r.name == "portal.security"]
    assert str(edu_wuhua.pk) in record.getMessage()
    assert taken not in record.getMessage()  # the log keeps the number masked


def test_the_add_page_shows_the_neutral_message_next_to_the_number(
    edu_wuhua, wuhua_school, yuxi_counselor, login, caplog
):
    with caplog.at_level(logging.WARNING, logger="portal.security"):
        response = login(edu_wuhua).post(
            "/counselors/new/",
            _form(wuhua_school, yuxi_counselor.id_number, yuxi_counselor.birth_date),
        )

    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == [NEUTRAL]
    assert "已存在" not in response.content.decode()
    assert Counselor.objects.filter(id_number=yuxi_counselor.id_number).count() == 1
    assert any(r.name == "portal.security" for r in caplog.records)


def test_changing_a_record_to_a_taken_number_gets_the_same_message(
    edu_wuhua, wuhua_counselor, yuxi_counselor
):
    with pytest.raises(ValidationError) as raised:
        counselor_update(
            actor=edu_wuhua, counselor=wuhua_counselor, id_number=yuxi_counselor.id_number
        )

    assert raised.value.message_dict == {"id_number": [NEUTRAL]}


def test_the_admin_answers_a_taken_number_with_the_same_message(
    province_admin, wuhua_school, yuxi_counselor, login
):
    data = {
        **_form(wuhua_school, yuxi_counselor.id_number, yuxi_counselor.birth_date),
        "user": "",
    }

    response = login(province_admin).post("/admin/counselors/counselor/add/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["id_number"] == [NEUTRAL]
    assert Counselor.objects.filter(id_number=yuxi_counselor.id_number).count() == 1
