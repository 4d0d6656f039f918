"""Setting up rounds and categories: provincial staff only, through the services the admin
calls; a quota never drops below what was already approved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.commendations.services import rounds


def _values():
    day = datetime.date(2026, 3, 1)
    return {
        "year": 2026,
        "title": "2026年度云南省优秀少先队员表彰",
        "running_bodies": "共青团云南省委 云南省教育厅 云南省少工委",
        "basis": "《通知》",
        "selection_mode": "competitive",
        "ratio": "1.20",
        "nominations_open_on": day,
        "nominations_close_on": day + datetime.timedelta(days=30),
        "review_until": day + datetime.timedelta(days=60),
        "notice_planned_on": day + datetime.timedelta(days=61),
        "final_planned_on": day + datetime.timedelta(days=80),
        "office": "云南省少工委办公室",
        "contact_name": "欧阳晓岚",
        "contact_phone": "0871-65141234",
        "contact_email": "sgw@ynyouth.example.cn",
    }


def test_provincial_staff_set_up_a_round_and_county_staff_cannot(edu_province, edu_wuhua):
    round_ = rounds.round_create(actor=edu_province, values=_values())
    category = rounds.category_create(
        actor=edu_province,
        round=round_,
        values={"code": "pupils", "name": "优秀少先队员", "nominee_kind": "child", "quota": 10},
    )
    assert category.round == round_ and round_.history.count() == 1
    with pytest.raises(PermissionDenied):
        rounds.round_create(actor=edu_wuhua, values=_values())


def test_a_quota_never_drops_below_the_approved(children, nominate, approve_all, edu_province):
    approve_all(nominate(children))
    approve_all(nominate(children))
    with pytest.raises(ValidationError):
        rounds.category_update(actor=edu_province, category=children, values={"quota": 1})
    rounds.category_update(actor=edu_province, category=children, values={"quota": 2})
