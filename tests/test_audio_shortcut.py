"""The WSGI shortcut for cached audio replays exactly what the app sent."""

from .conftest import SLUG

URL = f"/en/topics/{SLUG}/chemotherapy/audio.ogg"


def without_date(response):
    return sorted((k, v) for k, v in response.headers.items() if k != "Date")


def test_a_replayed_response_is_the_apps_response(app, client):
    first = client.get(URL)  # rendered, then cached
    second = client.get(URL)  # from the cache through the app: remembered
    assert URL in app.wsgi_app._known
    third = client.get(URL)  # replayed by the shortcut
    assert third.get_data() == second.get_data() == first.get_data()
    assert without_date(third) == without_date(second)


def test_conditional_and_range_requests_still_go_through_the_app(app, client):
    client.get(URL)
    etag = client.get(URL).headers["ETag"]
    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304
    part = client.get(URL, headers={"Range": "bytes=0-9"})
    assert part.status_code == 206 and len(part.get_data()) == 10
    assert client.head(URL).status_code == 200


def test_a_cleared_cache_is_noticed_and_rendered_again(app, client, runner):
    client.get(URL)
    client.get(URL)
    assert runner.invoke(args=["audio", "clear"]).exit_code == 0
    again = client.get(URL)  # the remembered file is gone: the app renders it anew
    assert again.status_code == 200 and again.get_data().startswith(b"OggS")
    assert URL in app.wsgi_app._known and client.get(URL).get_data() == again.get_data()
