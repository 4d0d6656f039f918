"""What each area contributes to the portal, discovered from the area itself.

An area is an app whose AppConfig subclasses ``AreaConfig``. Everything it plugs into the
portal is declared in its own ``apps.py`` (URLs, navigation, indicators, demo seeder, dashboard
panel, public-home section, to-do sources, facts on a counselor's record, facts of a school
for its own dashboard) or found by name in
its own modules (``permissions.URL_RULES`` and ``permissions.ROLE_PERMISSIONS``). Nothing
outside the area lists it, so adding an area is one line in INSTALLED_APPS; the core imports
no area and reads them all through the functions below, in INSTALLED_APPS order.

Dotted paths in an AreaConfig are relative to the area's package: ``"indicators.funding"``
in ``apps.funding`` is ``apps.funding.indicators.funding``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import AppConfig, apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.module_loading import import_string, module_has_submodule


@dataclass(frozen=True)
class NavItem:
    """An entry of the signed-in navigation, shown when the URL's access rule lets the user in.
    ``order`` places it among every area's entries (lower first)."""

    url_name: str
    label: Any
    order: int = 100
    # A function ``(request) -> int`` (dotted, relative to the area) giving a count shown
    # beside the entry; called at most once a request, and only when the menu is drawn.
    badge: str = ""


@dataclass(frozen=True)
class PublicSection:
    """A section of the public home page: a template, and optionally a function
    ``() -> dict`` whose result the template reads as ``data``. Aggregates only."""

    template: str
    context: Callable[[], Any] | None = None
    order: int = 100


# The rows of a summary sheet under a scope of each level: "prefecture", "county", "school".
SUMMARY_ROW_LEVELS = ("prefecture", "county", "school")


@dataclass(frozen=True)
class SummaryColumn:
    """A column of an area's sheet in the summary workbook: ``key`` inside each row of the
    area's indicator breakdown and inside its totals; ``kind`` "integer", "money" (a
    two-decimal string, written as a number), "ratio" (a decimal string) or "text".
    ``levels``: the row levels (``SUMMARY_ROW_LEVELS``) the column is shown at; all when
    empty. ``width``: the column's width in characters when it needs its own."""

    key: str
    header: Any
    kind: str = "integer"
    levels: tuple[str, ...] = ()
    width: float | None = None

    def shown_at(self, row_level: str) -> bool:
        return not self.levels or row_level in self.levels


@dataclass(frozen=True)
class DemoSeeder:
    """An area's demo data: ``seed(*, rng, stdout)``, after the areas named in ``after``.
    ``has_data()`` tells whether the area already holds data (the database is not empty);
    ``missing()`` names what must be loaded first, or returns None."""

    label: str
    seed: Callable[..., None]
    after: tuple[str, ...]
    has_data: Callable[[], bool] | None
    missing: Callable[[], str | None] | None


