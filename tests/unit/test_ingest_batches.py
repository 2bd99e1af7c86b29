"""When a batch job that finds its batch already counted queues the document's next job again."""

from __future__ import annotations

import pytest

from pipelines.ingest_batches import resend_index_check, resend_next_batch


@pytest.mark.parametrize(("last", "pending", "redelivered", "resend"), [
    (7, [8, 9, 10], True, True),     # the next batch was never counted: its send may have died with the worker
    (7, [8, 9, 10], False, False),   # a plain duplicate: the copy that counted it sent the next batch
    (7, [16, 17], True, False),      # the next batch is counted: its own job carries the document on
    (7, [], True, False),            # nothing left to embed
    (0, [1], True, True),
])
def test_only_a_redelivered_copy_resends_a_next_batch_not_yet_counted(last, pending, redelivered, resend) -> None:
    assert resend_next_batch(last, pending, redelivered=redelivered) is resend


@pytest.mark.parametrize(("status", "redelivered", "resend"), [
    ("indexing", True, True), ("indexing", False, False), ("ready", True, False), ("embedding", True, False),
])
def test_only_a_redelivered_copy_resends_the_index_check_of_a_document_waiting_for_it(status, redelivered,
                                                                                      resend) -> None:
    assert resend_index_check(status, redelivered=redelivered) is resend
