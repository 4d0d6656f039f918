"""Divisions are reference data: loaded from the national code list, never typed in."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division

DIVISIONS_DIR = Path(settings.BASE_DIR) / "fixtures" / "divisions"


@dataclass
class DivisionLoadResult:
    created: int
    updated: int
    unchanged: int


def _read(name: str) -> list[dict[str, str]]:
    with (DIVISIONS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def divisions_load(*, province_code: str) -> DivisionLoadResult:
    """Load (or refresh) one province, its prefectures and counties from the shipped CSVs.

    Idempotent: a second run changes nothing. Raises ValueError for an unknown province.
    """
    province_code = province_code[:2]
    provinces = {row["code"]: row["name"] for row in _read("provinces.csv")}
    if province_code not in provinces:
        raise ValueError(f"Unknown province code: {province_code}")
    wanted: list[tuple[str, str, str, str | None]] = [
        (f"{province_code}0000", provinces[province_code], DivisionLevel.PROVINCE, None)
    ]
    for row in _read("cities.csv"):
        if row["provinceCode"] == province_code:
            wanted.append(
                (f"{row['code']}00", row["name"], DivisionLevel.PREFECTURE, f"{province_code}0000")
            )
    for row in _read("areas.csv"):
        if row["provinceCode"] == province_code:
            wanted.append((row["code"], row["name"], DivisionLevel.COUNTY, f"{row['cityCode']}00"))

    result = DivisionLoadResult(0, 0, 0)
    with transaction.atomic():
        existing = {d.code: d for d in Division.objects.filter(code__startswith=province_code)}
        # Parents come before children in `wanted`, so each parent exists when needed.
        for code, name, level, parent_code in wanted:
            current = existing.get(code)
            if current is None:
                Division.objects.create(code=code, name=name, level=level, parent_id=parent_code)
                result.created += 1
            elif (current.name, current.level, current.parent_id) != (name, level, parent_code):
                current.name, current.level, current.parent_id = name, level, parent_code
                current.full_clean()
                current.save()
                result.updated += 1
            else:
                result.unchanged += 1
    return result
