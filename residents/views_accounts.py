"""Sign-in, sign-up, sign-out and the two-factor step."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit_record

from .forms import SignInForm, SignupForm, TokenForm
from .services import SignupData, user_signup


class SignInView(auth_views.LoginView):
    template_name = "residents/account/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_signup(data=SignupData(**form.cleaned_data), request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="residents.auth_backends.PhoneOrEmailBackend")
            messages.success(request, _("Welcome! Now link your home: claim your unit."))
            return redirect("resident-claim")
    return render(request, "residents/account/signup.html", {"form": form})


def _safe_next(request):
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/"


@login_required
def two_factor(request):
    """Verify a TOTP code; the first time, show the secret to enrol an authenticator app."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "default"}
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(action="auth.totp_enrolled", actor=request.user, obj=request.user, request=request)
            otp_login(request, device)
            audit_record(action="auth.totp_verified", actor=request.user, obj=request.user, request=request)
            return redirect(_safe_next(request))
        audit_record(action="auth.totp_failed", actor=request.user, obj=request.user, request=request)
        form.add_error("token", _("That code is wrong or has expired. Enter the current code."))
    context = {"form": form, "enrolling": enrolling, "next": _safe_next(request)}
    if enrolling:
        context["secret"] = _base32(device.bin_key)
        context["config_url"] = device.config_url
    return render(request, "residents/account/two_factor.html", context)


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode()


class SignOutView(auth_views.LogoutView):
    pass
