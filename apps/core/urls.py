from django.urls import path

from apps.core import health, views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", health.HealthView.as_view(), name="healthz"),
]
