import datetime

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric

from apps.counselors.masking import mask_id_number, mask_phone
from apps.counselors.validators import (
    build_id_number,
    id_birth_date,
    normalize_id_number,
    validate_id_number,
    validate_phone,
)
from tests.factories import division
from tests.factories.counselors import CounselorFactory, make_id_number

# The worked example of GB 11643-1999 (Beijing, 1949-12-31): its check character is X.
STANDARD_EXAMPLE = "11010519491231002X"


def codes(value):
    with pytest.raises(ValidationError) as info:
        validate_id_number(value)
    return {error.code for error in info.value.error_list}


def test_it_accepts_the_standard_worked_example_with_its_x_check_character():
    validate_id_number(STANDARD_EXAMPLE)
    assert STANDARD_EXAMPLE.endswith("X")


def test_it_accepts_a_generated_yunnan_number():
    number = make_id_number("530102", datetime.date(1988, 2, 29), 17)
    validate_id_number(number)
    assert id_birth_date(number) == datetime.date(1988, 2, 29)


def test_a_lower_case_x_is_normalised_before_validation():
    assert normalize_id_number(" 11010519491231002x ") == STANDARD_EXAMPLE


def test_it_refuses_a_wrong_check_digit():
    number = make_id_number("530102", datetime.date(1985, 5, 12), 3)
    wrong = "0" if number[-1] != "0" else "1"
    assert codes(number[:-1] + wrong) == {"id_check_digit"}


@pytest.mark.parametrize("birth", ["19850230", "19851301", "18890101", "20990101"])
def test_it_refuses_an_impossible_birth_date(birth):
    first17 = f"530102{birth}001"
    assert codes(first17 + ric.calc_check_digit(first17 + "0")) == {"id_birth_date"}


@pytest.mark.parametrize("value", ["", "5301021985051200", "5301021985051200123", "53010219850512"])
def test_it_refuses_a_wrong_length(value):
    assert codes(value) == {"id_length"}


def test_it_refuses_letters_and_an_unknown_region():
    assert codes("5301021985051A0012") == {"id_characters"}
    first17 = "99010219850512001"
    assert codes(first17 + ric.calc_check_digit(first17 + "0")) == {"id_region"}


def test_it_refuses_a_county_code_that_did_not_exist_in_the_birth_year():
    # 呈贡区 (530114) was made a district in 2011: nobody born in 1985 was registered there.
    first17 = "53011419850512002"
    assert codes(first17 + ric.calc_check_digit(first17 + "0")) == {"id_region"}


def test_the_builder_falls_back_to_a_code_that_existed_in_the_birth_year():
    number = build_id_number(region="530114", birth=datetime.date(1985, 5, 12), sequence=2)

    validate_id_number(number)
    assert number.startswith("5301")
    assert number[6:14] == "19850512"
    assert number[14:17] == "002"
    assert build_id_number(region="530102", birth=datetime.date(1990, 1, 1), sequence=3)[:6] == (
        "530102"
    )


def test_the_record_refuses_an_id_number_whose_birth_date_differs(divisions):
    counselor = CounselorFactory.build(
        school=None,
        county_chief=True,
        county=division("530102"),
        birth_date=datetime.date(1980, 1, 1),
        id_number=make_id_number("530102", datetime.date(1981, 1, 1)),
    )
    with pytest.raises(ValidationError) as info:
        counselor.full_clean()
    assert "id_number" in info.value.message_dict


def test_masks_show_only_the_first_and_last_digits():
    assert mask_id_number("530102198505120013") == "5301**********0013"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_id_number("") == ""


@pytest.mark.parametrize("phone", ["13812345678", "0871-65123456", "087165123456"])
def test_it_accepts_mobile_and_landline_numbers(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "1381234567", "23812345678", "138-1234-5678"])
def test_it_refuses_malformed_phones(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)
