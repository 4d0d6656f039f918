"""Restore a backup folder into an empty database and media folder (``make restore``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.core.backups import BackupError, backup_restore, verify_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the configured database (which must be"
        " empty) and MEDIA_ROOT (which must hold no files), after checking every checksum"
        " of its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup folder (portal-<time>)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore over a database or media folder that is not empty",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the backup's checksums; restore nothing",
        )
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, backup, force, check, database, **options):
        try:
            if check:
                manifest = verify_backup(backup)
                self.stdout.write(
                    f"{backup}: the database dump and {manifest['media']['count']} files"
                    " match the manifest."
                )
                return
            restored = backup_restore(
                source=backup, media_root=Path(settings.MEDIA_ROOT), using=database, force=force
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {restored.manifest['database']['engine']} database of"
            f" {restored.manifest['created_at']} and {restored.file_count} files into"
            f" {settings.MEDIA_ROOT}."
        )
