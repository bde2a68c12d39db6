"""The WSGI shortcut for cached audio replays exactly what the app sent."""

import os

import pytest

from service.serving.held_files import HeldFiles

from .conftest import SLUG

pytestmark = pytest.mark.speech  # every test here says something with a real speech worker

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
    # Nothing replayed goes stale: freshness is max-age, counted by each cache.
    assert "Expires" not in third.headers and "max-age=86400" in third.headers["Cache-Control"]


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


def cache_file(app) -> str:
    return app.wsgi_app._known[URL].file_path


def test_a_replay_from_memory_is_the_file_as_it_is(app, client):
    client.get(URL)
    sent = client.get(URL).get_data()
    path = cache_file(app)
    assert app.wsgi_app.held.get(path)[1] == sent  # held: the next replay comes from memory
    assert client.get(URL).get_data() == sent
    # Rewritten in place (renders never do this; an operator might): the copy in
    # memory is no longer the file, so the app sends the file as it is now.
    with open(path, "r+b") as handle:
        handle.write(b"ID3changed")
    os.utime(path, ns=(0, 0))
    now = client.get(URL).get_data()
    assert now.startswith(b"ID3changed") and now != sent


@pytest.mark.parametrize("budget_mb", [0, 0.001])
def test_without_room_in_memory_the_file_is_sent_from_disk(make_app, budget_mb):
    application = make_app(AUDIO_MEMORY_CACHE_MB=budget_mb)
    client = application.test_client()
    first = client.get(URL).get_data()
    client.get(URL)
    assert application.wsgi_app.held.used == 0 and URL in application.wsgi_app._known
    replayed = client.get(URL)
    assert replayed.status_code == 200 and replayed.get_data() == first


def test_a_negative_memory_budget_is_refused(make_app):
    with pytest.raises(ValueError, match="AUDIO_MEMORY_CACHE_MB"):
        make_app(AUDIO_MEMORY_CACHE_MB=-1)


def test_held_files_stay_within_the_budget_least_recently_used_out_first(tmp_path):
    paths = {}
    for name in "abc":
        paths[name] = tmp_path / name
        paths[name].write_bytes(name.encode() * 10)
    held = HeldFiles(budget=25, largest=25)  # two files of 10 bytes fit, not three
    held.hold(str(paths["a"]))
    held.hold(str(paths["b"]))
    assert held.get(str(paths["a"])) is not None  # a is now the most recently used
    held.hold(str(paths["c"]))  # 30 bytes > 25: b, the least recently used, goes
    assert held.get(str(paths["b"])) is None
    assert held.get(str(paths["a"]))[1] == b"a" * 10 and held.get(str(paths["c"]))[1] == b"c" * 10
    assert held.used == 20
    held.hold(str(paths["a"]))  # held again: replaced, not counted twice
    assert held.used == 20 and not held.has_room_for(10) and held.has_room_for(5)
    too_big = tmp_path / "big"
    too_big.write_bytes(b"x" * 26)
    held.hold(str(too_big))
    assert held.get(str(too_big)) is None and held.used == 20


def test_a_file_pushed_out_of_memory_comes_back_on_its_next_replay(app, client):
    section = f"/en/topics/{SLUG}/introduction/audio.ogg"
    shortcut = app.wsgi_app
    for address in (URL, section):
        client.get(address)  # rendered
        client.get(address)  # remembered and held
    chemotherapy, introduction = shortcut._known[URL].file_path, shortcut._known[section].file_path
    shortcut.held.drop(chemotherapy)  # as if pushed out by others
    assert shortcut.held.get(chemotherapy) is None
    body = client.get(URL).get_data()  # replayed from disk, and read in again
    assert shortcut.held.get(chemotherapy)[1] == body and shortcut.held.get(introduction) is not None


def test_a_file_too_big_to_hold_is_sent_from_disk_every_time(make_app):
    application = make_app(AUDIO_MEMORY_CACHE_MB=0.05)  # holds files up to 6.5 KB
    client = application.test_client()
    first = client.get(URL).get_data()
    assert len(first) > 6_554
    client.get(URL)
    assert application.wsgi_app._known[URL].holdable is False
    assert client.get(URL).get_data() == first and application.wsgi_app.held.used == 0
