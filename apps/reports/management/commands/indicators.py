import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.organizations.models import Division
from apps.reports.indicators import compute, province_division

FIRST_YEAR = 2000


def _flatten(value, prefix=""):
    """("dual_chair.by_prefecture.530100.compliant", 2) pairs for the plain-text output."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flatten(item, f"{prefix}{key}.")
    else:
        yield prefix.rstrip("."), value


class Command(BaseCommand):
    help = "Print the indicator figures for a scope (a division code) and a year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument(
            "--scope",
            help="division code (6 digits, or the 2/4-digit prefix); default: the province",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print JSON (default: one 'key value' a line)",
        )

    def handle(self, *args, year, scope, as_json, **options):
        this_year = timezone.localdate().year
        if not FIRST_YEAR <= year <= this_year:
            raise CommandError(f"--year must be between {FIRST_YEAR} and {this_year}.")
        figures = compute(scope=self._division(scope), year=year)
        if as_json:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        for key, value in _flatten(figures):
            self.stdout.write(f"{key}\t{value}")

    def _division(self, scope: str | None) -> Division:
        if not scope:
            try:
                return province_division()
            except Division.DoesNotExist as exc:
                raise CommandError("No divisions are loaded; run load_divisions first.") from exc
        code = scope.strip()
        if not code.isdigit() or len(code) not in (2, 4, 6):
            raise CommandError(f"Invalid division code {scope!r}: expected 6 digits, e.g. 530102.")
        try:
            return Division.objects.get(code=code.ljust(6, "0"))
        except Division.DoesNotExist as exc:
            raise CommandError(f"Unknown division code: {code.ljust(6, '0')}.") from exc
