from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "taizhang.plans"
    label = "plans"
