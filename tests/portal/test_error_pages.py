"""Unknown pages give a friendly translated 404 and failures a static-safe 500, both on the site's own layout;
the API answers in JSON instead (issue 6, "Bad input")."""

import pytest
from defusedxml import ElementTree
from django.test import Client, RequestFactory

from core.views import server_error

pytestmark = pytest.mark.django_db

ZH, EN = "zh-hans", "en"
NOT_FOUND = {ZH: "页面没有找到", EN: "Page not found"}
SERVER_ERROR = {ZH: "服务器错误", EN: "Server error"}


def _get(client, path, language):
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("language", [ZH, EN])
@pytest.mark.parametrize("path", ["/me/no-such-page/", "/no-such-page/", "/alpha/no-such-notice/"])
def test_unknown_page_is_a_friendly_translated_404_on_the_site_layout(db, client, path, language):
    response = _get(client, path, language)
    html = response.content.decode()
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
    assert f"<h1>{NOT_FOUND[language]}</h1>" in html
    assert 'href="/static/linli/site.css"' in html and 'href="/accounts/login/"' in html  # base.html, its nav
    assert f'lang="{"zh-Hans" if language == ZH else "en"}"' in html


def test_signed_in_resident_gets_the_404_with_their_navigation(world, web_as):
    response = _get(web_as(world.users["owner"]), "/no-such-page/", EN)
    html = response.content.decode()
    assert response.status_code == 404 and 'href="/me/"' in html and "Report a repair" in html


@pytest.mark.parametrize(("language", "detail"), [(ZH, "未找到。"), (EN, "Not found.")])
@pytest.mark.parametrize("path", ["/api/v1/no-such-thing/", "/api/nothing/", "/api/v1/work-orders/999999/"])
def test_unknown_api_path_answers_json_not_html(world, api_as, path, language, detail):
    response = api_as(world.users["owner"]).get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "detail": detail}


def test_unknown_open311_path_answers_in_the_georeport_shape(db, client):
    response = client.get("/open311/v2/no-such-thing.json", HTTP_ACCEPT_LANGUAGE=EN)
    assert response.status_code == 404 and response.json() == [{"code": 404, "description": "Not found."}]


def test_unknown_open311_xml_path_answers_in_xml(db, client):
    """The suffix is the format, for a path no route takes too (found by the schema fuzz: /requests/U.xml)."""
    response = client.get("/open311/v2/requests/not-a-number.xml", HTTP_ACCEPT_LANGUAGE=EN)
    assert response.status_code == 404 and response["Content-Type"] == "text/xml; charset=utf-8"
    error = ElementTree.fromstring(response.content).find("error")
    assert (error.findtext("code"), error.findtext("description")) == ("404", "Not found.")


@pytest.mark.urls("tests.portal.error_urls")
@pytest.mark.parametrize("language", [ZH, EN])
def test_a_failing_page_gives_the_translated_500_page(world, web_as, language):
    client = web_as(world.users["owner"])
    client.raise_request_exception = False
    response = _get(client, "/boom/", language)
    html = response.content.decode()
    assert response.status_code == 500 and f"<h1>{SERVER_ERROR[language]}</h1>" in html
    assert 'href="/static/linli/site.css"' in html and "<nav" not in html  # the layout, not the role navigation


@pytest.mark.urls("tests.portal.error_urls")
def test_a_failing_api_call_answers_json_500(world, api_as):
    api = api_as(world.users["owner"])
    api.raise_request_exception = False
    response = api.get("/api/v1/boom/", HTTP_ACCEPT_LANGUAGE=EN)
    assert response.status_code == 500 and response.json()["code"] == "server_error"


class _Untouchable:
    """A request attribute that fails the test if anything reads it (the user, the session: both query)."""

    def __getattr__(self, name):
        raise AssertionError(f"the 500 page read the request's {name}")


def test_the_500_page_runs_no_query_and_reads_no_user_or_session(db, django_assert_num_queries):
    request = RequestFactory().get("/somewhere/")
    request.user, request.session = _Untouchable(), _Untouchable()
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500 and "<h1>" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/me/complaints/U/withdraw/", "/api/nothing/"])
def test_unsafe_request_to_an_unknown_api_path_is_refused_in_json_not_html(db, path):
    # found by the schema fuzz: an id that is not a number misses every API route and falls to Wagtail's catch-all,
    # whose CSRF check answered Django's HTML page
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"note": "x"}, HTTP_ACCEPT_LANGUAGE=EN)
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "csrf_failed",
        "detail": "The request was refused: it is not a known API operation.",
    }


def test_csrf_refusal_of_a_page_stays_html(db):
    response = Client(enforce_csrf_checks=True).post("/no-such-page/", {"note": "x"})
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")
