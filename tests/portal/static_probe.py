"""Run with production settings in a child process (tests/portal/test_static_assets.py): collect the static
files into STATIC_ROOT, then ask the WSGI application for the stylesheet by the name `{% static %}` gives it and
by its plain name; print what came back as JSON."""

import io
import json
import sys
from wsgiref.util import setup_testing_defaults


def _get(application, path: str) -> dict:
    environ = {"PATH_INFO": path, "HTTP_HOST": "portal.example", "HTTP_X_FORWARDED_PROTO": "https",
               "HTTP_ACCEPT_ENCODING": "gzip", "wsgi.input": io.BytesIO()}  # fmt: skip
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(status=int(status.split()[0]), headers=dict(headers))

    body = b"".join(application(environ, start_response))
    return {**seen, "length": len(body)}


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.templatetags.static import static

    call_command("collectstatic", interactive=False, verbosity=0)
    from portal.wsgi import application  # after collecting: WhiteNoise indexes STATIC_ROOT when it starts

    hashed = static("linli/site.css")
    result = {
        "storage": settings.STORAGES["staticfiles"]["BACKEND"],
        "middleware": settings.MIDDLEWARE[:2],
        "hashed_url": hashed,
        "hashed": _get(application, hashed),
        "plain": _get(application, "/static/linli/site.css"),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
