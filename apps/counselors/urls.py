from apps.core.routes import page
from apps.counselors import imports, views

app_name = "counselors"
urlpatterns = [
    page(views, "", "counselor-list"),
    page(views, "new/", "counselor-create"),
    page(imports, "import/", "counselor-import"),
    page(imports, "import/template.xlsx", "counselor-import-template"),
    page(views, "me/", "counselor-me"),
    page(views, "<int:pk>/", "counselor-detail"),
    page(views, "<int:pk>/edit/", "counselor-update"),
]
