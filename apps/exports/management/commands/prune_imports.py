"""Delete import previews nobody confirmed: ``manage.py prune_imports``.

A preview keeps the uploaded rows (ID numbers and phones among them) on the server until
its owner confirms or cancels it, at most IMPORT_PENDING_MINUTES. The import pages prune
expired previews as they are used; run this daily (cron or a systemd timer) so none stays
behind on a quiet day.
"""

from django.core.management.base import BaseCommand

from apps.exports.pending import pending_import_prune


class Command(BaseCommand):
    help = "Delete import previews past their expiry (IMPORT_PENDING_MINUTES)."

    def handle(self, *args, **options):
        deleted = pending_import_prune()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} expired import previews."))
