from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from taizhang.api import api

urlpatterns = [
    path(
        "login/",
        login_not_required(auth_views.LoginView.as_view(template_name="accounts/login.html")),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("taizhang.dashboards.urls")),
    path("plans/", include("taizhang.plans.urls")),
    path("reports/", include("taizhang.ledgers.urls")),
    path("projects/", include("taizhang.projects.urls")),
    path("industry/", include("taizhang.enterprises.urls")),
    path("indicators/", include("taizhang.indicators.urls")),
    path("breakdown/", include("taizhang.extraction.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
