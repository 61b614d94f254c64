from django.urls import path

from taizhang.plans import views

app_name = "plans"
urlpatterns = [
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
]
