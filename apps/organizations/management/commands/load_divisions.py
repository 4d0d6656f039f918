from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.organizations.services import divisions_load


class Command(BaseCommand):
    help = "Load one province's divisions (province, prefectures, counties) by GB/T 2260 code."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            default=settings.PORTAL_PROVINCE_CODE,
            help="2-digit province code (default: the portal's province, 53 = Yunnan)",
        )

    def handle(self, *args, province, **options):
        try:
            result = divisions_load(province_code=province)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Divisions of province {province}: {result.created} created, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
        )
