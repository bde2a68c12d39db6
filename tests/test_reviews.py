"""Review records (service/content/reviews.py): a review holds while the
English and the translation are the ones reviewed, and only then."""

import datetime as dt

import pytest

from service.content.reviews import (OUTDATED, REVIEWED, UNREVIEWED, Reviewable, ReviewRecords, load_reviews,
                                     review_topic, save_reviews)

DAY = dt.date(2026, 12, 1)
ITEM = Reviewable("topic:why:paragraph-1", ("Germs spread.",), ("Mikroplar yayılır.",))


def test_a_message_without_a_record_is_unreviewed():
    assert ReviewRecords().state(ITEM) == (UNREVIEWED, None)


def test_a_review_holds_for_the_texts_it_reviewed():
    records = ReviewRecords()
    records.record(ITEM, "nurse", DAY)
    state, review = records.state(ITEM)
    assert state == REVIEWED and (review.role, review.date) == ("nurse", DAY)


@pytest.mark.parametrize("changed", [
    Reviewable(ITEM.context, ("Germs spread fast.",), ITEM.translation),  # the English changed
    Reviewable(ITEM.context, ITEM.english, ("Mikroplar hızla yayılır.",)),  # the translation changed
    Reviewable(ITEM.context, ITEM.english, None),  # it became fuzzy
], ids=["english", "translation", "fuzzy"])
def test_a_change_to_either_side_makes_it_outdated_by_itself(changed):
    records = ReviewRecords()
    records.record(ITEM, "nurse", DAY)
    assert records.state(changed) == (OUTDATED, None)


def test_an_untranslated_message_cannot_be_recorded():
    with pytest.raises(ValueError):
        ReviewRecords().record(Reviewable("c", ("English",), None), "nurse", DAY)


def test_records_survive_a_round_trip_through_their_file(tmp_path):
    records = ReviewRecords()
    records.record(ITEM, "nurse", DAY)
    records.record(Reviewable(None, ("Skip to content",), ("İçeriğe geç",)), "translator", DAY)
    path = save_reviews(tmp_path, "tr", records)
    assert path == tmp_path / "reviews" / "tr.json"
    again = load_reviews(tmp_path, "tr")
    assert [again.state(i)[0] for i in (ITEM, Reviewable(None, ("Skip to content",), ("İçeriğe geç",)))] == [
        REVIEWED, REVIEWED]


def test_a_topic_is_reviewed_when_every_message_is_and_dates_from_its_oldest_review():
    other = Reviewable("topic:title", ("Hands",), ("Eller",))
    records = ReviewRecords()
    records.record(ITEM, "nurse", DAY)
    partial = review_topic([ITEM, other], records)
    assert (partial.reviewed, partial.total, partial.complete) == (1, 2, False)
    records.record(other, "oncologist", DAY - dt.timedelta(days=3))
    whole = review_topic([ITEM, other], records)
    assert whole.complete and whole.reviewed_on == DAY - dt.timedelta(days=3)
    assert whole.roles == ("oncologist", "nurse")
