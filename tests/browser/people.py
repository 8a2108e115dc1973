"""Acting as a person in the browser: finding fields by their labels, signing in, the authenticator app."""

from base64 import b32decode

from django_otp.oath import totp

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory's
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def field(scope, label: str):
    """The form field labelled `label` (Django's labels end in its label suffix ":")."""
    return scope.get_by_label(f"{label}:", exact=True)


def sign_in(page, login: str, password: str = PASSWORD) -> None:
    """Fill the sign-in form through its labels and send it with Enter, as a person would."""
    page.goto("/accounts/login/")
    field(page, "手机号、邮箱或用户名").fill(login)
    field(page, "密码").fill(password)
    field(page, "密码").press("Enter")  # as most people send it


def pass_two_factor(page) -> None:
    """Staff and committee accounts: the first sign-in shows a key to add to an authenticator app; type the code
    that app would show now (RFC 6238, as django-otp checks it)."""
    page.wait_for_url("**/accounts/two-factor/**")
    secret = page.locator("code.secret").inner_text().strip()
    code = field(page, "身份验证器应用显示的 6 位验证码")
    code.fill(f"{totp(b32decode(secret)):06d}")
    code.press("Enter")
