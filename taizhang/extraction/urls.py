from django.urls import path

app_name = "extraction"
urlpatterns: list = []  # filled by the review pages (issue 5)
