import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.organizations.models import Division
from apps.reports.indicators import compute, province_division


class Command(BaseCommand):
    help = "Print the indicator figures for a scope (a division code) and a year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--scope", help="6-digit division code; default: the province")
        parser.add_argument("--json", action="store_true", help="print JSON (the only format)")

    def handle(self, *args, year, scope, **options):
        try:
            division = Division.objects.get(code=scope) if scope else province_division()
        except Division.DoesNotExist as exc:
            raise CommandError(f"Unknown division code: {scope or 'province'}") from exc
        self.stdout.write(
            json.dumps(compute(scope=division, year=year), ensure_ascii=False, indent=2)
        )
