"""Counselors in and out of the personas' scopes: Wuhua (530102), Panlong (530103), Yuxi."""

import pytest

from tests.factories import SchoolFactory, division
from tests.factories.counselors import CounselorFactory, counselor_user


@pytest.fixture
def wuhua_school(divisions):
    return SchoolFactory(name="五华区测试小学", county=division("530102"))


@pytest.fixture
def panlong_school(divisions):
    return SchoolFactory(name="盘龙区测试小学", county=division("530103"))


@pytest.fixture
def yuxi_school(divisions):
    return SchoolFactory(name="红塔区测试小学", county=division("530402"))


@pytest.fixture
def wuhua_counselor(wuhua_school):
    return CounselorFactory(school=wuhua_school, name="张丽")


@pytest.fixture
def panlong_counselor(panlong_school):
    return CounselorFactory(school=panlong_school, name="李芳")


@pytest.fixture
def yuxi_counselor(yuxi_school):
    return CounselorFactory(school=yuxi_school, name="王梅")


@pytest.fixture
def me(wuhua_counselor):
    """The signed-in counselor's own account, linked to ``wuhua_counselor``."""
    return counselor_user(wuhua_counselor)


def edit_data(counselor, **overrides):
    """The POST data of the counselor's edit form, portal or admin (which also wants
    ``user``): renamed 张丽新, birth date, ID number and phone left blank, and ``overrides``."""
    return {
        "name": "张丽新",
        "gender": counselor.gender,
        "ethnicity": counselor.ethnicity,
        "birth_date": "",
        "id_number": "",
        "phone": "",
        "county": counselor.county_id,
        "school": counselor.school_id,
        "post": counselor.post,
        "post_rank": counselor.post_rank,
        "teacher_title": counselor.teacher_title,
        "version": counselor.version,
        **overrides,
    }
