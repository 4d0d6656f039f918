from django.core.management.base import BaseCommand

from apps.commendations.choices import OBJECTOR_DATA_KEEP_DAYS
from apps.commendations.services import objector_data_purge


class Command(BaseCommand):
    help = "Delete objectors' names, phones and letters a set time after the final list."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=OBJECTOR_DATA_KEEP_DAYS)

    def handle(self, *args, days, **options):
        purged = objector_data_purge(keep_days=days)
        self.stdout.write(f"Objectors' data deleted from {purged} objections.")
