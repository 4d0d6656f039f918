from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.inspections import services
from apps.inspections.choices import SchemeStatus
from apps.inspections.models import EvaluationItem, EvaluationScheme
from tests.factories import division

OTHERS = [("党组织建设", Decimal(30)), ("德育工作", Decimal(30)), ("教学管理", Decimal(30))]


def _save(actor, yp_weight, items=OTHERS, **kwargs):
    return services.evaluation_scheme_save(
        actor=actor,
        name="中小学校考核评价方案",
        year=2018,
        division=kwargs.pop("division", division("530000")),
        young_pioneer_weight=yp_weight,
        items=items,
        **kwargs,
    )


def test_it_refuses_a_scheme_where_young_pioneer_work_weighs_under_10_percent(edu_province):
    # 9.9 of 99.9 is 9.9%
    with pytest.raises(ValidationError) as raised:
        _save(edu_province, Decimal("9.9"))

    assert set(raised.value.message_dict) == {"young_pioneer_weight"}
    assert not EvaluationScheme.objects.exists()


def test_it_accepts_exactly_10_percent(edu_province):
    scheme = _save(edu_province, Decimal(10))

    items = list(scheme.items.values_list("name", "weight", "is_young_pioneer_work"))
    assert items[0][1:] == (Decimal(10), True)
    assert [name for name, _w, _yp in items[1:]] == [name for name, _w in OTHERS]
    assert sum(weight for _n, weight, _yp in items) == Decimal(100)


def test_activation_checks_the_share_again(edu_province):
    scheme = _save(edu_province, Decimal(10))
    # an item grown behind the service's back
    EvaluationItem.objects.filter(scheme=scheme, name="教学管理").update(weight=Decimal(60))

    with pytest.raises(ValidationError) as raised:
        services.evaluation_scheme_activate(actor=edu_province, scheme=scheme)

    assert set(raised.value.message_dict) == {"young_pioneer_weight"}
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.DRAFT


def test_a_valid_scheme_is_put_in_force(edu_province):
    scheme = services.evaluation_scheme_activate(
        actor=edu_province, scheme=_save(edu_province, Decimal(15))
    )

    assert scheme.status == SchemeStatus.ACTIVE
    assert scheme.activated_at is not None


def test_editing_a_scheme_below_10_percent_keeps_the_old_items(edu_province):
    scheme = _save(edu_province, Decimal(10))

    with pytest.raises(ValidationError):
        _save(edu_province, Decimal(5), scheme=scheme)

    assert scheme.items.get(is_young_pioneer_work=True).weight == Decimal(10)


def test_a_prefecture_cannot_issue_a_scheme_for_the_province(edu_kunming):
    with pytest.raises(PermissionDenied):
        _save(edu_kunming, Decimal(10))


def test_the_scheme_form_shows_the_error_next_to_the_young_pioneer_weight(edu_province, login):
    client = login(edu_province)
    data = {
        "name": "考核方案",
        "year": "2018",
        "division": "530000",
        "description": "",
        "young_pioneer_weight": "5",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "30",
        "items-0-name": "党组织建设",
        "items-0-weight": "50",
        "items-1-name": "德育工作",
        "items-1-weight": "45",
        "items-2-name": "",
        "items-2-weight": "",
    }

    response = client.post("/inspections/schemes/new/", data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"young_pioneer_weight"}
    assert not EvaluationScheme.objects.exists()

    data["young_pioneer_weight"] = "11"  # 11 of 106 is 10.4%
    response = client.post("/inspections/schemes/new/", data)
    assert response.status_code == 302
    scheme = EvaluationScheme.objects.get()
    assert scheme.items.count() == 3


def test_schemes_issued_above_apply_and_are_visible_below(edu_province, edu_wuhua, edu_yuxi, login):
    province = _save(edu_province, Decimal(10))
    yuxi = _save(edu_yuxi, Decimal(10), division=division("530400"))

    visible = {s.pk for s in login(edu_wuhua).get("/inspections/schemes/").context["page"]}

    assert visible == {province.pk}
    assert login(edu_wuhua).get(f"/inspections/schemes/{yuxi.pk}/").status_code == 404
    # a county can read the provincial scheme but not edit it
    assert login(edu_wuhua).get(f"/inspections/schemes/{province.pk}/").status_code == 200
    assert login(edu_wuhua).get(f"/inspections/schemes/{province.pk}/edit/").status_code == 404
