import pytest

from .conftest import SLUG, soup

BAD_PAGES = [
    ("/xx/", 404),
    ("/english/", 404),
    ("/en/topics/no-such-topic/", 404),
    ("/tr/topics/no-such-topic/", 404),
    ("/en/topics/../../etc/passwd", 404),
    ("/en/topics/%2e%2e%2f%2e%2e%2fetc%2fpasswd/", 404),
    ("/en/topics/stage-4-mesothelioma-surgery%2F..%2F/", 404),
    ("/en/topics/" + "a" * 3000 + "/", 404),
    ("/%00/", 404),
]


@pytest.mark.parametrize("path, status", BAD_PAGES)
def test_bad_page_addresses_get_a_clear_page_with_links(client, path, status):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = soup(response)
    assert page.select_one("h1").get_text()
    hrefs = {a["href"] for a in page.select("main a")}
    assert {"/en/", "/tr/"} <= hrefs
    assert "Traceback" not in response.get_data(as_text=True)


def test_error_page_speaks_the_language_of_the_address(client):
    page = soup(client.get("/tr/topics/no-such-topic/"))
    assert page.html["lang"] == "tr"
    assert page.select_one("h1").get_text() == "Sayfa bulunamadı"
    assert f"/tr/topics/{SLUG}/" in {a["href"] for a in page.select("main a")}


def test_error_page_follows_accept_language_when_the_address_has_no_language(client):
    page = soup(client.get("/no/such/page", headers={"Accept-Language": "tr"}))
    assert page.html["lang"] == "tr"


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/v1/topics?lang=xx", 404),
        ("/api/v1/topics?lang=not a tag!", 400),
        ("/api/v1/topics?lang=", 400),
        (f"/api/v1/topics/{SLUG}?lang=12", 400),
        ("/api/v1/topics/no-such-topic?lang=en", 404),
        ("/api/v1/nothing", 404),
    ],
)
def test_api_errors_are_problem_details(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["detail"]


def test_html_errors_answer_json_to_a_json_client(client):
    response = client.get("/xx/", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_a_wrong_method_is_a_405_not_a_500(client):
    assert client.post(f"/en/topics/{SLUG}/").status_code == 405


def test_an_unexpected_error_is_a_plain_500_page(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "secret detail" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)
