from django.urls import path

from . import views_accounts as views

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="account-login"),
    path("logout/", views.SignOutView.as_view(), name="account-logout"),
    path("signup/", views.signup, name="account-signup"),
    path("two-factor/", views.two_factor, name="account-two-factor"),
]
