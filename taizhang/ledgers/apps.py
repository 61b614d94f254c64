from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "taizhang.ledgers"
    label = "ledgers"
