"""Delete old export jobs and their files: ``manage.py prune_exports --days 7``.

Export files hold personal data (masked, but names and schools), so they are kept only as
long as their owners need to download them. Run it daily (cron or a systemd timer); the
background task rows are pruned separately by ``prune_db_task_results``.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from apps.exports.services import export_job_prune

DEFAULT_DAYS = 7


class Command(BaseCommand):
    help = "Delete export jobs requested more than --days days ago (7), with their files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"keep the jobs of the last N days ({DEFAULT_DAYS})",
        )

    def handle(self, *args, days: int, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        result = export_job_prune(older_than=datetime.timedelta(days=days))
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {result.jobs} export jobs and {result.files} files "
                f"older than {days} days."
            )
        )
