"""Discovered registries: what each area contributes is found in the area itself.

The sample area in tests/core/sample_area/ lives only in its own folder; installing it is one
INSTALLED_APPS entry, and every registry of the portal then holds what it declares.
"""

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from apps.accounts.choices import Role
from apps.accounts.roles import role_permissions
from apps.core import registry
from apps.core.registry import AreaConfig, NavItem, SummaryColumn
from apps.reports.indicators import compute
from tests.factories import SchoolFactory, UserFactory, division

SAMPLE = "tests.core.sample_area"


def test_it_lists_what_was_discovered_from_each_area():
    described = registry.describe()

    # Every area of the portal, in INSTALLED_APPS order.
    assert list(described) == [
        "core",
        "accounts",
        "organizations",
        "counselors",
        "training",
        "titles",
        "inspections",
        "funding",
        "documents",
        "transition",
        "meetings",
        "pairing",
        "commendations",
        "inbox",
        "reports",
        "exports",
        "securitylog",
    ]
    assert described["core"]["url_rules"] == [
        "admin:*",
        "core:healthz",
        "core:home",
        "set-language",
    ]
    assert described["exports"]["housekeeping"] == ["services.export_job_fail_stale"]
    organizations = described["organizations"]
    assert organizations["urls"] == ["organizations/"]
    assert organizations["indicators"] == ["indicators.organization_indicators"]
    assert organizations["dashboard_panel"] == ["organizations/_dashboard_panel.html"]
    assert organizations["demo"] == ["demo"]
    assert "organizations:school-list" in organizations["url_rules"]
    assert set(organizations["role_permissions"]) == set(Role.values)
    assert described["inspections"]["public_sections"] == ["inspections/_public_section.html"]
    assert described["reports"]["nav"] == ["reports:dashboard"]
    assert described["meetings"]["due_sources"] == ["todos.decision_due_items"]
    assert set(registry.nav_badges()) == {"inbox:todo-list", "inbox:notification-list"}
    for label, found in described.items():
        # Every area that mounts URLs has a rule for each of them (the URL walk checks more).
        assert not found.get("urls") or found.get("url_rules"), label


def test_the_demo_seeders_run_after_what_they_build_on():
    labels = [seeder.label for seeder in registry.demo_seeders()]

    assert labels.index("organizations") < labels.index("accounts") < labels.index("counselors")
    assert labels.index("counselors") < labels.index("training") < labels.index("titles")
    for seeder in registry.demo_seeders():
        for before in seeder.after:
            assert labels.index(before) < labels.index(seeder.label)


class _Area:
    """A stand-in AppConfig with only what demo_seeders reads."""

    def __init__(self, label, after=()):
        self.label, self.name, self.demo, self.demo_after = label, SAMPLE, "demo", after


@pytest.mark.parametrize(
    ("areas", "message"),
    [
        ([_Area("a", ("b",)), _Area("b", ("a",))], "wait on each other"),
        ([_Area("a", ("nowhere",))], "seed nothing"),
    ],
)
def test_a_seeder_order_that_cannot_be_kept_is_refused(monkeypatch, areas, message):
    monkeypatch.setattr(registry, "areas", lambda: areas)

    with pytest.raises(ValueError, match=message):
        registry.demo_seeders()


def test_two_areas_claiming_one_url_is_refused(monkeypatch):
    class Duplicate(AreaConfig):
        pass

    first = Duplicate("apps.core", importlib.import_module("apps.core"))
    second = Duplicate("apps.core", importlib.import_module("apps.core"))
    monkeypatch.setattr(registry, "areas", lambda: [first, second])
    registry.clear_caches()
    try:
        with pytest.raises(ValueError, match="core:home"):
            registry.url_rules()
    finally:
        monkeypatch.undo()
        registry.clear_caches()


def test_navigation_is_ordered_across_areas():
    orders = [item.order for item in registry.nav_items()]
    assert orders == sorted(orders)
    assert isinstance(registry.nav_items()[0], NavItem)
    assert registry.nav_items()[0].url_name == "reports:dashboard"


