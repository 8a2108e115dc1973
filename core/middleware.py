"""Content-Security-Policy exceptions by path prefix (settings.LINLI_CSP_PATH_OVERRIDES).

Wagtail's page editor still writes a few inline <script> tags; only its admin gets 'unsafe-inline', the
resident-facing site keeps the strict policy.
"""

from django.conf import settings


class CSPPathOverrideMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for prefix, config in settings.LINLI_CSP_PATH_OVERRIDES.items():
            if request.path.startswith(prefix) and not hasattr(response, "_csp_config"):
                response._csp_config = config
                break
        return response
