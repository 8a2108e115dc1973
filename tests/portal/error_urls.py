"""The project's URLs plus two views that fail, for the 500 tests (handler500 as the project sets it)."""

from django.urls import path

from portal import urls


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("api/v1/boom/", _boom), *urls.urlpatterns]
handler404 = urls.handler404
handler500 = urls.handler500