@pytest.fixture
def sample_area_installed():
    """The portal with the sample area added to INSTALLED_APPS, its URLs mounted."""
    import config.urls

    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, SAMPLE]):
        importlib.reload(config.urls)
        clear_url_caches()
        yield
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_a_new_area_plugs_in_with_one_installed_apps_line(sample_area_installed, client, divisions):
    # given only the INSTALLED_APPS line (the fixture) and the area's own folder
    described = registry.describe()["sample_area"]

    # then every registry holds what the area declares
    assert described == {
        "url_rules": ["sample_area:home"],
        "role_permissions": [Role.OFFICIAL],
        "urls": ["sample/"],
        "nav": ["sample_area:home"],
        "indicators": ["indicators.sample_indicators"],
        "dashboard_panel": ["sample_area/_dashboard_panel.html"],
        "public_sections": ["sample_area/_public_section.html"],
        "demo": ["demo"],
        "todo_sources": ["todos.sample_todos"],
        "counselor_facts": ["facts.sample_facts"],
        "school_facts": ["facts.sample_school_facts"],
        "summary_columns": ["year"],
    }
    assert [area.label for area in registry.summary_sheets()][-1] == "sample_area"
    assert "sample_area.*" in role_permissions()[Role.OFFICIAL]
    assert compute(scope=division("530100"), year=2018)["sample"] == {
        "scope": "530100",
        "year": 2018,
    }
    assert "sample_area/_dashboard_panel.html" in registry.dashboard_panels()
    assert [s.label for s in registry.demo_seeders()].index("sample_area") > [
        s.label for s in registry.demo_seeders()
    ].index("organizations")
    user = UserFactory(role=Role.OFFICIAL, division=division("530000"))
    todos = [todo for source in registry.todo_sources() for todo in source(actor=user)]
    assert [(todo.label, todo.count) for todo in todos if todo.url == "/sample/"] == [
        ("sample work", 2)
    ]
    # The area's fact source is the last one found (INSTALLED_APPS order).
    facts = registry.counselor_fact_sources()[-1](counselor="X", viewer=user)
    assert [(fact.label, fact.value) for fact in facts] == [("sample fact", "X")]

    # and its pages are mounted, ruled and linked from the navigation and the home page
    assert reverse("sample_area:home") == "/sample/"
    assert client.get("/sample/").status_code == 302  # signed-in rule: off to sign in
    client.force_login(user)
    assert client.get("/sample/").content == b"sample area"
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-panel="sample"' in dashboard
    assert 'href="/sample/"' in dashboard
    # the area's to-do source is on the dashboard's list of work waiting for the user
    assert "sample work" in dashboard
    assert 'data-count="2"' in dashboard
    home = client.get(reverse("core:home")).content.decode()
    assert "sample public figure" in home

    # and a user scoped to one school sees the area's facts of that school instead of its
    # dashboard panel, under the area's name
    school = SchoolFactory(county=division("530102"))
    client.force_login(UserFactory(role=Role.EDUCATION, division=None, school=school))
    dashboard = client.get(reverse("reports:dashboard"), {"year": 2018}).content.decode()
    assert f'data-fact="sample.school" data-value="{school.name} 2018"' in dashboard
    assert '<h2 id="school-facts-' in dashboard and ">Sample area</h2>" in dashboard
    assert 'data-panel="sample"' not in dashboard


def test_the_registries_forget_an_area_once_it_is_uninstalled():
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, SAMPLE]):
        assert "sample_area:home" in registry.url_rules()
    assert "sample_area" not in registry.describe()
    assert "sample_area:home" not in registry.url_rules()


def _imported_apps(path: Path) -> set[str]:
    """The apps.<name> packages a module imports (TYPE_CHECKING blocks included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "apps" and len(parts) > 1:
                found.add(parts[1])
            if parts[0] == "config":
                found.add("config")
    return found


def test_the_core_imports_no_area_and_not_the_configuration():
    core = Path(settings.BASE_DIR) / "apps" / "core"
    imported = set()
    for module in core.rglob("*.py"):
        imported |= _imported_apps(module)
    assert imported <= {"core"}


def test_the_sample_area_touches_nothing_outside_its_folder():
    # Nothing in apps/ or config/ names it: the one line is in the test's INSTALLED_APPS.
    root = Path(settings.BASE_DIR)
    read = 0
    for folder in ("apps", "config", "templates"):
        for path in (root / folder).rglob("*.*"):
            if path.suffix in (".py", ".html"):
                assert "sample_area" not in path.read_text(encoding="utf-8"), path
                read += 1
    assert read > 100


def test_what_the_house_layout_says_need_not_be_declared(sample_area_installed):
    """An area with a urls, demo or facts module or a dashboard panel template gets them
    without a line in apps.py; what it lacks stays off."""
    module = importlib.import_module("tests.core.sample_area")

    class LayoutOnly(AreaConfig):
        name = "tests.core.sample_area"
        label = "sample_area"

    class Unnamed(LayoutOnly):
        label = "sample_unnamed"

    area, other = LayoutOnly(LayoutOnly.name, module), Unnamed(Unnamed.name, module)

    assert (area.url_prefix, area.demo) == ("sample_area/", "demo")
    assert area.panel() == "sample_area/_dashboard_panel.html"
    # The sample's facts module names its function otherwise, and no template is
    # sample_unnamed/_dashboard_panel.html.
    assert area.school_fact_paths() == ()
    assert other.panel() is None


def test_a_summary_sheet_is_named_after_its_area_unless_it_says_otherwise():
    """An area with summary columns reads its sheet from its label's section under its
    verbose name; an area without columns has no sheet to name."""
    module = importlib.import_module("tests.core.sample_area")

    class Sheet(AreaConfig):
        name = "tests.core.sample_area"
        label = "sample_area"
        verbose_name = "Sample area"
        summary_columns = (SummaryColumn("year", "Year"),)

    class OwnSection(Sheet):
        summary_section = "sample_summary"
        summary_title = "Sample figures"

    class NoSheet(AreaConfig):
        name = "tests.core.sample_area"
        label = "sample_area"

    sheet, own, none = (config(Sheet.name, module) for config in (Sheet, OwnSection, NoSheet))

    assert (sheet.summary_section, sheet.summary_title) == ("sample_area", "Sample area")
    assert (own.summary_section, own.summary_title) == ("sample_summary", "Sample figures")
    assert (none.summary_section, none.summary_title) == (None, None)
