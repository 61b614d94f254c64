"""The typed HTTP API (django-ninja, OpenAPI at /api/docs). Each app adds its router here."""

from ninja import NinjaAPI
from ninja.security import django_auth

# django_auth (SessionAuth) checks the CSRF token on unsafe methods.
api = NinjaAPI(title="taizhang API", version="1", auth=django_auth, docs_url="/docs")
