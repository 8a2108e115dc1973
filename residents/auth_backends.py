"""Sign in with a phone number, an email address or a username."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from core.phones import normalize_phone

from .models import User


def find_user(identifier: str):
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    if "@" in identifier:
        return User.objects.filter(email__iexact=identifier).first()
    try:
        phone = normalize_phone(identifier)
    except ValidationError:
        phone = None
    if phone:
        user = User.objects.filter(phone=phone).first()
        if user:
            return user
    return User.objects.filter(username=identifier).first()


def lockout_key(request, credentials=None) -> str:
    """django-axes' username (AXES_USERNAME_CALLABLE): one key per account, however its phone or email is typed.

    Without it, "138 1234 1234", "+86 138-1234-1234" and the email each got five guesses of their own.
    """
    data = credentials if credentials is not None else getattr(request, "data", request.POST)
    identifier = (data.get("username") or "").strip()
    user = find_user(identifier)
    return user.username if user is not None else identifier.lower()


class PhoneOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = find_user(username)
        if user is None:
            User().set_password(password or "")  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password or "") and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        # Every page reads the signed-in user's person (navigation, scoping): one query instead of two.
        user = User._default_manager.select_related("person").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
