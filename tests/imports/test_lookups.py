"""The lookup a sheet's cells are resolved through: one row per key, ambiguity named."""

import pytest

from apps.exports.imports.lookups import Lookup


class Row:
    def __init__(self, name: str):
        self.name = name


def _lookup() -> tuple[Lookup, Row, Row]:
    lookup = Lookup(unknown="no such row", ambiguous="two rows go by that name")
    wuhua, panlong = Row("五华区"), Row("盘龙区")
    lookup.add(wuhua, ["530102", "五华区"])
    lookup.add(panlong, ["530103", "盘龙区", "城区"])
    return lookup, wuhua, panlong


def test_a_row_is_found_by_each_key_it_is_known_by():
    lookup, wuhua, _panlong = _lookup()

    assert lookup.find("530102") is wuhua
    assert lookup.resolve("五华区") is wuhua
    assert lookup.find("530199") is None


def test_a_key_shared_by_two_rows_is_ambiguous():
    lookup, _wuhua, _panlong = _lookup()
    lookup.add(Row("另一个城区"), ["城区"])

    assert lookup.find("城区") is None
    with pytest.raises(ValueError, match="two rows go by that name"):
        lookup.resolve("城区")
    with pytest.raises(ValueError, match="no such row"):
        lookup.resolve("530199")


def test_the_rows_are_listed_once_each_whatever_their_number_of_keys():
    lookup, wuhua, panlong = _lookup()

    rows = lookup.rows()

    assert len(rows) == 2
    assert {id(row) for row in rows} == {id(wuhua), id(panlong)}
