"""``/healthz``: whether this portal can serve, for a load balancer or a monitor.

200 when the database answers and a background task worker beat within
WORKER_STALE_SECONDS, 503 otherwise; the body says which, as JSON. One query, no session,
no sign-in (its rule is public), never cached, never redirected to HTTPS
(SECURE_REDIRECT_EXEMPT in the production settings).
"""

from django.conf import settings
from django.db import Error as DatabaseError
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from apps.core import worker


@method_decorator(never_cache, name="dispatch")
class HealthView(View):
    http_method_names = ["get", "head"]

    def get(self, request):
        try:
            beat_at = worker.last_beat()
        except DatabaseError:
            return JsonResponse(
                {"status": "unavailable", "database": "unavailable", "worker": None}, status=503
            )
        fresh = worker.is_fresh(beat_at)
        return JsonResponse(
            {
                "status": "ok" if fresh else "unavailable",
                "database": "ok",
                # The newest worker's last heartbeat (ISO 8601, UTC), null when none ever beat.
                "worker": beat_at.isoformat() if beat_at else None,
                "worker_stale_after_seconds": settings.WORKER_STALE_SECONDS,
            },
            status=200 if fresh else 503,
        )
