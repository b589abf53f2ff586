from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/verify/", views.otp_verify, name="otp_verify"),
]
