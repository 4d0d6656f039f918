"""Keyset (seek) pagination: a page starts after the last row seen, not at an offset.

With OFFSET the database walks every row before the page, so a deep page of a long list is
as slow as reading the whole list. A keyset page starts from the boundary row's ordering
values with a row comparison that the ordering's index answers directly, so page 4,000 costs
what page 1 costs. ``KeysetPaginator`` works for any queryset whose ordering is a unique
tuple of non-NULL fields ending in a unique field (usually the primary key).

A page is addressed by an opaque cursor in the ``cursor`` query parameter: none for the first
page, ``last`` for the last one, otherwise the direction and the boundary row's values. A
cursor that cannot be read (edited by hand, truncated, from an old ordering) gives the first
page; it never reaches the database as anything but typed, validated parameters.
"""

from __future__ import annotations

import base64
import binascii
import json
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models
from django.db.models import F, Q, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.lookups import GreaterThan, LessThan

from apps.core import freshness

CURSOR_PARAM = "cursor"
LAST = "last"
_AFTER, _BEFORE = "a", "b"
# Generous for any real ordering tuple; longer input is not worth decoding.
_MAX_CURSOR_LENGTH = 2000


class _Row(models.Func):
    """A row value ``(a, b, c)``; SQL compares rows left to right, as an index is ordered."""

    function = ""
    output_field = models.Field()


@dataclass(frozen=True)
class _Key:
    """One element of the ordering: its lookup path, direction and the field it ends in."""

    path: str
    descending: bool
    field: models.Field
    attrs: tuple[str, ...]

    @classmethod
    def resolve(cls, model: type[models.Model], name: str) -> _Key:
        descending = name.startswith("-")
        path = name.removeprefix("-")
        if not path or path.startswith("?") or "." in path:
            raise ImproperlyConfigured(f"Keyset ordering needs plain field names, not {name!r}.")
        current, attrs, field_ = model, [], None
        for part in path.split(LOOKUP_SEP):
            if current is None:
                raise ImproperlyConfigured(f"{path!r} goes past a field that is not a relation.")
            try:
                field_ = current._meta.get_field(part)
            except FieldDoesNotExist as exc:
                raise ImproperlyConfigured(f"Unknown ordering field {path!r}.") from exc
            if field_.null:
                # NULLs do not compare, so a keyset over a nullable column loses rows.
                raise ImproperlyConfigured(f"Keyset ordering field {path!r} may be NULL.")
            if getattr(field_, "many_to_many", False) or getattr(field_, "one_to_many", False):
                raise ImproperlyConfigured(f"{path!r} is not a single value per row.")
            attrs.append(part)
            current = field_.related_model if field_.is_relation and part == field_.name else None
        if current is not None:
            # Ordering by "county" means the related model's own ordering, which the keyset
            # cannot follow; "county_id" orders by the stored key.
            raise ImproperlyConfigured(f"Order by {field_.attname!r}, not by {path!r}.")
        return cls(path=path, descending=descending, field=field_, attrs=tuple(attrs))

    @property
    def value_field(self) -> models.Field:
        """The field whose type the stored values have (a foreign key's target)."""
        return self.field.target_field if self.field.is_relation else self.field

    def value_of(self, obj: models.Model) -> Any:
        for attr in self.attrs:
            obj = getattr(obj, attr)
        return obj

    def parse(self, raw: Any) -> Any:
        value_field = self.value_field
        value = value_field.to_python(raw)
        if value is None:
            raise ValidationError("NULL in a cursor")
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError("NUL character in a cursor")
        value_field.run_validators(value)
        return value


@dataclass
class KeysetPage:
    """One page of rows and the cursors around it."""

    object_list: list
    count: int
    per_page: int
    has_previous: bool
    has_next: bool
    previous_cursor: str | None = None
    next_cursor: str | None = None
    last_cursor: str = field(default=LAST)

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


