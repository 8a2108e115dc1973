"""/open311/v2/: the GeoReport v2 endpoints, each as .json and .xml (the suffix picks the format)."""

from django.urls import path

from . import views

urlpatterns = [
    *(
        pattern
        for fmt in ("json", "xml")
        for pattern in (
            path(f"services.{fmt}", views.SERVICES[fmt].as_view(), {"format": fmt}, name=f"open311-services-{fmt}"),
            path(f"services/<str:service_code>.{fmt}", views.SERVICE[fmt].as_view(), {"format": fmt},
                 name=f"open311-service-{fmt}"),
            path(f"requests.{fmt}", views.REQUESTS[fmt].as_view(), {"format": fmt}, name=f"open311-requests-{fmt}"),
            path(f"requests/<int:pk>.{fmt}", views.REQUEST[fmt].as_view(), {"format": fmt},
                 name=f"open311-request-{fmt}"),
        )
    )
]  # fmt: skip
