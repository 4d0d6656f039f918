from django.urls import path

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
    path("committees/<int:pk>/", views.WorkCommitteeDetailView.as_view(), name="committee-detail"),
    path(
        "committees/<int:pk>/edit/",
        views.WorkCommitteeUpdateView.as_view(),
        name="committee-update",
    ),
    path(
        "committees/<int:pk>/members/new/",
        views.CommitteeMemberCreateView.as_view(),
        name="member-create",
    ),
    path("members/<int:pk>/edit/", views.CommitteeMemberUpdateView.as_view(), name="member-update"),
    path("schools/", views.SchoolListView.as_view(), name="school-list"),
    path("schools/new/", views.SchoolCreateView.as_view(), name="school-create"),
    path("schools/import/", imports.SchoolImportView.as_view(), name="school-import"),
    path(
        "schools/import/template.xlsx",
        imports.SchoolImportTemplateView.as_view(),
        name="school-import-template",
    ),
    path("schools/<int:pk>/", views.SchoolDetailView.as_view(), name="school-detail"),
    path("schools/<int:pk>/edit/", views.SchoolUpdateView.as_view(), name="school-update"),
    path(
        "schools/<int:pk>/brigades/new/", views.BrigadeCreateView.as_view(), name="brigade-create"
    ),
    path("brigades/<int:pk>/edit/", views.BrigadeUpdateView.as_view(), name="brigade-update"),
    path("brigades/<int:pk>/delete/", views.BrigadeDeleteView.as_view(), name="brigade-delete"),
    path("brigades/<int:pk>/squads/new/", views.SquadCreateView.as_view(), name="squad-create"),
    path("squads/<int:pk>/edit/", views.SquadUpdateView.as_view(), name="squad-update"),
    path("squads/<int:pk>/delete/", views.SquadDeleteView.as_view(), name="squad-delete"),
]