class AreaConfig(AppConfig):
    """An area of the portal. Subclasses declare what they contribute; all optional.

    - ``url_prefix``: mount ``<area>.urls`` there ("" for the site root); its namespace is the
      area's ``app_name``.
    - ``nav``: ``NavItem`` entries for the signed-in navigation.
    - ``indicators``: a function ``(*, scope, as_of) -> dict`` merged into the indicators.
    - ``dashboard_panel``: a template the dashboard includes with the same indicators.
    - ``public_sections``: ``PublicSection`` entries for the public home page (``context``
      given as a dotted path here).
    - ``demo``: a module with ``seed(*, rng, stdout)`` (and optionally ``has_data()`` and
      ``missing()``); ``demo_after``: the labels of areas whose demo data it builds on.
    - ``todo_sources``: functions ``(*, actor) -> Iterable[Todo]``: work waiting for a user.
    - ``due_sources``: functions ``(*, due_from, due_to) -> Iterable[DueItem]``: every open
      item of the area due between the two dates (inclusive), one row an item, for
      reminders and escalation.
    - ``counselor_facts``: functions ``(*, counselor, viewer) -> Iterable[Fact]``: what the area
      knows of a counselor, shown on their record and to title reviewers.
    - ``school_facts``: functions ``(*, school, year, viewer) -> Iterable[Fact]``: what the
      area knows of one school (its own rows, counted; the year's work for ``year``),
      shown on the dashboard of a user scoped to that school instead of the county's
      indicators. Give each fact a ``key`` ("<area>.<name>") and a plain ``value``.
    - ``summary_section``, ``summary_title``, ``summary_columns``: the area's sheet in the
      summary workbook, laid out from its indicators alone: the totals row is
      ``indicators[section][column.key]``, a row per prefecture (province scope), county
      (prefecture scope) or school (county scope) is
      ``indicators[section]["by_prefecture"|"by_county"|"by_school"][key][column.key]``
      (an area without ``by_school`` gives a county scope its one county row). An area may
      add ``indicators[section]["own"]``: what belongs to the scope's own division and to no
      row (its own committee, reports addressed to it), shown as the scope's own-level row
      when it holds anything.
    - ``housekeeping``: functions ``() -> Any`` the background task worker runs every
      WORKER_HOUSEKEEPING_SECONDS (settling what a crash left behind; apps/core/worker.py).
    - ``untracked_models``: names of the area's models whose writes never change a figure
      (job rows, logs, heartbeats): writing them keeps cached figures (apps/core/freshness.py).

    What the house layout already says need not be declared: an area with a ``urls`` module
    mounts it at ``<label>/``, one with a ``demo`` module seeds with it, one with a ``facts``
    module defining ``school_facts`` tells of schools with it, one with the template
    ``<label>/_dashboard_panel.html`` shows it on the dashboard, and one with
    ``summary_columns`` reads its sheet from the indicators' ``<label>`` section under the
    area's ``verbose_name``. A declaration overrides the layout (``url_prefix = ""`` mounts
    at the site root).
    """

    url_prefix: str | None = None
    nav: Sequence[NavItem] = ()
    indicators: str | None = None
    dashboard_panel: str | None = None
    public_sections: Sequence[tuple[str, str | None, int]] = ()
    demo: str | None = None
    demo_after: Sequence[str] = ()
    todo_sources: Sequence[str] = ()
    due_sources: Sequence[str] = ()
    counselor_facts: Sequence[str] = ()
    school_facts: Sequence[str] = ()
    summary_section: str | None = None
    summary_title: Any = None
    summary_columns: Sequence[SummaryColumn] = ()
    housekeeping: Sequence[str] = ()
    untracked_models: Sequence[str] = ()

    def __init__(self, app_name, app_module):
        super().__init__(app_name, app_module)
        if self.url_prefix is None and self.has_module("urls"):
            self.url_prefix = f"{self.label}/"
        if self.demo is None and self.has_module("demo"):
            self.demo = "demo"
        if self.summary_columns:
            self.summary_section = self.summary_section or self.label
            if self.summary_title is None:
                self.summary_title = self.verbose_name

    def has_module(self, name: str) -> bool:
        return self.module is not None and module_has_submodule(self.module, name)

    def school_fact_paths(self) -> Sequence[str]:
        """``school_facts``, else ``facts.school_facts`` when the area's facts module has it."""
        if self.school_facts:
            return self.school_facts
        facts = self.optional_module("facts")
        return ("facts.school_facts",) if hasattr(facts, "school_facts") else ()

    def panel(self) -> str | None:
        """``dashboard_panel``, else ``<label>/_dashboard_panel.html`` when it exists."""
        if self.dashboard_panel is None:
            template = f"{self.label}/_dashboard_panel.html"
            try:
                get_template(template)
            except TemplateDoesNotExist:
                template = ""
            self.dashboard_panel = template
        return self.dashboard_panel or None

    def resolve(self, dotted: str) -> Any:
        """An attribute of this area's package by a path relative to it."""
        return import_string(f"{self.name}.{dotted}")

    def optional_module(self, name: str):
        """``<area>.<name>`` when the area has that module, else None."""
        if module_has_submodule(self.module, name):
            return importlib.import_module(f"{self.name}.{name}")
        return None


