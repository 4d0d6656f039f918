"""Demo data reproducing the source document's figures, for a demo or a newcomer's machine."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from apps.organizations.models import Division, School, WorkCommittee

DEMO_PROVINCE = "53"

# Each area seeds its own data, in this order (later areas build on earlier ones). A seeder
# is ``seed(*, rng: random.Random, stdout) -> None`` and may assume the divisions are loaded.
DEMO_SEEDERS = [
    "apps.organizations.demo.seed",
    "apps.accounts.demo.seed",
    "apps.counselors.demo.seed",
    "apps.training.demo.seed",
    "apps.titles.demo.seed",
    "apps.inspections.demo.seed",
]


class Command(BaseCommand):
    help = "Seed demo data (committees, schools, demo accounts...). Refuses in production."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (and succeed) when the database already holds schools or committees",
        )
        parser.add_argument("--seed", type=int, default=2018, help="random seed (reproducible)")

    def handle(self, *args, if_empty, seed, **options):
        if settings.PORTAL_PRODUCTION:
            raise CommandError("seed_demo refuses to run in production (PORTAL_PRODUCTION=true).")
        if settings.PORTAL_PROVINCE_CODE != DEMO_PROVINCE:
            # The demo reproduces a Yunnan document, down to its districts and schools.
            message = f"The demo data is Yunnan's (province {DEMO_PROVINCE}); nothing seeded."
            if if_empty:
                self.stdout.write(message)
                return
            raise CommandError(message)
        province_code = f"{DEMO_PROVINCE}0000"
        if not Division.objects.filter(code=province_code).exists():
            raise CommandError(f"Division {province_code} is not loaded; run load_divisions first.")
        if School.objects.exists() or WorkCommittee.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds data; demo data not seeded.")
                return
            raise CommandError(
                "The database already holds schools or committees; seed_demo needs an empty one."
            )
        rng = random.Random(seed)
        with transaction.atomic():
            for path in DEMO_SEEDERS:
                import_string(path)(rng=rng, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data seeded."))
