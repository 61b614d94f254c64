from django.urls import path

from taizhang.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:code>/", views.detail, name="detail"),
]
