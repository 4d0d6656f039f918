from django.urls import path

from apps.commendations.views import public, staff

app_name = "commendations"

# Mounted at the site root (for /verify/<serial>/); each name has its access rule in
# apps/commendations/permissions.py (URL_RULES).
urlpatterns = [
    path("commendations/", staff.NominationListView.as_view(), name="nomination-list"),
    path("commendations/rounds/<int:pk>/", staff.RoundDetailView.as_view(), name="round-detail"),
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
    path(
        "commendations/nominations/<int:pk>/",
        staff.NominationDetailView.as_view(),
        name="nomination-detail",
    ),
    path(
        "commendations/nominations/<int:pk>/review/",
        staff.NominationReviewView.as_view(),
        name="nomination-review",
    ),
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
    path(
        "commendations/notices/<int:pk>/publish/",
        staff.NoticePublishView.as_view(),
        name="notice-publish",
    ),
    path(
        "commendations/notices/<int:pk>/close/",
        staff.NoticeCloseView.as_view(),
        name="notice-close",
    ),
    path("commendations/objections/", staff.ObjectionListView.as_view(), name="objection-list"),
    path(
        "commendations/objections/<int:pk>/resolve/",
        staff.ObjectionResolveView.as_view(),
        name="objection-resolve",
    ),
    # Public
    path(
        "commendations/notices/",
        public.PublicNoticeListView.as_view(),
        name="public-notice-list",
    ),
    path(
        "commendations/notices/<int:pk>/",
        public.PublicNoticeDetailView.as_view(),
        name="public-notice-detail",
    ),
    path(
        "commendations/notices/<int:pk>/object/",
        public.ObjectionCreateView.as_view(),
        name="objection-create",
    ),
    path(
        "commendations/decisions/",
        public.PublicDecisionListView.as_view(),
        name="public-decision-list",
    ),
    path(
        "commendations/decisions/<int:pk>/",
        public.PublicDecisionDetailView.as_view(),
        name="public-decision-detail",
    ),
    path(
        "commendations/decisions/<int:pk>/list.xlsx",
        public.PublicDecisionXlsxView.as_view(),
        name="public-decision-xlsx",
    ),
    path("verify/<str:serial>/", public.VerifyView.as_view(), name="verify"),
]
