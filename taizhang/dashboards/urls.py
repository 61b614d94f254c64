from django.urls import path

from taizhang.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("overview/data.json", views.overview_data, name="overview_data"),
    path("projects-overview/", views.project_overview, name="project_overview"),
    path("projects-overview/data.json", views.project_overview_data, name="project_overview_data"),
    path("projects-overview/counties/", views.county_comparison, name="county_comparison"),
]
