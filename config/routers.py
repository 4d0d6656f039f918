"""The database router of installs with a read replica (DATABASE_REPLICA_URL).

Only the reads made inside ``apps.core.replica.reading_replica()`` go to the replica: the
dashboard, the reports and the exports, whose figures may be a moment behind. Every other
read goes to the primary with the writes, so a page shown after a form was saved always
shows what was saved (a replica may lag; routing every read to it would lose that).
Migrations run on the primary only; the replica copies them.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from apps.core.replica import is_reading_replica


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if is_reading_replica() and settings.REPLICA_DATABASE in settings.DATABASES:
            return settings.REPLICA_DATABASE
        # Also for an object read from the replica: what it leads to is read afresh.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
