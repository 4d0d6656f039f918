"""Back up the database and the uploaded files into one folder (``make backup``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a backup folder: the database (one consistent snapshot: pg_dump, or SQLite's"
        " online backup), the files under MEDIA_ROOT as media.tar, and a manifest with"
        " their checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--into",
            type=Path,
            default=None,
            help="folder to create the backup in (default: BACKUP_DIR, var/backups)",
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, into, database, **options):
        try:
            backup = backup_create(
                into=into or Path(settings.BACKUP_DIR),
                media_root=Path(settings.MEDIA_ROOT),
                using=database,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        db = backup.manifest["database"]
        self.stdout.write(
            f"{db['engine']} database ({len(backup.manifest['migrations'])} migrations"
            f" applied, {db['size']} bytes) and {backup.file_count} files"
            f" ({backup.manifest['media']['bytes']} bytes) backed up."
        )
        if settings.S3_BUCKET:
            self.stdout.write(
                f"The uploaded files are in the object store (bucket {settings.S3_BUCKET}),"
                " not in this backup: keep them with the store's own versioning or"
                " replication (docs/deploy.md)."
            )
        # The folder's path alone on the last line, for scripts.
        self.stdout.write(str(backup.folder))
