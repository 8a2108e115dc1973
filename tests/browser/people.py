"""Acting as a person in the browser: opening a window of one's own, signing in, the authenticator app."""

from base64 import b32decode

from django_otp.oath import totp

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory's
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def window(chromium, live_server, *, size):
    """A new browser context (its own cookies) at `size`, its pages opened on the live server, Chinese first."""
    context = chromium.new_context(base_url=live_server.url, viewport=size, locale="zh-CN")
    context.set_default_timeout(15_000)
    return context.new_page()


def field(scope, label: str):
    """The form field labelled `label` (Django's labels end in its label suffix ":")."""
    return scope.get_by_label(f"{label}:", exact=True)


def sign_in(page, login: str, password: str = PASSWORD) -> None:
    """Fill the sign-in form through its labels and send it, as a person would."""
    page.goto("/accounts/login/")
    field(page, "手机号、邮箱或用户名").fill(login)
    field(page, "密码").fill(password)
    page.get_by_role("button", name="登录").click()


def pass_two_factor(page) -> None:
    """Staff and committee accounts: the first sign-in shows a key to add to an authenticator app; type the code
    that app would show now (RFC 6238, as django-otp checks it)."""
    page.wait_for_url("**/accounts/two-factor/**")
    secret = page.locator("code.secret").inner_text().strip()
    field(page, "身份验证器应用显示的 6 位验证码").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="验证").click()
