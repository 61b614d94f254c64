from django.urls import path, register_converter
from django.urls.converters import get_converters

from taizhang.core.converters import PeriodConverter
from taizhang.indicators import views

if "period" not in get_converters():  # ledgers.urls registers it too; whichever loads first
    register_converter(PeriodConverter, "period")

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("values/<int:pk>/", views.value_detail, name="value_detail"),
    path("values/<int:pk>/submit/", views.value_submit, name="value_submit"),
    path("values/<int:pk>/approve/", views.value_approve, name="value_approve"),
    path("values/<int:pk>/return/", views.value_return, name="value_return"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/value/<period:period>/", views.value_edit, name="value_edit"),
]
