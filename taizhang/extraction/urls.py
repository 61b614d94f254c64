from django.urls import path

from taizhang.extraction import views

app_name = "extraction"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/coverage/", views.document_coverage, name="document_coverage"),
    path("<int:pk>/merge/", views.items_merge, name="items_merge"),
    path("<int:pk>/accept/", views.items_accept, name="items_accept"),
    path("<int:pk>/link/", views.link_tasks, name="link_tasks"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/drop/", views.item_drop, name="item_drop"),
    path("items/<int:pk>/restore/", views.item_restore, name="item_restore"),
    path("items/<int:pk>/lead/", views.item_lead, name="item_lead"),
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/<int:pk>/", views.lead_edit, name="lead_edit"),
    path("leads/copy-default/", views.lead_copy_default, name="lead_copy_default"),
]
