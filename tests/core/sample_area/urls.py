from django.http import HttpResponse
from django.urls import path

app_name = "sample_area"
urlpatterns = [path("", lambda request: HttpResponse("sample area"), name="home")]
