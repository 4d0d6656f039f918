"""Benchmark of exports and list pages against seed_scale data (``make bench``).

Prints, from one run:

* the province-wide counselor export (about 150,000 rows to xlsx) through the portal's own
  path (its worksheet written directly, ADR 0025), next to (a) bare XlsxWriter
  constant_memory and bare openpyxl
  write-only writers fed the same ``values_list`` rows and (b) django-import-export's
  default path (a ModelResource export of the same queryset, then its XLSX format). Each
  runs in a fresh child process, and its peak memory is that process's peak resident set
  size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), which counts everything the process
  held, C libraries included, at no cost to the timing (unlike tracemalloc). The child's
  resident size before the export is printed as its baseline;
* county exports (about 1,200 rows) with their time and query count, for two counties of
  different sizes, to show the count does not follow the rows;
* a 20,000-row school import, previewed and written as its background job does it, in a
  fresh process, rolled back afterwards (apps/devtools/import_bench.py);
* the pages (apps/devtools/page_bench.py): the sign-in page, the county counselor and
  school lists, the last page of the school and counselor lists, and the dashboard at
  province and county scope, served by the production server (``manage.py serve``) and
  loaded by wrk from its own process: median and 95th percentile, requests a second,
  errors, the server's CPU time a request and the queries of one request.

Targets (printed, never asserted): the province export within 1.3x the bare XlsxWriter's
time, within 8 s and under 150 MB peak; a county export under 0.5 s with a constant number
of queries; the page targets in page_bench.py.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import user_apply_role
from apps.counselors.exports import COUNSELORS
from apps.counselors.models import Counselor
from apps.devtools import import_bench, page_bench
from apps.exports.choices import ExportFormat
from apps.exports.files import CHUNK_SIZE, write_export
from apps.exports.writers import accessors
from apps.organizations.models import Division

BENCH_USERNAME = "bench_province"
VARIANTS = ("portal", "bare-xlsxwriter", "bare", "import-export")
TARGET_RATIO = 1.3
TARGET_PROVINCE_SECONDS = 8
TARGET_PEAK_MB = 150
TARGET_COUNTY_SECONDS = 0.5
COUNTY_ROWS = 1200


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bench_user() -> User:
    """A provincial education officer: the widest scope, with ID numbers masked."""
    province = f"{settings.PORTAL_PROVINCE_CODE[:2]}0000"
    user, created = User.objects.get_or_create(
        username=BENCH_USERNAME,
        defaults={"role": Role.EDUCATION, "division_id": province, "full_name": "基准测试"},
    )
    if created:
        user.set_unusable_password()
    user_apply_role(user=user)
    user.save()
    return User.objects.get(pk=user.pk)


class Command(BaseCommand):
    help = "Benchmark exports and list pages against seed_scale data (see make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="seconds of load a page (10)")
        parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up a page (2)")
        parser.add_argument("--skip-exports", action="store_true", help="pages only")
        parser.add_argument("--skip-pages", action="store_true", help="exports only")
        parser.add_argument("--skip-imports", action="store_true", help="no import rows")
        parser.add_argument(
            "--skip-import-export",
            action="store_true",
            help="leave out django-import-export's path (slow, and memory-hungry at scale)",
        )
        # Internal: one measured export or import, run by the parent in a fresh process.
        parser.add_argument("--measure", choices=(*VARIANTS, "import"), help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if settings.PORTAL_PRODUCTION:
            raise CommandError("bench refuses to run in production (PORTAL_PRODUCTION=true).")
        if options["measure"] == "import":
            self.stdout.write(json.dumps(import_bench.measure(page_bench.COUNTY_USERNAME)))
            return
        if options["measure"]:
            self._measure(options["measure"])
            return
        total = Counselor.objects.count()
        if not total:
            raise CommandError("No counselors to export: run `make seed-scale` first.")
        user = _bench_user()
        self.stdout.write(
            f"Database {connection.vendor} ({connection.settings_dict['NAME']}): "
            f"{total} counselors. Exports as {user.username} (province, ID numbers masked)."
        )
        if not options["skip_exports"]:
            self._exports(options["skip_import_export"])
            self._county_exports(user)
        if not options["skip_imports"]:
            self._imports()
        if not options["skip_pages"]:
            page_bench.run(self, user, duration=options["duration"], warmup=options["warmup"])

    # Exports -------------------------------------------------------------------------

    def _measure(self, variant: str) -> None:
        """Child mode: one province-wide export, printed as JSON."""
        user = User.objects.get(username=BENCH_USERNAME)
        queryset = COUNSELORS.queryset(actor=user, filters=QueryDict())
        columns = COUNSELORS.columns(user)
        baseline = _rss_mb()
        with tempfile.TemporaryFile() as target:
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            if variant == "portal":
                rows = write_export(
                    queryset=queryset,
                    columns=columns,
                    file_format=ExportFormat.XLSX,
                    target=target,
                    title=str(COUNSELORS.label),
                )
            elif variant == "bare":
                rows = _bare_export(queryset, columns, target)
            elif variant == "bare-xlsxwriter":
                rows = _bare_xlsxwriter_export(queryset, columns, target)
            else:
                rows = _import_export(queryset, target)
            seconds = time.perf_counter() - started
            cpu = _cpu_seconds() - cpu_started
            size = target.seek(0, os.SEEK_END)
        result = {
            "variant": variant,
            "rows": rows,
            "seconds": seconds,
            "cpu": cpu,
            "peak_mb": _rss_mb(),
            "baseline_mb": baseline,
            "bytes": size,
        }
        self.stdout.write(json.dumps(result))

    def _run_child(self, variant: str) -> dict:
        command = [sys.executable, "manage.py", "bench", "--measure", variant]
        done = subprocess.run(  # noqa: S603 - our own interpreter and command, no user input
            command,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise CommandError(f"The {variant} run failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def _exports(self, skip_import_export: bool) -> None:
        variants = [v for v in VARIANTS if not (skip_import_export and v == "import-export")]
        self.stdout.write(
            "\nProvince-wide counselor export to xlsx, each in a fresh process "
            "(peak = the process's peak resident set size, ru_maxrss):"
        )
        results = {}
        for variant in variants:
            self.stdout.write(f"  running {variant} ...")
            results[variant] = self._run_child(variant)
        bare, bare_cpu = results["bare"]["seconds"], results["bare"]["cpu"]
        self.stdout.write(
            f"  {'path':<34}{'rows':>8}{'time s':>8}{'vs bare':>9}{'CPU s':>8}{'vs bare':>9}"
            f"{'peak MB':>9}{'base MB':>9}{'file MB':>9}"
        )
        labels = {
            "portal": "portal (write_export)",
            "bare-xlsxwriter": "bare XlsxWriter constant_memory",
            "bare": "bare openpyxl write-only",
            "import-export": "django-import-export ModelResource",
        }
        for variant, r in results.items():
            self.stdout.write(
                f"  {labels[variant]:<34}{r['rows']:>8}{r['seconds']:>8.2f}"
                f"{r['seconds'] / bare:>8.2f}x{r['cpu']:>8.2f}{r['cpu'] / bare_cpu:>8.2f}x"
                f"{r['peak_mb']:>9.0f}{r['baseline_mb']:>9.0f}{r['bytes'] / 1024 / 1024:>9.1f}"
            )
        self.stdout.write(
            "  (time is wall-clock and includes the database; CPU is the exporting process's "
            "own, steadier on a busy machine)"
        )
        portal, same_writer = results["portal"], results["bare-xlsxwriter"]
        ratio = portal["seconds"] / same_writer["seconds"]
        self._target(
            f"portal export within {TARGET_RATIO}x the bare XlsxWriter's time: {ratio:.2f}x "
            f"(CPU {portal['cpu'] / same_writer['cpu']:.2f}x)",
            ratio <= TARGET_RATIO,
        )
        self._target(
            f"portal export within {TARGET_PROVINCE_SECONDS} s: {portal['seconds']:.2f} s "
            f"(CPU {portal['cpu']:.2f} s)",
            portal["seconds"] <= TARGET_PROVINCE_SECONDS,
        )
        self._target(
            f"portal export peak under {TARGET_PEAK_MB} MB: {portal['peak_mb']:.0f} MB",
            portal["peak_mb"] < TARGET_PEAK_MB,
        )

    def _county_exports(self, user: User) -> None:
        counties = list(
            Division.objects.filter(level="county")
            .annotate(rows=Count("counselors"))
            .filter(rows__gt=0)
            .order_by("rows")
        )
        if not counties:
            return
        typical = min(counties, key=lambda c: abs(c.rows - COUNTY_ROWS))
        smallest = counties[0]
        self.stdout.write("\nCounty exports (the request's path: count, then the file):")
        counts = set()
        # The user's permission set and the list's county choices are kept between requests
        # until a write (ADR 0024): the list page before the export has read them, so they
        # are read once here before measuring.
        actor = User.objects.get(pk=user.pk)
        actor.get_all_permissions()
        COUNSELORS.queryset(actor=actor, filters=QueryDict(f"county={typical.code}")).count()
        for county in dict.fromkeys([typical, smallest]):
            # A fresh user each time, as each request has: nothing carried over on the object.
            actor = User.objects.get(pk=user.pk)
            with CaptureQueriesContext(connection) as queries, tempfile.TemporaryFile() as out:
                started = time.perf_counter()
                queryset = COUNSELORS.queryset(
                    actor=actor, filters=QueryDict(f"county={county.code}")
                )
                queryset.count()
                rows = write_export(
                    queryset=queryset,
                    columns=COUNSELORS.columns(actor),
                    file_format=ExportFormat.XLSX,
                    target=out,
                )
                seconds = time.perf_counter() - started
            counts.add(len(queries))
            self.stdout.write(
                f"  {county.name} ({county.code}): {rows} rows in {seconds:.3f} s, "
                f"{len(queries)} queries"
            )
            if county is typical:
                self._target(
                    f"county export under {TARGET_COUNTY_SECONDS} s: {seconds:.3f} s",
                    seconds < TARGET_COUNTY_SECONDS,
                )
        self._target("query count the same whatever the rows", len(counts) == 1)

    # Imports: apps/devtools/import_bench.py -----------------------------------------------

    def _imports(self) -> None:
        county = page_bench.largest_county()
        page_bench.county_user(county)
        self.stdout.write(
            f"\nSchool import of {import_bench.ROWS} rows into {county.name} as "
            f"{page_bench.COUNTY_USERNAME}, previewed and written as the background job does it, "
            "in a fresh process, rolled back afterwards:"
        )
        r = self._run_child("import")
        self.stdout.write(
            f"  preview {r['preview_seconds']:.1f} s (CPU {r['preview_cpu']:.1f} s), "
            f"commit {r['commit_seconds']:.1f} s (CPU {r['commit_cpu']:.1f} s), "
            f"{r['created']} schools written, peak {r['peak_mb']:.0f} MB "
            f"(before reading the {r['file_mb']:.1f} MB file {r['baseline_mb']:.0f} MB)"
        )
        self._target(
            f"import preview within {import_bench.TARGET_PREVIEW_SECONDS} s: "
            f"{r['preview_seconds']:.1f} s, without errors",
            r["preview_seconds"] <= import_bench.TARGET_PREVIEW_SECONDS and not r["preview_errors"],
        )
        self._target(
            f"import commit within {import_bench.TARGET_COMMIT_SECONDS} s: "
            f"{r['commit_seconds']:.1f} s, every row written",
            r["commit_seconds"] <= import_bench.TARGET_COMMIT_SECONDS
            and r["written"]
            and r["created"] == r["rows"],
        )
        extra = r["peak_mb"] - r["baseline_mb"]
        self._target(
            f"import at most +{import_bench.TARGET_EXTRA_MB} MB: +{extra:.0f} MB",
            extra <= import_bench.TARGET_EXTRA_MB,
        )

    # Pages: apps/devtools/page_bench.py ---------------------------------------------------

    def _target(self, label: str, met: bool) -> None:
        mark = self.style.SUCCESS("met") if met else self.style.WARNING("missed")
        self.stdout.write(f"  target {mark}: {label}")


def _bare_export(queryset, columns, target) -> int:
    """openpyxl write-only fed the raw values_list rows: no header, escaping or labels."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    rows = 0
    for row in queryset.values_list(*accessors(columns)).iterator(chunk_size=CHUNK_SIZE):
        sheet.append(row)
        rows += 1
    workbook.save(target)
    return rows


def _bare_xlsxwriter_export(queryset, columns, target) -> int:
    """XlsxWriter in constant_memory mode fed the raw values_list rows: no header,
    escaping, labels or formats (the writer the portal uses, on its own)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    rows = 0
    for row in queryset.values_list(*accessors(columns)).iterator(chunk_size=CHUNK_SIZE):
        sheet.write_row(rows, 0, row)
        rows += 1
    workbook.close()
    return rows


def _import_export(queryset, target) -> int:
    """django-import-export's default: a ModelResource of the model, exported to XLSX."""
    from import_export.formats.base_formats import XLSX
    from import_export.resources import modelresource_factory

    resource_class = modelresource_factory(model=queryset.model)
    dataset = resource_class().export(queryset)
    target.write(XLSX().export_data(dataset))
    return len(dataset)
