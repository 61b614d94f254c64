from django.urls import path

from taizhang.enterprises import views

app_name = "enterprises"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("twin-matrix/", views.twin_matrix, name="twin_matrix"),
]
