"""bench at a tiny scale: its refusals, each measured export path, and the county exports.

The full run measures each province-wide export in a child process against the configured
database, which a test's transaction hides; the child's own mode (``--measure``) is run
here in-process instead, on data seed_scale wrote.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from apps.counselors.models import Counselor
from apps.devtools.management.commands.bench import BENCH_USERNAME, Command, _bench_user


def run(*args) -> str:
    out = io.StringIO()
    call_command("bench", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(divisions):
    call_command(
        "seed_scale", "--schools", "6", "--counselors", "160", "--seed", "7", stdout=io.StringIO()
    )
    return _bench_user()


def test_it_refuses_to_run_in_production(settings, db):
    settings.PORTAL_PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        run("--skip-pages")


def test_it_asks_for_seeded_data_first(db):
    with pytest.raises(CommandError, match="make seed-scale"):
        run("--skip-pages")


def test_the_bench_user_sees_the_province_with_id_numbers_masked(seeded):
    assert seeded.username == BENCH_USERNAME
    assert seeded.division_id == "530000"
    assert not seeded.has_perm("counselors.view_full_id_number")
    # Asking again reuses the account.
    assert _bench_user().pk == seeded.pk


@pytest.mark.parametrize("variant", ["portal", "bare", "import-export"])
def test_each_measured_path_exports_every_counselor(seeded, variant):
    result = json.loads(run("--measure", variant).strip().splitlines()[-1])

    assert result["variant"] == variant
    assert result["rows"] == Counselor.objects.count() == 160
    assert result["bytes"] > 0
    assert result["peak_mb"] >= result["baseline_mb"] > 0


def test_county_exports_take_the_same_number_of_queries_whatever_their_rows(seeded):
    out = io.StringIO()

    Command(stdout=out, no_color=True)._county_exports(seeded)

    report = out.getvalue()
    assert "County exports" in report
    assert report.count(" queries") == 2
    assert "target met: query count the same whatever the rows" in report
