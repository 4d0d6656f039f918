"""Helpers for the areas' export columns (``apps/<app>/exports.py``).

Labels are translated when the columns are built, which is once per export and in the
language of whoever asked for it (a background job switches to the requester's language).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext


def choice_labels(choices) -> Callable[[Any], Any]:
    """A transform from a stored value to its translated label, for a TextChoices class or
    a list of (value, label) pairs; a value without a label becomes an empty cell."""
    labels = {value: str(label) for value, label in getattr(choices, "choices", choices)}
    return labels.get


def yes_no() -> Callable[[Any], str]:
    """A transform from a truth value to the translated "Yes" or "No"."""
    yes, no = gettext("Yes"), gettext("No")
    return lambda value: yes if value else no
