"""Shared fixtures: Yunnan's real divisions and one persona per role and level.

Personas (healthchecks-style): ``province_admin``, ``league_province``, ``edu_kunming``
(prefecture 530100), ``edu_wuhua`` (county 530102), ``edu_yuxi`` (prefecture 530400),
``inspector``, ``official_kunming``.
"""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from apps.accounts.choices import Role
from apps.core.evidence import forget_written_files
from apps.organizations.services import divisions_load
from tests.factories import UserFactory, division

PASSWORD = "Pioneer-2026"


@pytest.fixture(autouse=True)
def _forget_written_files():
    """A test's transaction is rolled back, never committed: the files it wrote are not
    checked again by the next test's requests (which would add to their query counts)."""
    yield
    forget_written_files()


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts in the portal's language: a request made in English by an earlier
    test leaves English active on the thread (LocaleMiddleware does not put it back), and
    texts a service stores, such as a history entry's reason, would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _forget_cached_figures():
    """Figures a committing test cached (apps.core.freshness) would outlive the database
    flush that ends it (a flush truncates, which logs no write): each test starts without."""
    yield
    cache.clear()


@pytest.fixture
def divisions(db):
    divisions_load(province_code="53")


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The whole demo (``seed_demo``), seeded once for a module inside a transaction that is
    rolled back after it; a test reads it through the ``db`` fixture as usual."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_divisions", province="53", stdout=io.StringIO())
            call_command("seed_demo", stdout=io.StringIO())
            # The demo's files stand for the module: its requests need not check them again.
            forget_written_files()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _persona(username, role, code=None, **kwargs):
    return UserFactory(
        username=username, role=role, division=division(code) if code else None, **kwargs
    )


@pytest.fixture
def province_admin(divisions):
    return _persona("admin", Role.PROVINCIAL_ADMIN, "530000")


@pytest.fixture
def league_province(divisions):
    return _persona("league_province", Role.LEAGUE, "530000")


@pytest.fixture
def edu_province(divisions):
    return _persona("edu_province", Role.EDUCATION, "530000")


@pytest.fixture
def league_kunming(divisions):
    return _persona("league_kunming", Role.LEAGUE, "530100")


@pytest.fixture
def edu_kunming(divisions):
    return _persona("edu_kunming", Role.EDUCATION, "530100")


@pytest.fixture
def edu_wuhua(divisions):
    return _persona("edu_wuhua", Role.EDUCATION, "530102")


@pytest.fixture
def edu_yuxi(divisions):
    return _persona("edu_yuxi", Role.EDUCATION, "530400")


@pytest.fixture
def inspector(divisions):
    return _persona("inspector", Role.INSPECTOR, "530000")


@pytest.fixture
def official_kunming(divisions):
    return _persona("official_kunming", Role.OFFICIAL, "530100")


@pytest.fixture
def login(client):
    """Sign a persona in on the test client: ``login(edu_wuhua)``."""

    def _login(user):
        client.force_login(user, backend="apps.accounts.backends.PortalBackend")
        return client

    return _login
