"""Demo data reproducing the source document's figures, for a demo or a newcomer's machine."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.core import registry

DEMO_PROVINCE = "53"


class Command(BaseCommand):
    help = "Seed demo data (committees, schools, demo accounts...). Refuses in production."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when the database already holds data",
        )
        parser.add_argument("--seed", type=int, default=2018, help="random seed (reproducible)")

    def handle(self, *args, if_empty, seed, **options):
        if settings.PORTAL_PRODUCTION:
            raise CommandError("seed_demo refuses to run in production (PORTAL_PRODUCTION=true).")
        if len(settings.DEMO_PASSWORD) < settings.PASSWORD_MIN_LENGTH:
            # Demo accounts would have to change it at their first sign-in.
            raise CommandError(
                f"DEMO_PASSWORD needs at least {settings.PASSWORD_MIN_LENGTH} characters."
            )
        if settings.PORTAL_PROVINCE_CODE != DEMO_PROVINCE:
            # The demo reproduces a Yunnan document, down to its districts and schools.
            message = f"The demo data is Yunnan's (province {DEMO_PROVINCE}); nothing seeded."
            if if_empty:
                self.stdout.write(message)
                return
            raise CommandError(message)
        # Each area seeds its own data, after the areas it names in ``demo_after``.
        seeders = registry.demo_seeders()
        for seeder in seeders:
            reason = seeder.missing() if seeder.missing else None
            if reason:
                raise CommandError(reason)
        if any(seeder.has_data() for seeder in seeders if seeder.has_data):
            if if_empty:
                self.stdout.write("The database already holds data; demo data not seeded.")
                return
            raise CommandError("The database already holds data; seed_demo needs an empty one.")
        rng = random.Random(seed)
        # A seeder writing past years sets the core clock (``clock.travel``) around the
        # services it calls, so history goes through the same rules users meet.
        with transaction.atomic():
            for seeder in seeders:
                seeder.seed(rng=rng, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data seeded."))
