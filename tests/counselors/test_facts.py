"""A counselor's record shows what the other areas know of them, as facts each area declares
(``counselor_facts`` in its AppConfig); the counselors area knows none of them by name."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

import apps.counselors
from apps.commendations.facts import commendation_facts
from apps.core import registry
from apps.counselors.selectors import counselor_facts
from apps.titles.facts import title_facts
from apps.training.facts import training_facts
from tests.factories.counselors import AttendanceFactory

COUNSELORS_PACKAGE = Path(apps.counselors.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_the_counselors_area_imports_neither_training_nor_titles():
    sources = [path for path in COUNSELORS_PACKAGE.rglob("*.py") if "migrations" not in path.parts]
    offending = {
        str(path.relative_to(COUNSELORS_PACKAGE)): sorted(
            module
            for module in _imported_modules(path)
            if module.startswith(("apps.training", "apps.titles"))
        )
        for path in sources
    }
    assert {path: found for path, found in offending.items() if found} == {}


def test_training_titles_and_commendations_declare_their_facts():
    assert registry.counselor_fact_sources() == [training_facts, title_facts, commendation_facts]


def test_the_record_collects_every_areas_facts_in_order(edu_wuhua, wuhua_counselor, monkeypatch):
    def first(**kwargs):
        return [registry.Fact("甲", 1)]

    def second(*, counselor, viewer):
        return [registry.Fact("乙", counselor.name), registry.Fact("丙", viewer.username)]

    monkeypatch.setattr(registry, "counselor_fact_sources", lambda: [first, second])

    facts = counselor_facts(counselor=wuhua_counselor, viewer=edu_wuhua)

    assert [(f.label, f.value) for f in facts] == [("甲", 1), ("乙", "张丽"), ("丙", "edu_wuhua")]


@pytest.mark.parametrize("page", ["detail", "me"])
def test_record_pages_show_the_facts(login, edu_wuhua, me, wuhua_counselor, page):
    AttendanceFactory(counselor=wuhua_counselor, course__name="省培示范班")
    if page == "detail":
        client = login(edu_wuhua)
        url = reverse("counselors:counselor-detail", args=[wuhua_counselor.pk])
    else:
        client = login(me)
        url = reverse("counselors:counselor-me")

    body = client.get(url).content.decode()

    assert "data-facts" in body
    assert "省培示范班" in body
