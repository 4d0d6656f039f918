"""Year lookups that cannot fail on a year Python's dates do not hold.

``start_date__year=-1`` (or 0, 10000, 99999999999999999999) would raise while the query is
built, since Django turns the year into the first and last day of it; a list filtered by a
year from its query string would answer with a 500. Here such a year simply matches what the
comparison says: no row is in year 10000, every row is after year -1. Registered for every
date and datetime field when the core app is ready, so every area, the admin and the
exports benefit.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import lookups
from django.db.models.functions import ExtractIsoYear, ExtractYear

# Kept a year inside Python's own range: a datetime bound in the portal's time zone is
# shifted to UTC, which must not leave the range either.
MIN_YEAR, MAX_YEAR = 2, 9998


class _BoundedYear:
    """A year lookup whose value outside MIN_YEAR..MAX_YEAR matches all rows or none."""

    def as_sql(self, compiler, connection):
        if self.rhs_is_direct_value():
            try:
                year = int(self.rhs)
            except (TypeError, ValueError, OverflowError):
                raise EmptyResultSet from None
            if year < MIN_YEAR:
                raise FullResultSet if self.lookup_name in ("gt", "gte") else EmptyResultSet
            if year > MAX_YEAR:
                raise FullResultSet if self.lookup_name in ("lt", "lte") else EmptyResultSet
        return super().as_sql(compiler, connection)


class YearExact(_BoundedYear, lookups.YearExact):
    pass


class YearGt(_BoundedYear, lookups.YearGt):
    pass


class YearGte(_BoundedYear, lookups.YearGte):
    pass


class YearLt(_BoundedYear, lookups.YearLt):
    pass


class YearLte(_BoundedYear, lookups.YearLte):
    pass


def register() -> None:
    """Put the bounded year lookups in place of Django's own (idempotent)."""
    for transform in (ExtractYear, ExtractIsoYear):
        for lookup in (YearExact, YearGt, YearGte, YearLt, YearLte):
            transform.register_lookup(lookup)
