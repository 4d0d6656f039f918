"""Backups of the database and the uploaded files, and their restore (``manage.py backup``,
``manage.py restore``; docs/adr/0018-outages-and-backups.md).

A backup is a folder ``portal-<UTC time>/`` holding:

- ``database.pgdump``: ``pg_dump --format=custom`` of one snapshot (PostgreSQL), or
  ``database.sqlite3``: a copy made with SQLite's online backup API;
- ``media.tar``: every file under MEDIA_ROOT (evidence, documents, export files);
- ``manifest.json``, written last: when, which engine and server version, the applied
  migrations (read from the dumped snapshot itself), and the size and SHA-256 of the dump and
  of every file. A folder without a manifest is an unfinished backup.

The database is dumped before the files are read: a file a dumped row names was on disk
before the snapshot was taken, and files are never rewritten in place (random names), so the
archive holds every file the dump refers to unless one was deleted in between. Restore
checks every checksum before it writes anything, refuses a database or media folder that is
not empty unless forced, and compares the restored migration state with the manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
PG_DUMP_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
FORMAT = 1
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(media_root: Path) -> list[Path]:
    """Regular files under MEDIA_ROOT, in a stable order (links are not followed)."""
    if not media_root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        found.extend(
            Path(folder) / name for name in sorted(files) if (Path(folder) / name).is_file()
        )
    return [path for path in found if not path.is_symlink()]


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    """The client program, from BACKUP_PG_BIN_DIR when set (a host with several versions)."""
    folder = settings.BACKUP_PG_BIN_DIR
    return str(Path(folder) / name) if folder else name


def _pg_env(connection) -> dict[str, str]:
    """libpq's variables for the connection's settings: no password on a command line."""
    _, client_env = connection.client.settings_to_cmd_args_env(connection.settings_dict, [])
    conf = connection.settings_dict
    env = {**os.environ, **(client_env or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if conf.get(key):
            env[variable] = str(conf[key])
    env["PGDATABASE"] = conf["NAME"]
    return env


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    if not match:
        raise BackupError(f"Cannot read a PostgreSQL version from {version_text!r}.")
    return int(match.group(1))


def _client_version(program: str) -> str:
    try:
        result = subprocess.run(  # noqa: S603
            [_pg_tool(program), "--version"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BackupError(
            f"{program} is not available ({exc}); install the PostgreSQL client of the"
            " server's version or set BACKUP_PG_BIN_DIR."
        ) from exc
    return result.stdout.strip()


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def _pg_dump(connection, target: Path) -> dict:
    """Dump one snapshot: a repeatable-read transaction exports it, the applied migrations
    are read in it, and pg_dump dumps exactly it."""
    client = _client_version("pg_dump")
    server_major = connection.pg_version // 10000
    if _major(client) < server_major:
        raise BackupError(
            f"{client} cannot dump a PostgreSQL {server_major} server: use the client of the"
            f" server's version (BACKUP_PG_BIN_DIR=/usr/lib/postgresql/{server_major}/bin)."
        )
    snapshot_holder = connections.create_connection(connection.alias)
    try:
        with snapshot_holder.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
            args = [_pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}"]
            _run([*args, f"--file={target}"], _pg_env(connection))
            cursor.execute("COMMIT")
    finally:
        snapshot_holder.close()
    return {
        "engine": "postgresql",
        "server_version": connection.pg_version,
        "client": client,
        "migrations": migrations,
    }


def _pg_is_empty(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        )
        return cursor.fetchone()[0] == 0


def _pg_restore(connection, dump: Path, manifest: dict, *, force: bool) -> None:
    client = _client_version("pg_restore")
    dumped_by = _major(manifest["database"]["client"])
    if _major(client) < dumped_by:
        raise BackupError(f"{client} cannot read a dump made by pg_dump {dumped_by}.")
    if connection.pg_version // 10000 < manifest["database"]["server_version"] // 10000:
        raise BackupError("The target PostgreSQL server is older than the one backed up.")
    args = [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    # One transaction: the database holds all of the backup or nothing of it.
    args.append("--single-transaction")
    if force:
        args += ["--clean", "--if-exists"]
    connection.close()
    _run([*args, f"--dbname={connection.settings_dict['NAME']}", str(dump)], _pg_env(connection))


# --- SQLite -------------------------------------------------------------------------------


def _sqlite_migrations(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in rows]


def _sqlite_copy(source_path, target_path) -> None:
    # The online backup API copies a consistent state even while others write.
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _sqlite_dump(connection, target: Path) -> dict:
    _sqlite_copy(connection.settings_dict["NAME"], target)
    return {
        "engine": "sqlite",
        "server_version": sqlite3.sqlite_version,
        "client": "sqlite3 online backup",
        "migrations": _sqlite_migrations(target),
    }


def _sqlite_is_empty(connection) -> bool:
    path = Path(connection.settings_dict["NAME"])
    if not path.exists():
        return True
    with sqlite3.connect(path) as db:
        return (
            db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0
        )


def _sqlite_restore(connection, copy: Path) -> None:
    connection.close()
    target = Path(connection.settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(copy, target)


# --- Backup and restore -------------------------------------------------------------------


@dataclass(frozen=True)
class Backup:
    folder: Path
    manifest: dict

    @property
    def file_count(self) -> int:
        return self.manifest["media"]["count"]


def _engine(connection) -> str:
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _write_backup(folder, connection, engine, now, media_root: Path) -> dict:
    dump = folder / (PG_DUMP_FILE if engine == "postgresql" else SQLITE_FILE)
    facts = (_pg_dump if engine == "postgresql" else _sqlite_dump)(connection, dump)
    files = []
    with tarfile.open(folder / MEDIA_ARCHIVE, "w") as archive:
        for path in _media_files(media_root):
            name = path.relative_to(media_root).as_posix()
            files.append({"path": name, "size": path.stat().st_size, "sha256": sha256_of(path)})
            archive.add(path, arcname=name, recursive=False)
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "database": {
            "engine": engine,
            "name": Path(str(connection.settings_dict["NAME"])).name,
            "server_version": facts["server_version"],
            "client": facts["client"],
            "file": dump.name,
            "size": dump.stat().st_size,
            "sha256": sha256_of(dump),
        },
        "migrations": facts["migrations"],
        "media": {
            "file": MEDIA_ARCHIVE,
            "count": len(files),
            "bytes": sum(f["size"] for f in files),
            "files": files,
        },
    }
    partial = folder / f"{MANIFEST}.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.rename(folder / MANIFEST)
    return manifest


def backup_create(*, into: Path, media_root: Path, using: str = "default") -> Backup:
    """Write a backup folder under ``into``: the database (one snapshot), then the files."""
    connection = connections[using]
    engine = _engine(connection)
    now = datetime.datetime.now(datetime.UTC)
    folder = Path(into) / f"portal-{now:%Y%m%dT%H%M%S%fZ}"
    folder.mkdir(parents=True)
    try:
        manifest = _write_backup(folder, connection, engine, now, Path(media_root))
    except BaseException:
        # No half-written backup is left to be mistaken for one.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Backup(folder, manifest)


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} holds no {MANIFEST}: not a backup, or an unfinished one.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def verify_backup(folder: Path) -> dict:
    """The manifest, once the dump and every archived file match its sizes and checksums
    (and the archive holds nothing else)."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    database = manifest["database"]
    dump = folder / database["file"]
    if not dump.is_file() or sha256_of(dump) != database["sha256"]:
        raise BackupError(f"{dump.name} is missing or does not match the manifest's checksum.")
    expected = {f["path"]: f for f in manifest["media"]["files"]}
    seen = set()
    with tarfile.open(folder / manifest["media"]["file"]) as archive:
        for member in archive:
            entry = expected.get(member.name)
            if not member.isfile() or entry is None or not _safe_member_name(member.name):
                raise BackupError(f"{MEDIA_ARCHIVE} holds {member.name!r}, not in the manifest.")
            digest = hashlib.sha256()
            stream = archive.extractfile(member)
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
            if member.size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                raise BackupError(f"{member.name} does not match the manifest's checksum.")
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{len(missing)} files of the manifest are not in the archive.")
    return manifest


