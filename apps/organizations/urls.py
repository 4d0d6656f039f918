from apps.core.routes import page, resource_urls
from apps.organizations import imports, views

app_name = "organizations"

# Each name has its access rule in apps/organizations/permissions.py (URL_RULES).
urlpatterns = [
    page(views, "divisions/", "division-browser"),
    page(views, "divisions/<str:code>/", "division-detail"),
    page(
        views,
        "divisions/<str:code>/chief-counselor/",
        "chief-counselor-update",
        view="ChiefCounselorPostUpdateView",
    ),
    *resource_urls(views, "committees/", "committee", "detail", "update", model="WorkCommittee"),
    page(
        views, "committees/<int:pk>/members/new/", "member-create", view="CommitteeMemberCreateView"
    ),
    *resource_urls(views, "members/", "member", "update", model="CommitteeMember"),
    *resource_urls(views, "schools/", "school", "list", "create"),
    page(imports, "schools/import/", "school-import"),
    page(imports, "schools/import/template.xlsx", "school-import-template"),
    *resource_urls(views, "schools/", "school", "detail", "update"),
    page(views, "schools/<int:pk>/brigades/new/", "brigade-create"),
    *resource_urls(views, "brigades/", "brigade", "update", "delete"),
    page(views, "brigades/<int:pk>/squads/new/", "squad-create"),
    *resource_urls(views, "squads/", "squad", "update", "delete"),
]
