"""`manage.py backup` and `restore` (make backup / make restore): a round trip through a
second PostgreSQL database and a second media folder gives the same indicators and files
(apps/core/backups.py)."""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from apps.core import clock
from apps.core.backups import BackupError, verify_backup
from apps.core.evidence import evidence_store
from apps.reports.indicators import compute
from apps.titles.models import EvidenceFile
from tests.factories import SchoolFactory, division
from tests.factories.counselors import AttendanceFactory, CounselorFactory, CourseFactory
from tests.factories.organizations import dual_chair_committee
from tests.factories.titles import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    TitleApplicationFactory,
    upload,
)

# The demo's years, this year, and the scopes the dashboard opens with.
YEARS = (2017, 2018, clock.today().year)
SCOPES = ("530000", "530100")
REPO = Path(django_settings.BASE_DIR)

# What the restored copy reports, read by a separate process on the restored database.
RESTORED_FIGURES = """
import json
from django.apps import apps
from django.db import models
from apps.organizations.models import Division
from apps.reports.indicators import compute
figures = {f"{scope}/{year}": compute(scope=Division.objects.get(code=scope), year=year)
           for scope in %(scopes)r for year in %(years)r}
files = sorted(
    name
    for model in apps.get_models()
    for field in model._meta.concrete_fields if isinstance(field, models.FileField)
    for name in model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
)
print(json.dumps({"figures": figures, "files": files}, ensure_ascii=False))
"""


def _checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _seed(tmp_media: Path) -> int:
    """A small real data set through the factories: schools in two prefectures, counselors
    trained on a provincial course, a dual-chair committee, title applications of 2017 and
    2018 with their evidence scans on disk. Returns the number of evidence files."""
    dual_chair_committee("530102")
    kunming = [SchoolFactory(county=division("530102")) for _ in range(3)]
    yuxi = [SchoolFactory(county=division("530402")) for _ in range(2)]
    course = CourseFactory(start_date=datetime.date(2017, 7, 10))
    for school in kunming + yuxi:
        AttendanceFactory(course=course, counselor=CounselorFactory(school=school))
    files = 0
    for year, school, content, name in (
        (2017, kunming[0], PDF_BYTES, "证书.pdf"),
        (2017, kunming[1], PNG_BYTES, "photo.png"),
        (2018, yuxi[0], JPEG_BYTES, "scan.jpg"),
    ):
        application = TitleApplicationFactory(year=year, approved=True, applicant__school=school)
        for n in range(2):
            row = EvidenceFile(application=application)
            evidence_store(
                row,
                upload(f"{n}-{name}", content, content_type=None),
                actor=application.applicant.user,
            )
            files += 1
    return files


def _figures() -> dict:
    figures = {
        f"{scope}/{year}": compute(scope=division(scope), year=year)
        for scope in SCOPES
        for year in YEARS
    }
    return json.loads(json.dumps(figures, ensure_ascii=False))


def _database_url(name: str) -> str:
    conf = connection.settings_dict
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    return f"postgres://{conf['USER']}{password}@{conf['HOST']}:{conf['PORT']}/{name}"


def _manage(*args, media: Path, database: str | None = None, url: str | None = None) -> str:
    """Run a management command in another process, on another database and media folder."""
    env = {
        **os.environ,
        "DATABASE_URL": url or _database_url(database),
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def media(settings, tmp_path):
    """Uploads written to a real folder, as in production."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def second_database():
    """An empty PostgreSQL database beside the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_elsewhere_with_the_same_indicators_and_files(
    divisions, media, second_database, tmp_path
):
    # given a database with data and evidence files on disk
    evidence_count = _seed(media)
    original = _figures()
    original_files = _checksums(media)
    assert len(original_files) == evidence_count == 6

    # when it is backed up
    out = io.StringIO()
    call_command("backup", into=tmp_path / "backups", stdout=out)
    folder = Path(out.getvalue().strip().splitlines()[-1])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"]["engine"] == "postgresql"
    assert manifest["media"]["count"] == evidence_count
    assert {f["path"]: f["sha256"] for f in manifest["media"]["files"]} == original_files
    assert "titles.0001_initial" in manifest["migrations"]

    # and restored by another process into an empty database and an empty media folder
    restored_media = tmp_path / "restored-media"
    _manage("restore", str(folder), database=second_database, media=restored_media)

    # then the restored copy reports the same indicators, for the province and a
    # prefecture in the demo's years and this one, and holds the same files
    script = RESTORED_FIGURES % {"scopes": SCOPES, "years": YEARS}
    output = _manage("shell", "-c", script, database=second_database, media=restored_media)
    restored = json.loads(output.strip().splitlines()[-1])
    assert restored["figures"] == original
    assert original["530000/2017"]["titles"] != original["530000/2018"]["titles"]
    assert _checksums(restored_media) == original_files
    # and every file a restored row names is there
    assert len(restored["files"]) == evidence_count
    assert all((restored_media / name).is_file() for name in restored["files"])

    # and restoring it again over a database that is no longer empty is refused
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder), stdout=io.StringIO())
    assert _figures() == original