def _applied_migrations(connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def backup_restore(
    *, source: Path, media_root: Path, using: str = "default", force: bool = False
) -> Backup:
    """Bring a backup back into an empty database and an empty media folder (``force``
    restores over what is there). Nothing is written unless every checksum matches."""
    folder, media_root = Path(source), Path(media_root)
    manifest = verify_backup(folder)
    connection = connections[using]
    engine = _engine(connection)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            f"The backup is of a {manifest['database']['engine']} database, the target is {engine}."
        )
    empty = _pg_is_empty(connection) if engine == "postgresql" else _sqlite_is_empty(connection)
    if not empty and not force:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty; restore into an"
            " empty one (createdb), or pass --force to restore over it."
        )
    if _media_files(media_root) and not force:
        raise BackupError(
            f"{media_root} already holds files; restore into an empty folder, or pass --force."
        )
    dump = folder / manifest["database"]["file"]
    if engine == "postgresql":
        _pg_restore(connection, dump, manifest, force=force)
    else:
        _sqlite_restore(connection, dump)
    if _applied_migrations(connection) != manifest["migrations"]:
        raise BackupError("The restored database's migrations differ from the manifest's.")
    _restore_media(folder / manifest["media"]["file"], manifest, media_root)
    return Backup(folder, manifest)


def _restore_media(archive_path: Path, manifest: dict, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path) as archive:
        # The "data" filter refuses absolute paths, links out of the folder and devices.
        archive.extractall(media_root, filter="data")
    for entry in manifest["media"]["files"]:
        path = media_root / entry["path"]
        if not path.is_file() or sha256_of(path) != entry["sha256"]:
            raise BackupError(f"{entry['path']} was not restored intact.")
