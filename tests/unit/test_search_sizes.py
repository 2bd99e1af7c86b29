"""How PgVectorStore plans a business's search: by the chunk count its last search read, kept for a bounded
number of businesses."""

import threading
import uuid

from services.adapters import vectors
from services.adapters.vectors import PgVectorStore


def _store() -> PgVectorStore:
    def no_database(*args, **kwargs):
        raise AssertionError("no statement expected")

    return PgVectorStore(no_database)


def test_a_business_is_searched_exactly_only_once_its_size_is_known_and_small():
    store, small, large, unseen = _store(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    store._note_size(small, vectors.EXACT_SEARCH_CHUNKS - 1)
    store._note_size(large, vectors.EXACT_SEARCH_CHUNKS)
    assert store.exact(small) and not store.exact(large) and not store.exact(unseen)
    store._note_size(small, vectors.EXACT_SEARCH_CHUNKS + 500)  # it grew: planned for its size again
    assert not store.exact(small)


def test_the_sizes_kept_are_bounded_oldest_first(monkeypatch):
    monkeypatch.setattr(vectors, "_SIZES_KEPT", 3)
    store = _store()
    businesses = [uuid.uuid4() for _ in range(4)]
    for business in businesses:
        store._note_size(business, 10)
    assert [store.exact(b) for b in businesses] == [False, True, True, True]
    store._note_size(businesses[1], 20)  # one already kept takes no place of another's
    assert [store.exact(b) for b in businesses] == [False, True, True, True]


def test_sizes_noted_from_many_threads_at_once_stay_bounded(monkeypatch):
    monkeypatch.setattr(vectors, "_SIZES_KEPT", 50)
    store, start, failures = _store(), threading.Barrier(8), []

    def note_many():
        start.wait()
        try:
            for _ in range(2_000):
                store._note_size(uuid.uuid4(), 1)
        except Exception as error:  # e.g. a dict changed while another thread iterated it
            failures.append(error)

    threads = [threading.Thread(target=note_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and len(store._sizes) == 50
