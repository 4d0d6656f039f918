"""Mark background exports whose worker stopped as failed: ``manage.py fail_stale_exports``.

A running export saves its progress every EXPORT_PROGRESS_EVERY rows; one silent for
EXPORT_STALE_SECONDS lost its worker (a crash, a restart) and would otherwise show as
running forever. The owner's list of exports does the same check for their own jobs; run
this every few minutes (cron or a systemd timer) so every job is settled.
"""

from django.core.management.base import BaseCommand

from apps.exports.services import export_job_fail_stale


class Command(BaseCommand):
    help = "Mark running exports with no progress for EXPORT_STALE_SECONDS as failed."

    def handle(self, *args, **options):
        marked = export_job_fail_stale()
        self.stdout.write(self.style.SUCCESS(f"Marked {marked} stalled export jobs failed."))
