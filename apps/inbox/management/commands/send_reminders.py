import datetime

from django.core.management.base import BaseCommand, CommandError

from apps.core import clock
from apps.inbox.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Send one day's reminders (three working days before an item is due) and "
        "escalations (after it is due); nothing already sent is sent again. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the day to act for, YYYY-MM-DD (default: today)")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today must be YYYY-MM-DD: {error}") from error
        else:
            day = clock.today()
        sent = reminders_send(today=day)
        self.stdout.write(
            f"{day.isoformat()}: {sent.reminders} reminders and {sent.escalations} "
            f"escalations sent about {len(sent.items)} items ({sent.emails} by e-mail)."
        )
