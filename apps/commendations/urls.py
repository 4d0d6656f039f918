from django.urls import path

from apps.commendations.views import public, staff
from apps.core.routes import resource_urls

app_name = "commendations"

# Mounted at the site root (for /verify/<serial>/); each name has its access rule in
# apps/commendations/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(staff, "commendations/", "nomination", "list"),
    *resource_urls(staff, "commendations/rounds/", "round", "detail"),
    path(
        "commendations/rounds/<int:pk>/close-review/",
        staff.RoundCloseReviewView.as_view(),
        name="round-close-review",
    ),
    path(
        "commendations/rounds/<int:pk>/final/",
        staff.FinalPublishView.as_view(),
        name="final-publish",
    ),
    path(
        "commendations/categories/<int:pk>/nominate/",
        staff.NominationCreateView.as_view(),
        name="nomination-create",
    ),
    *resource_urls(staff, "commendations/nominations/", "nomination", "detail", "review"),
    path(
        "commendations/nominations/<int:pk>/consent/",
        staff.ConsentRecordView.as_view(),
        name="consent-record",
    ),
    path(
        "commendations/nominations/<int:pk>/evidence/",
        staff.EvidenceAddView.as_view(),
        name="evidence-add",
    ),
    path(
        "commendations/nominations/<int:pk>/certificate.pdf",
        staff.CertificateView.as_view(),
        name="certificate",
    ),
    path(
        "commendations/evidence/<int:pk>/",
        staff.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    *resource_urls(staff, "commendations/notices/", "notice", "publish", "close"),
    path("commendations/objections/", staff.ObjectionListView.as_view(), name="objection-list"),
    *resource_urls(staff, "commendations/objections/", "objection", "resolve"),
    # Public
    *resource_urls(public, "commendations/notices/", "public-notice", "list", "detail"),
    path(
        "commendations/notices/<int:pk>/object/",
        public.ObjectionCreateView.as_view(),
        name="objection-create",
    ),
    *resource_urls(public, "commendations/decisions/", "public-decision", "list", "detail"),
    path(
        "commendations/decisions/<int:pk>/list.xlsx",
        public.PublicDecisionXlsxView.as_view(),
        name="public-decision-xlsx",
    ),
    path("verify/<str:serial>/", public.VerifyView.as_view(), name="verify"),
]