@dataclass(frozen=True)
class Todo:
    """Work waiting for a user: ``count`` items at ``url``, the earliest due on ``due``."""

    label: Any
    url: str
    count: int
    due: Any = None
    overdue: bool = False


@dataclass(frozen=True)
class DueItem:
    """One open item with a due date, for reminders before it and escalation after it.

    ``key`` names the item for good ("<area>.<kind>:<pk>"); ``actors`` are the users who
    must act; ``division`` is the division they act for (a school's items give the school's
    county and ``at_school``), and the escalation goes to the staff holding one of ``roles``
    in the division above it (for a school's items: the county itself; for the province's:
    the provincial administrators). ``what`` names the item, ``unit`` who must act,
    ``action`` what they must do."""

    key: str
    kind: Any
    what: str
    unit: str
    due: Any
    url: str
    action: Any
    actors: tuple = ()
    division: str | None = None
    roles: tuple[str, ...] = ()
    at_school: bool = False


@dataclass(frozen=True)
class Fact:
    """One thing an area knows of a counselor or a school: a label, a value and where to read
    more; ``key`` names it for pages that mark figures up (``data-fact``)."""

    label: Any
    value: Any
    url: str | None = None
    key: str = ""


@dataclass(frozen=True)
class FactGroup:
    """One area's facts of a school, under the area's name."""

    label: Any
    facts: tuple[Fact, ...]


