from apps.commendations.views import public, staff
from apps.core.routes import page, resource_urls

app_name = "commendations"

# Mounted at the site root (for /verify/<serial>/); each name has its access rule in
# apps/commendations/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(staff, "commendations/", "nomination", "list"),
    *resource_urls(staff, "commendations/rounds/", "round", "detail", "close-review"),
    page(staff, "commendations/rounds/<int:pk>/final/", "final-publish"),
    page(staff, "commendations/categories/<int:pk>/nominate/", "nomination-create"),
    *resource_urls(staff, "commendations/nominations/", "nomination", "detail", "review"),
    page(staff, "commendations/nominations/<int:pk>/consent/", "consent-record"),
    page(staff, "commendations/nominations/<int:pk>/evidence/", "evidence-add"),
    page(staff, "commendations/nominations/<int:pk>/certificate.pdf", "certificate"),
    page(staff, "commendations/evidence/<int:pk>/", "evidence-download"),
    *resource_urls(staff, "commendations/notices/", "notice", "publish", "close"),
    *resource_urls(staff, "commendations/objections/", "objection", "list", "resolve"),
    # Public
    *resource_urls(public, "commendations/notices/", "public-notice", "list", "detail"),
    page(public, "commendations/notices/<int:pk>/object/", "objection-create"),
    *resource_urls(public, "commendations/decisions/", "public-decision", "list", "detail"),
    page(public, "commendations/decisions/<int:pk>/list.xlsx", "public-decision-xlsx"),
    page(public, "verify/<str:serial>/", "verify"),
]
