"""Test-only urlconf: the site's URLs plus the three import routes, until projects/urls.py routes them."""

from django.urls import include, path

from taizhang import urls as site
from taizhang.projects import import_views
from taizhang.projects import urls as project_urls

routes = [
    path("import/", import_views.upload, name="import_upload"),
    path("import/<int:pk>/", import_views.preview, name="import_preview"),
    path("import/<int:pk>/commit/", import_views.commit, name="import_commit"),
]
urlpatterns = [
    *(p for p in site.urlpatterns if getattr(p, "namespace", None) != "projects"),
    path("projects/", include(([*routes, *project_urls.urlpatterns], "projects"))),
]