def areas() -> list[AreaConfig]:
    """Every installed area, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, AreaConfig)]


def _permissions(area: AreaConfig, name: str) -> dict:
    module = area.optional_module("permissions")
    return dict(getattr(module, name, {})) if module is not None else {}


@cache
def url_rules() -> dict:
    """The access rule of every URL name, from each area's ``permissions.URL_RULES``.

    Two areas claiming the same URL name is a programming error, refused here."""
    merged: dict = {}
    for area in areas():
        for name, rule in _permissions(area, "URL_RULES").items():
            if name in merged:
                raise ValueError(f"URL {name!r} has rules in two areas ({area.label} too).")
            merged[name] = rule
    return merged


def role_permissions() -> dict[str, list[str]]:
    """Every role's permission names, from each area's ``permissions.ROLE_PERMISSIONS``."""
    merged: dict[str, list[str]] = {}
    for area in areas():
        for role, perms in _permissions(area, "ROLE_PERMISSIONS").items():
            merged.setdefault(str(role), []).extend(str(p) for p in perms)
    return merged


def url_includes() -> list[tuple[str, str]]:
    """``(prefix, urls module)`` for each area that mounts URLs."""
    return [(a.url_prefix, f"{a.name}.urls") for a in areas() if a.url_prefix is not None]


def nav_items() -> list[NavItem]:
    items = [item for area in areas() for item in area.nav]
    return sorted(items, key=lambda item: item.order)


@cache
def indicator_providers() -> list[Callable[..., dict]]:
    return [a.resolve(a.indicators) for a in areas() if a.indicators]


def dashboard_panels() -> list[str]:
    return [panel for area in areas() if (panel := area.panel())]


@cache
def public_sections() -> list[PublicSection]:
    sections = [
        PublicSection(template, area.resolve(context) if context else None, order)
        for area in areas()
        for template, context, order in area.public_sections
    ]
    return sorted(sections, key=lambda section: section.order)


@cache
def todo_sources() -> list[Callable[..., Iterable[Todo]]]:
    return [area.resolve(path) for area in areas() for path in area.todo_sources]


@cache
def housekeeping_functions() -> list[Callable[[], Any]]:
    return [area.resolve(path) for area in areas() for path in area.housekeeping]


@cache
def due_sources() -> list[Callable[..., Iterable[DueItem]]]:
    return [area.resolve(path) for area in areas() for path in area.due_sources]


@cache
def nav_badges() -> dict[str, Callable[..., int]]:
    """The count function of each navigation entry that shows one, by URL name."""
    return {
        item.url_name: area.resolve(item.badge)
        for area in areas()
        for item in area.nav
        if item.badge
    }


@cache
def counselor_fact_sources() -> list[Callable[..., Iterable[Fact]]]:
    return [area.resolve(path) for area in areas() for path in area.counselor_facts]


@cache
def school_fact_sources() -> list[tuple[AreaConfig, Callable[..., Iterable[Fact]]]]:
    return [(area, area.resolve(path)) for area in areas() for path in area.school_fact_paths()]


def school_facts(*, school, year: int, viewer) -> list[FactGroup]:
    """Every area's facts of ``school`` for ``year``, grouped by area in INSTALLED_APPS
    order; an area with nothing to say about the school is left out."""
    groups: dict[str, tuple[Any, list[Fact]]] = {}
    for area, source in school_fact_sources():
        facts = list(source(school=school, year=year, viewer=viewer))
        if facts:
            groups.setdefault(area.label, (area.verbose_name, []))[1].extend(facts)
    return [FactGroup(label, tuple(facts)) for label, facts in groups.values()]


def demo_seeders() -> list[DemoSeeder]:
    """Each area's demo seeder, every one after those it names in ``demo_after``.

    Among areas free to go, INSTALLED_APPS order decides. A seeder naming an area that has
    none, or a cycle, is a programming error."""
    pending: dict[str, DemoSeeder] = {}
    for area in areas():
        if area.demo:
            module = importlib.import_module(f"{area.name}.{area.demo}")
            pending[area.label] = DemoSeeder(
                label=area.label,
                seed=module.seed,
                after=tuple(area.demo_after),
                has_data=getattr(module, "has_data", None),
                missing=getattr(module, "missing", None),
            )
    for seeder in pending.values():
        unknown = set(seeder.after) - set(pending)
        if unknown:
            raise ValueError(f"{seeder.label} seeds after {sorted(unknown)}, which seed nothing.")
    ordered: list[DemoSeeder] = []
    done: set[str] = set()
    while pending:
        ready = [s for s in pending.values() if set(s.after) <= done]
        if not ready:
            raise ValueError(f"Demo seeders wait on each other: {sorted(pending)}.")
        seeder = ready[0]
        ordered.append(seeder)
        done.add(seeder.label)
        del pending[seeder.label]
    return ordered


def clear_caches(*, setting: str | None = None, **kwargs) -> None:
    """Forget what was discovered (when tests change INSTALLED_APPS)."""
    if setting in (None, "INSTALLED_APPS"):
        for cached in (
            url_rules,
            indicator_providers,
            public_sections,
            todo_sources,
            housekeeping_functions,
            due_sources,
            nav_badges,
            counselor_fact_sources,
            school_fact_sources,
        ):
            cached.cache_clear()


def summary_sheets() -> list[AreaConfig]:
    """Areas with a sheet in the summary workbook (``summary_section`` and
    ``summary_columns`` declared), in INSTALLED_APPS order."""
    return [area for area in areas() if area.summary_section and area.summary_columns]


def describe() -> dict[str, dict[str, list[str]]]:
    """What was discovered from each area, by kind (for the discovery test and for reading)."""
    described: dict[str, dict[str, list[str]]] = {}
    for area in areas():
        entry = {
            "url_rules": sorted(_permissions(area, "URL_RULES")),
            "role_permissions": sorted(str(r) for r in _permissions(area, "ROLE_PERMISSIONS")),
            "urls": [area.url_prefix] if area.url_prefix is not None else [],
            "nav": [item.url_name for item in area.nav],
            "indicators": [area.indicators] if area.indicators else [],
            "dashboard_panel": [area.panel()] if area.panel() else [],
            "public_sections": [template for template, _c, _o in area.public_sections],
            "demo": [area.demo] if area.demo else [],
            "todo_sources": list(area.todo_sources),
            "due_sources": list(area.due_sources),
            "counselor_facts": list(area.counselor_facts),
            "school_facts": list(area.school_fact_paths()),
            "housekeeping": list(area.housekeeping),
            "summary_columns": [column.key for column in area.summary_columns],
        }
        described[area.label] = {kind: found for kind, found in entry.items() if found}
    return described
