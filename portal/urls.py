from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from .api_urls import schema_urlpatterns

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("residents.urls_accounts")),
    path("", include("residents.mydata.urls")),
    path("me/", include("residents.urls_resident")),
    path("staff/", include("residents.urls_staff")),
    path("", include("repairs.urls")),
    path("", include("feedback.urls")),
    path("", include("committee.urls")),
    path("", include("portal.notices.urls")),
    path("", include("portal.kb.urls")),
    path("api/v1/", include("portal.api_urls")),
    path("open311/v2/", include("repairs.open311.api.urls")),
    *schema_urlpatterns,
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns.append(path("", include(wagtail_urls)))

handler400 = "core.views.bad_request"  # names a refused upload (too many files, too much data)
handler404 = "core.views.page_not_found"  # JSON under /api/ and /open311/, the friendly page elsewhere
handler500 = "core.views.server_error"
