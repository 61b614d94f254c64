from django.urls import path, register_converter

from taizhang.core.converters import PeriodConverter
from taizhang.ledgers import views

register_converter(PeriodConverter, "period")

app_name = "ledgers"
urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
    path("checklist/", views.checklist, name="checklist"),
    path("burden/", views.burden, name="burden"),
    path("task/<int:task_pk>/<period:period>/", views.report_edit, name="report_edit"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("<int:pk>/return/", views.report_return, name="report_return"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/archive/", views.evidence_archive, name="evidence_archive"),
]
