from django.urls import path

from . import views

app_name = "congress"
urlpatterns = [
    path("c/<int:campaign_id>/congress/", views.package_page, name="package"),
    path("c/<int:campaign_id>/congress/package.zip", views.package_download, name="download"),
    path("c/<int:campaign_id>/congress/generate/<str:kind>/", views.document_generate, name="generate"),
    path("c/<int:campaign_id>/congress/attach/", views.linked_attach, name="attach"),
    path("c/<int:campaign_id>/congress/upload/", views.document_upload, name="upload"),
    path("c/<int:campaign_id>/congress/documents/<int:document_id>/", views.document_download, name="document"),
    path("c/<int:campaign_id>/congress/documents/<int:document_id>/remove/", views.document_remove, name="remove"),
    path("c/<int:campaign_id>/congress/steps/", views.step_record, name="step"),
]
