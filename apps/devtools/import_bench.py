"""The import rows of ``make bench``: a 20,000-row school file checked (the preview) and
written (the commit) as the background job does it (``import_job_execute``), as the county
officer of the largest county, in a fresh process of its own.

Everything runs inside one transaction rolled back at the end, so the benchmark database
stays as ``seed_scale`` left it and the benchmark can be run again. The job's progress
updates go through a connection of their own and find no row there (the job is not
committed), which costs what they cost in production: one small update a thousand rows.

Targets (issue 17, printed, never asserted): the preview within 15 s, the commit within
30 s, and the process's peak resident set size at most 100 MB above its size before the
file was read.
"""

from __future__ import annotations

import io
import resource
import time

from django.db import transaction
from django.urls import resolve, reverse

from apps.accounts.models import User
from apps.exports.imports.jobs import import_job_confirm, import_job_create, import_job_execute
from apps.exports.models import ImportJob, ImportStatus
from apps.organizations.resources import SchoolResource

ROWS = 20_000
TARGET_PREVIEW_SECONDS = 15
TARGET_COMMIT_SECONDS = 30
TARGET_EXTRA_MB = 100
PAGE = "organizations:school-import"


def _rss_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def school_file(county_name: str, rows: int = ROWS) -> bytes:
    """An xlsx of ``rows`` new schools of one county, in the import template's columns."""
    import xlsxwriter

    headers = [column.header for column in SchoolResource.columns]
    values = {
        "所属县（市、区）": county_name,
        "学校类型": "小学",
        "外来务工子女集中学校": "否",
        "红领巾示范校": "否",
        "团队衔接试点": "否",
        "鼓号队": "是",
        "大队数": 1,
        "中队数": 6,
        "地址": "",
    }
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, headers)
    for index in range(rows):
        row = {**values, "学校名称": f"基准导入学校{index:05d}"}
        sheet.write_row(index + 1, 0, [row.get(header, "") for header in headers])
    workbook.close()
    return buffer.getvalue()


def _run(job: ImportJob) -> tuple[ImportJob, float, float]:
    started = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_started = usage.ru_utime + usage.ru_stime
    job = import_job_execute(job_id=job.pk)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return job, time.perf_counter() - started, usage.ru_utime + usage.ru_stime - cpu_started


def measure(username: str, rows: int = ROWS) -> dict:
    """Child mode: preview and commit one school file, rolled back; the figures as a dict."""
    user = User.objects.get(username=username)
    path = reverse(PAGE)
    page = resolve(path).func.view_class().get_import_key()
    content = school_file(user.division.name, rows)
    baseline = _rss_mb()
    with transaction.atomic():
        job = import_job_create(
            actor=user, page=page, scope="", path=path, file_name="学校.xlsx", content=content
        )
        job, preview_s, preview_cpu = _run(job)
        preview_errors = job.report.get("has_errors", True)
        if not import_job_confirm(actor=user, job=job):
            raise RuntimeError(f"The preview cannot be confirmed: {job.report}")
        job, commit_s, commit_cpu = _run(job)
        written = job.status == ImportStatus.DONE and job.report.get("committed", False)
        created = job.report.get("new", 0)
        transaction.set_rollback(True)
    return {
        "rows": rows,
        "county": user.division.name,
        "preview_seconds": preview_s,
        "preview_cpu": preview_cpu,
        "preview_errors": preview_errors,
        "commit_seconds": commit_s,
        "commit_cpu": commit_cpu,
        "written": written,
        "created": created,
        "peak_mb": _rss_mb(),
        "baseline_mb": baseline,
        "file_mb": len(content) / 1024 / 1024,
    }
