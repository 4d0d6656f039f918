"""People shown the one way the portal shows them: 姓名（单位）, a name and the unit they work for.

Any model that stands for a person (a user, a counselor, a committee member) exposes
``person_name`` and ``person_unit``; pickers, lists and exports call ``person_label``
(or the ``person`` template filter) instead of showing a login name.
"""

from __future__ import annotations

from typing import Any

from django import forms


def person_label(person: Any) -> str:
    """``姓名（单位）``, or the name alone when the unit is unknown; "" for no one."""
    if person is None:
        return ""
    name = getattr(person, "person_name", None) or str(person)
    unit = getattr(person, "person_unit", None)
    return f"{name}（{unit}）" if unit else name


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of one person, each offered as 姓名（单位）."""

    def label_from_instance(self, obj) -> str:
        return person_label(obj)


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several people, each offered as 姓名（单位）."""

    def label_from_instance(self, obj) -> str:
        return person_label(obj)
