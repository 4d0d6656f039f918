"""`manage.py check --deploy` with the production settings and what .env.example documents
for production reports nothing: HTTPS redirect, HSTS and secure cookies are production's
defaults, and only an explicit variable switches them off."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

BASE_DIR = settings.BASE_DIR
ASSIGNMENT = re.compile(r"^(?P<commented># )?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")


def documented_environment() -> dict[str, str]:
    """The variables .env.example sets, with its production section on top (placeholders
    in angle brackets filled in as a deployer would)."""
    general: dict[str, str] = {}
    production: dict[str, str] = {}
    in_production = False
    for line in (BASE_DIR / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("# --- Production"):
            in_production = True
            continue
        if line.startswith("# --- end of production"):
            in_production = False
            continue
        match = ASSIGNMENT.match(line)
        if match is None:
            continue
        if in_production and match["commented"]:
            production[match["name"]] = match["value"]
        elif not in_production and not match["commented"]:
            general[match["name"]] = match["value"]
    assert production, ".env.example has no production section"
    production["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    production["DATABASE_URL"] = production["DATABASE_URL"].replace("<password>", "secret")
    assert not [value for value in production.values() if "<" in value]
    return {**general, **production}


def deploy_check(**overrides) -> subprocess.CompletedProcess:
    # Only what a production host would have: no developer .env, no test settings.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key in ("PATH", "HOME", "LANG", "LC_ALL", "VIRTUAL_ENV", "SYSTEMROOT")
    }
    environment.update(documented_environment())
    environment.update(overrides)
    environment["PORTAL_ENV_FILE"] = os.devnull
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_the_documented_production_environment_passes_the_deploy_check():
    result = deploy_check()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DJANGO_SECURE_SSL_REDIRECT", "false", "security.W008"),
        ("DJANGO_SECURE_HSTS_SECONDS", "0", "security.W004"),
        ("DJANGO_SECURE_COOKIES", "false", "security.W012"),
    ],
)
def test_each_protection_is_switched_off_only_by_its_variable(variable, value, warning):
    result = deploy_check(**{variable: value})

    assert result.returncode != 0
    assert warning in result.stderr + result.stdout


def test_plain_http_switches_them_all_off_and_says_so():
    result = deploy_check(PORTAL_PLAIN_HTTP="true")

    output = result.stdout + result.stderr
    assert "PORTAL_PLAIN_HTTP=true" in result.stderr
    assert "OFF" in result.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output
