from django.urls import path

from taizhang.plans import views

app_name = "plans"
urlpatterns = [
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/export.xlsx", views.task_export, name="task_export"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/archive/", views.task_archive, name="task_archive"),
    path("tasks/<int:pk>/milestones/", views.milestone_set, name="milestone_set"),
    path("milestones/<int:pk>/archive/", views.milestone_archive, name="milestone_archive"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_pk>/tasks/new/", views.task_create, name="task_create"),
]
