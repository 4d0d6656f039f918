"""Delete security events past their keeping time: ``manage.py prune_security_log``.

等保 2.0 asks that security logs be kept at least 180 days, so the log keeps
SECURITY_LOG_DAYS (180 by default) and the command refuses a shorter time unless told
``--force``. Run it daily (cron or a systemd timer).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.securitylog.services import security_event_prune

# What 等保 2.0 asks for at least.
MINIMUM_DAYS = 180


class Command(BaseCommand):
    help = "Delete security log events older than SECURITY_LOG_DAYS (180) days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default SECURITY_LOG_DAYS); fewer than 180 needs --force.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow keeping fewer than 180 days.",
        )

    def handle(self, *args, days=None, force=False, **options):
        days = settings.SECURITY_LOG_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        if days < MINIMUM_DAYS and not force:
            raise CommandError(
                f"Security events must be kept at least {MINIMUM_DAYS} days; "
                f"use --force to keep only {days}."
            )
        deleted = security_event_prune(days=days)
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} security events older than {days} days.")
        )
