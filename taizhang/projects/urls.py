from django.urls import path, register_converter
from django.urls.converters import get_converters

from taizhang.core.converters import PeriodConverter
from taizhang.projects import import_views, views

if "period" not in get_converters():  # ledgers.urls registers it too; whichever loads first
    register_converter(PeriodConverter, "period")

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("export.xlsx", views.project_export, name="project_export"),
    path("new/", views.project_create, name="project_create"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/archive/", views.project_archive, name="project_archive"),
    path("<int:pk>/report/<period:period>/", views.project_report_edit, name="project_report_edit"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/submit/", views.project_report_submit, name="project_report_submit"),
    path("reports/<int:pk>/approve/", views.project_report_approve, name="project_report_approve"),
    path("reports/<int:pk>/return/", views.project_report_return, name="project_report_return"),
    # Excel import of dispatch sheets (import_views.py, the import's own pages)
    path("import/", import_views.upload, name="import_upload"),
    path("import/<int:pk>/", import_views.preview, name="import_preview"),
    path("import/<int:pk>/commit/", import_views.commit, name="import_commit"),
]
