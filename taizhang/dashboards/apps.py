from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "taizhang.dashboards"
    label = "dashboards"
