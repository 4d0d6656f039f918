from apps.core.routes import page, resource_urls
from apps.counselors import imports, views

app_name = "counselors"
urlpatterns = [
    *resource_urls(views, "", "counselor", "list", "create", "detail", "update"),
    page(imports, "import/", "counselor-import"),
    page(imports, "import/template.xlsx", "counselor-import-template"),
    page(views, "me/", "counselor-me"),
]
