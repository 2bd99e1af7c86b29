"""What a document's embed batch job does when it finds its own batch already counted.

Each batch commits its bookkeeping and then queues the document's next batch (or the index check after the
last one). A worker that dies between that commit and that send leaves a document nobody moves on: the
broker hands the job out again, and that copy finds its batch counted. Only a copy the broker marks as
redelivered sends the next job again: a plain duplicate (one the sweeper or a resend made) stays a no-op,
so one lost send can never turn into two of the document's batches queued from then on.
"""

from __future__ import annotations

from collections.abc import Sequence


def resend_next_batch(batch_last_ordinal: int, pending: Sequence[int], *, redelivered: bool) -> bool:
    """Whether a copy of the batch ending at `batch_last_ordinal`, found already counted, queues the next batch
    again. `pending` is the document's chunks still to embed, in order.

    A document's chunks are embedded in order, so the next batch starts right after this one until it is
    counted itself: a first pending chunk further on means the next batch ran, and its own job carries the
    document on.
    """
    return redelivered and bool(pending) and pending[0] == batch_last_ordinal + 1


def resend_index_check(status: str, *, redelivered: bool) -> bool:
    """Whether a redelivered batch job of a document already past embedding (its last batch counted: the
    document waits in `indexing`) queues the index check again; a second check finds the document ready."""
    return redelivered and status == "indexing"
