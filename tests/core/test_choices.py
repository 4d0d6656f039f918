"""Shared choices (apps.core.choices): an area that declares a shared choice with ``same_as``
stores the same value under the same label, in its own order."""

import pytest
from django.db import models
from django.utils import translation

from apps.commendations.choices import NominationStatus
from apps.core.choices import Body, ReviewStatus, same_as
from apps.core.review import ChainLevel
from apps.titles.choices import ApplicationStatus


class Side(models.TextChoices):
    EDUCATION = same_as(Body.EDUCATION)
    LEAGUE = same_as(Body.LEAGUE)


class Chain(ChainLevel, models.TextChoices):
    FIRST = "first", "First"
    SECOND = same_as(Body.OTHER)


def test_a_choice_declared_with_same_as_keeps_the_value_and_the_very_label():
    assert Side.LEAGUE.value == Body.LEAGUE.value == "league"
    assert Side.LEAGUE.label is Body.LEAGUE.label
    with translation.override("zh-hans"):
        assert str(Side.LEAGUE.label) == "共青团委员会"


def test_the_declaring_class_keeps_its_own_order_and_members():
    assert Side.choices == [
        ("education", Body.EDUCATION.label),
        ("league", Body.LEAGUE.label),
    ]
    assert Side("league") is Side.LEAGUE
    assert Side.LEAGUE != Body.EDUCATION


def test_a_review_chain_declared_with_same_as_ranks_in_its_own_order():
    assert Chain.SECOND.rank == 1
    assert Chain.FIRST.next_level is Chain.SECOND
    assert Chain.SECOND.next_level is None


@pytest.mark.parametrize("statuses", [ApplicationStatus, NominationStatus])
def test_the_areas_review_statuses_carry_the_core_names_and_values(statuses):
    # review.advance looks the end of a review up by these names in the area's choices.
    for status in ReviewStatus:
        assert statuses[status.name].value == status.value
