from django.urls import path

from apps.core.routes import resource_urls
from apps.organizations import imports, views

app_name = "organizations"

# Each name has its access rule in apps/organizations/permissions.py (URL_RULES).
urlpatterns = [
    path("divisions/", views.DivisionBrowserView.as_view(), name="division-browser"),
    path("divisions/<str:code>/", views.DivisionDetailView.as_view(), name="division-detail"),
    path(
        "divisions/<str:code>/chief-counselor/",
        views.ChiefCounselorPostUpdateView.as_view(),
        name="chief-counselor-update",
    ),
    *resource_urls(views, "committees/", "committee", "detail", "update", model="WorkCommittee"),
    path(
        "committees/<int:pk>/members/new/",
        views.CommitteeMemberCreateView.as_view(),
        name="member-create",
    ),
    *resource_urls(views, "members/", "member", "update", model="CommitteeMember"),
    *resource_urls(views, "schools/", "school", "list", "create"),
    path("schools/import/", imports.SchoolImportView.as_view(), name="school-import"),
    path(
        "schools/import/template.xlsx",
        imports.SchoolImportTemplateView.as_view(),
        name="school-import-template",
    ),
    *resource_urls(views, "schools/", "school", "detail", "update"),
    path(
        "schools/<int:pk>/brigades/new/", views.BrigadeCreateView.as_view(), name="brigade-create"
    ),
    *resource_urls(views, "brigades/", "brigade", "update", "delete"),
    path("brigades/<int:pk>/squads/new/", views.SquadCreateView.as_view(), name="squad-create"),
    *resource_urls(views, "squads/", "squad", "update", "delete"),
]