class KeysetPaginator:
    """Pages of ``queryset`` in the unique order ``ordering`` (default: the queryset's own).

    Each page costs two queries whatever its depth: the total count and the page itself
    (stepping back onto a short first page costs one more). The count is kept until a
    write (``freshness.cached_count``): a province-wide total scans every row. A caller
    that can name the rows (``count_key``: the viewer and the parameters, say) spares
    compiling the count's SQL just to name it.
    """

    def __init__(
        self,
        queryset: models.QuerySet,
        *,
        per_page: int,
        ordering: Sequence[str] | None = None,
        count_key: str | None = None,
    ):
        if per_page < 1:
            raise ImproperlyConfigured("per_page must be at least 1.")
        model = queryset.model
        ordering = tuple(ordering or queryset.query.order_by or model._meta.ordering)
        if not ordering:
            raise ImproperlyConfigured(f"{model.__name__} list has no ordering to page by.")
        self.keys = [_Key.resolve(model, name) for name in ordering]
        last = self.keys[-1]
        if LOOKUP_SEP in last.path or not last.field.unique:
            raise ImproperlyConfigured(
                "A keyset ordering must end in a unique field of the model (e.g. its id)."
            )
        self.per_page = per_page
        self.count_key = count_key
        self.queryset = queryset.order_by(*ordering)
        self._reversed = queryset.order_by(
            *(f"{'' if key.descending else '-'}{key.path}" for key in self.keys)
        )

    def page(self, cursor: str | None) -> KeysetPage:
        """The page ``cursor`` points at; the first page for no cursor or an unreadable one."""
        count = freshness.cached_count(self.queryset, name=self.count_key)
        if cursor == LAST:
            return self._last_page(count)
        decoded = self._decode(cursor) if cursor else None
        if decoded is None:
            return self._first_page(count)
        direction, values = decoded
        if direction == _AFTER:
            after = self.queryset.filter(self._beyond(values, forward=True))
            rows = list(after[: self.per_page + 1])
            if not rows:
                # The boundary row was the last one, or later rows went away meanwhile.
                return self._last_page(count)
            return self._make(rows[: self.per_page], count, len(rows) > self.per_page, True)
        before = self._reversed.filter(self._beyond(values, forward=False))
        rows = list(before[: self.per_page + 1])
        if len(rows) < self.per_page:
            # Fewer rows before the boundary than a page: show a full first page instead.
            return self._first_page(count)
        rows.reverse()
        has_previous = len(rows) > self.per_page
        return self._make(rows[-self.per_page :], count, True, has_previous=has_previous)

    def _first_page(self, count: int) -> KeysetPage:
        rows = list(self.queryset[: self.per_page + 1])
        return self._make(rows[: self.per_page], count, len(rows) > self.per_page, False)

    def _last_page(self, count: int) -> KeysetPage:
        rows = list(self._reversed[: self.per_page + 1])
        has_previous = len(rows) > self.per_page
        rows = rows[: self.per_page]
        rows.reverse()
        return self._make(rows, count, False, has_previous)

    def _make(self, rows: list, count: int, has_next: bool, has_previous: bool) -> KeysetPage:
        return KeysetPage(
            object_list=rows,
            count=count,
            per_page=self.per_page,
            has_previous=has_previous,
            has_next=has_next,
            previous_cursor=self._encode(_BEFORE, rows[0]) if has_previous and rows else None,
            next_cursor=self._encode(_AFTER, rows[-1]) if has_next and rows else None,
        )

    def _beyond(self, values: list, *, forward: bool) -> Q | models.Expression:
        """Rows after (``forward``) or before the boundary row, in the paginator's order."""
        typed = [
            Value(value, output_field=key.value_field)
            for key, value in zip(self.keys, values, strict=True)
        ]
        directions = {key.descending for key in self.keys}
        features = connections[self.queryset.db].features
        if len(directions) == 1 and features.supports_tuple_lookups:
            # One direction for every column: a single row comparison the index can seek to.
            ascending = not directions.pop()
            lookup = GreaterThan if ascending == forward else LessThan
            return lookup(_Row(*(F(key.path) for key in self.keys)), _Row(*typed))
        # Mixed directions: a > x OR (a = x AND b > y) OR ..., each column its own way.
        conditions = []
        for i, key in enumerate(self.keys):
            op = "gt" if (not key.descending) == forward else "lt"
            equal = {self.keys[j].path: typed[j] for j in range(i)}
            conditions.append(Q(**equal, **{f"{key.path}__{op}": typed[i]}))
        return reduce(operator.or_, conditions)

    def _encode(self, direction: str, row: models.Model) -> str:
        payload = json.dumps(
            [direction, [key.value_of(row) for key in self.keys]],
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def _decode(self, cursor: str) -> tuple[str, list] | None:
        if len(cursor) > _MAX_CURSOR_LENGTH:
            return None
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            direction, raw_values = json.loads(base64.urlsafe_b64decode(padded).decode())
            if direction not in (_AFTER, _BEFORE) or not isinstance(raw_values, list):
                return None
            if len(raw_values) != len(self.keys):
                return None
            return direction, [
                key.parse(raw) for key, raw in zip(self.keys, raw_values, strict=True)
            ]
        except (ValueError, TypeError, ValidationError, binascii.Error, UnicodeError):
            return None
