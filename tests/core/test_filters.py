"""The shared filters: the yes/no filter (不限 for "either", both ways), named choices, and
choices shared by every form instead of copied."""

import copy

import django_filters
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.core.filters import FixedChoices, NamedChoiceFilter, YesNoFilter, fixed_choices
from apps.organizations.models import Division, School
from tests.factories import SchoolFactory


class PilotFilter(django_filters.FilterSet):
    is_transition_pilot = YesNoFilter()

    class Meta:
        model = School
        fields = ["is_transition_pilot"]


def test_the_empty_choice_reads_any_not_unknown():
    with translation.override("zh-hans"):
        html = str(PilotFilter().form["is_transition_pilot"])

    assert '<option value="" selected>不限</option>' in html
    assert "未知" not in html


@pytest.mark.django_db
def test_it_filters_yes_no_and_either(divisions):
    pilot = SchoolFactory(is_transition_pilot=True)
    other = SchoolFactory(is_transition_pilot=False)

    def names(value):
        rows = PilotFilter({"is_transition_pilot": value}, queryset=School.objects.all()).qs
        return set(rows)

    assert names("true") == {pilot}
    assert names("false") == {other}
    assert names("") == {pilot, other}


@pytest.mark.django_db
def test_a_named_choice_offers_each_row_by_name_without_building_the_rows(divisions):
    class Counties(django_filters.FilterSet):
        county = NamedChoiceFilter(
            queryset=Division.objects.filter(parent_id="530100").order_by("code"),
            field_name="code",
            empty_label="不限",
        )

    form = Counties(data={"county": "530102"}, queryset=Division.objects.all()).form
    with CaptureQueriesContext(connection) as queries:
        choices = list(iter(form.fields["county"].choices))

    assert choices[0] == ("", "不限")
    assert [(str(value), label) for value, label in choices[1:3]] == [
        ("530102", "五华区"),
        ("530103", "盘龙区"),
    ]
    # the options are read as (code, name) pairs, not as rows
    (query,) = queries
    assert '"name"' in query["sql"] and '"level"' not in query["sql"]
    # and a chosen option is still read and checked as a row of the queryset
    assert form.is_valid() and form.cleaned_data["county"] == Division.objects.get(pk="530102")
    assert "530102" in str(form["county"]) and "selected" in str(form["county"])


class CountyFilter(django_filters.FilterSet):
    county = django_filters.ChoiceFilter(empty_label="全部")
    school_type = django_filters.ChoiceFilter(choices=lambda: [("primary", "小学")])

    class Meta:
        model = School
        fields = ["county", "school_type"]

    def __init__(self, *args, grouped, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["county"].extra["choices"] = grouped


GROUPED = [
    ("昆明市", [("530102", "五华区"), ("530103", "盘龙区")]),
    ("玉溪市", [("530402", "红塔区")]),
]


def test_fixed_choices_are_shared_by_every_form_not_copied():
    one = fixed_choices(CountyFilter({"county": "530402"}, grouped=GROUPED))
    two = fixed_choices(CountyFilter({"county": "530102"}, grouped=GROUPED))

    shared = one.form.fields["county"].choices.choices
    assert isinstance(shared, FixedChoices)
    assert shared is one.filters["county"].extra["choices"]  # the form copied nothing
    assert shared.choices is GROUPED
    assert two.form.fields["county"].choices.choices.choices is GROUPED
    assert copy.deepcopy(shared) is shared
    # a callable stays a callable, evaluated as django-filter does
    assert not isinstance(one.filters["school_type"].extra["choices"], FixedChoices)


def test_fixed_choices_validate_and_render_as_the_list_would():
    def form(data, wrap):
        filterset = CountyFilter(data, grouped=GROUPED)
        return (fixed_choices(filterset) if wrap else filterset).form

    for wrap in (True, False):
        assert form({"county": "530402"}, wrap).is_valid()
        assert not form({"county": "530421"}, wrap).is_valid()  # not offered: refused
    assert str(form({}, True)["county"]) == str(form({}, False)["county"])
    assert '<optgroup label="玉溪市">' in str(form({}, True)["county"])
