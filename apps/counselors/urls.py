app_name = "counselors"
urlpatterns: list = []
