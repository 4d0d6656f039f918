"""The shared yes/no filter: 不限 for "either", and it filters both ways."""

import django_filters
import pytest
from django.utils import translation

from apps.core.filters import YesNoFilter
from apps.organizations.models import School
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
