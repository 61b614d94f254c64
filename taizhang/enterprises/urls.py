from django.urls import path, register_converter
from django.urls.converters import get_converters

from taizhang.core.converters import PeriodConverter
from taizhang.enterprises import views

if "period" not in get_converters():  # ledgers.urls registers it too; whichever loads first
    register_converter(PeriodConverter, "period")

app_name = "enterprises"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/figure/<period:period>/", views.figure_edit, name="figure_edit"),
    path("figures/<int:pk>/", views.figure_detail, name="figure_detail"),
    path("figures/<int:pk>/submit/", views.figure_submit, name="figure_submit"),
    path("figures/<int:pk>/approve/", views.figure_approve, name="figure_approve"),
    path("figures/<int:pk>/return/", views.figure_return, name="figure_return"),
    path("twin-matrix/", views.twin_matrix, name="twin_matrix"),
]