@pytest.mark.django_db
def test_restore_refuses_a_backup_whose_files_do_not_match_the_manifest(media, tmp_path):
    # given a backup whose archive was altered after it was written
    (media / "titles" / "evidence").mkdir(parents=True)
    (media / "titles" / "evidence" / "a.pdf").write_bytes(PDF_BYTES)
    (media / "titles" / "evidence" / "b.png").write_bytes(PNG_BYTES)
    out = io.StringIO()
    call_command("backup", into=tmp_path / "backups", stdout=out)
    folder = Path(out.getvalue().strip().splitlines()[-1])
    verify_backup(folder)
    tampered = tmp_path / "tampered"
    shutil.copytree(folder, tampered)
    with (
        tarfile.open(folder / "media.tar") as source,
        tarfile.open(tampered / "media.tar", "w") as target,
    ):
        for member in source:
            data = source.extractfile(member).read()
            if member.name.endswith(".pdf"):
                data = data.replace(b"%%EOF", b"%%EOX")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    # then it is refused before anything is restored
    with pytest.raises(BackupError, match="checksum"):
        verify_backup(tampered)
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(tampered), "--check", stdout=io.StringIO())


def test_a_sqlite_database_round_trips_through_the_online_backup(tmp_path):
    # given the SQLite default: a database file with rows and an uploaded file
    source = tmp_path / "portal.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE django_migrations (id integer primary key, app, name, applied)")
        db.execute("INSERT INTO django_migrations (app, name) VALUES ('core', '0001_initial')")
        db.execute("CREATE TABLE school (id integer primary key, name text)")
        db.executemany("INSERT INTO school (name) VALUES (?)", [("一中",), ("二小",)])
    media = tmp_path / "media"
    (media / "titles").mkdir(parents=True)
    (media / "titles" / "scan.pdf").write_bytes(PDF_BYTES)

    # when it is backed up and restored into another file and folder, by other processes
    out = _manage(
        "backup", "--into", str(tmp_path / "backups"), url=f"sqlite:///{source}", media=media
    )
    folder = Path(out.strip().splitlines()[-1])
    target = tmp_path / "restored.sqlite3"
    restored_media = tmp_path / "restored-media"
    _manage("restore", str(folder), url=f"sqlite:///{target}", media=restored_media)

    # then the copy holds the same rows and files
    with sqlite3.connect(target) as db:
        assert db.execute("SELECT name FROM school ORDER BY id").fetchall() == [
            ("一中",),
            ("二小",),
        ]
    assert _checksums(restored_media) == _checksums(media)
    assert json.loads((folder / "manifest.json").read_text())["migrations"] == ["core.0001_initial"]


@pytest.mark.django_db
def test_backup_refuses_a_pg_dump_older_than_the_server(settings, media, tmp_path):
    # given a pg_dump of an older major version than the server's
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    settings.BACKUP_PG_BIN_DIR = str(bin_dir)

    # then the backup is refused with the way out, and no unfinished folder is left
    with pytest.raises(CommandError, match="BACKUP_PG_BIN_DIR"):
        call_command("backup", into=tmp_path / "backups", stdout=io.StringIO())
    assert list((tmp_path / "backups").iterdir()) == []


@pytest.mark.django_db
def test_a_backup_says_the_files_in_an_object_store_are_not_in_it(settings, media, tmp_path):
    settings.S3_BUCKET = "portal-media"
    out = io.StringIO()

    call_command("backup", into=tmp_path / "backups", stdout=out)

    *lines, last = out.getvalue().strip().splitlines()
    assert any("portal-media" in line and "not in this backup" in line for line in lines)
    assert (Path(last) / "manifest.json").exists()
