from django.urls import path

from taizhang.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("overview/data.json", views.overview_data, name="overview_data"),
]
