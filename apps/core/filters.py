"""Filter pieces every list shares, and the bounds that keep hostile query values harmless.

A list's query string is whatever a visitor types. django-filter turns a value its form field
cannot read into a form error (the filter is ignored and the error shown next to it), but a
number it can read may still be one the database or Python's dates cannot take: ``?year=-1``
or ``?year=99999999999999999999`` on a year lookup raises while the query is built. ``bounded``
gives every number filter the range its lookup and column can hold, so such a value is a form
error too; the list views (apps/core/views.py) bound every FilterSet they show.
"""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models.constants import LOOKUP_SEP
from django.forms.models import ModelChoiceIteratorValue
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

# The years Python's dates hold: a year lookup turns the value into the bounds of that year.
YEAR_RANGE = (1, 9999)
_DATE_PARTS = {"year", "iso_year"}


class _NamedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A model choice field's options read as (id, name) pairs: a list's filter form offers
    hundreds (a county's schools), and building a model row for each cost more than the
    query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for pk, label in self.queryset.values_list("pk", self.field.label_field):
            yield (ModelChoiceIteratorValue(pk, None), label)


class _NamedModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = _NamedChoiceIterator

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of one row, each option labelled by the row's ``label_field`` ("name") as
    its own ``str()`` would be: the options are read without building the rows."""

    field_class = _NamedModelChoiceField


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads 不限 ("any"), not django-filter's 未知."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
        )
        super().__init__(*args, **kwargs)


def _model_field(model, path: str) -> tuple[models.Field | None, str | None]:
    """The field ``path`` ends in and the date part (year...) it extracts, if any."""
    field, part = None, None
    for name in path.split(LOOKUP_SEP):
        if field is not None and name in _DATE_PARTS:
            part = name
            continue
        if model is None:
            return field, part
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return field, part
        model = field.related_model if field.is_relation else None
        if field.is_relation and field.target_field is not None:
            field = field.target_field if model is None else field
    if field is not None and field.is_relation:
        field = field.target_field
    return field, part


def _range(model, filter_: django_filters.Filter) -> tuple[int, int] | None:
    """The values a number filter's lookup can take, or None when any number will do."""
    path = LOOKUP_SEP.join(p for p in (filter_.field_name, filter_.lookup_expr) if p)
    field, part = _model_field(model, path)
    if part is not None:
        return YEAR_RANGE
    if isinstance(field, models.IntegerField):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return low, high
    if isinstance(field, models.DecimalField) and field.max_digits is not None:
        limit = 10 ** (field.max_digits - (field.decimal_places or 0))
        return -limit, limit
    if field is None and filter_.field_name.split(LOOKUP_SEP)[-1] in _DATE_PARTS:
        return YEAR_RANGE
    return None


class FixedChoices(BaseChoiceIterator):
    """A choice filter's choices, pairs or groups of pairs, that no one changes: a form
    deep-copies its fields' choices whenever it is made, that is on every request, and the
    county choices alone (129 counties under 16 prefectures) were some seven hundred copies
    a page. These are shared instead."""

    def __init__(self, choices: list | tuple):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def fixed_choices[F: django_filters.FilterSet](filterset: F) -> F:
    """Hand each choice filter of ``filterset`` whose choices are a list its choices as
    ``FixedChoices``, before its form is made (a callable or an enum stays as it is)."""
    for filter_ in filterset.filters.values():
        choices = filter_.extra.get("choices")
        if isinstance(choices, list | tuple):
            filter_.extra["choices"] = FixedChoices(choices)
    return filterset


def bounded[F: django_filters.FilterSet](filterset: F) -> F:
    """Give each number filter of ``filterset`` the range of values its lookup and column can
    hold; a value outside it is a form error, so the filter is ignored and the page says why,
    instead of the query failing. Safe to call whether or not the form was built yet."""
    model = filterset.queryset.model
    form = filterset.__dict__.get("_form")
    for name, filter_ in filterset.filters.items():
        if not isinstance(filter_, django_filters.NumberFilter):
            continue
        bounds = _range(model, filter_)
        if bounds is None:
            continue
        validators = [MinValueValidator(bounds[0]), MaxValueValidator(bounds[1])]
        fields = [filter_.field]
        if form is not None and name in form.fields:
            fields.append(form.fields[name])
        for field in fields:
            field.validators = [*field.validators, *validators]
    return filterset
