"""Clear the text of micro-wishes confirmed more than PAIRING_WISH_TEXT_MONTHS (13) months
ago, keeping their counts, and return claims older than 30 days to open. Run it daily."""

from django.core.management.base import BaseCommand

from apps.pairing import services
from apps.pairing.models import wish_text_months


class Command(BaseCommand):
    help = (
        "Clear the text of micro-wishes confirmed over PAIRING_WISH_TEXT_MONTHS months ago "
        "(13 by default) and return claims not fulfilled within 30 days to open."
    )

    def handle(self, *args, **options):
        returned = services.wishes_return_overdue()
        cleared = services.wishes_purge_text()
        self.stdout.write(
            f"Micro-wishes: {cleared} texts cleared ({wish_text_months()} months after "
            f"confirmation), {returned} overdue claims returned to open."
        )
