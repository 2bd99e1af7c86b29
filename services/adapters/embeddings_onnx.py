"""all-MiniLM-L6-v2 on ONNX Runtime: the same vectors as sentence-transformers, without torch.

The graph (encoder, mean pooling and L2 normalisation in one) is exported once from the
packaged model and cached under the data dir (`services/adapters/embeddings_onnx_export.py`). Here
only `tokenizers`, `onnxruntime` and numpy run, so a worker process stays small.

Threads: one session with one intra-op thread. A query (one short text) runs on it alone,
which is the lowest latency on a small machine: thread hand-offs cost more than they save
on a dozen tokens. A batch of many texts is sorted by length and cut into sub-batches (two
per core once there are enough texts) that a thread per core takes in turn from the same
session (ONNX Runtime lets several threads call one session).

Variants: `fp32` (the torch model's own vectors), `int8` (every text on the int8 graph) and
`int8-documents`: document chunks are embedded on the int8 graph, which ingests about twice as
fast, while questions and the sentences an answer is composed from stay on fp32. The ingest
path gets `for_documents()`; everything else uses the embedder itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import logging
import math
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from services.adapters.embeddings import DEFAULT_MODEL_NAME, default_model_path
from services.adapters.embeddings_onnx_export import INPUT_NAMES, RUNTIME_FUSIONS_OFF, ensure_exported

_DEFAULT_MAX_SEQ_LENGTH = 256
# Embedder variant -> (graph for questions and answer sentences, graph for document chunks).
# int8-documents-fused: documents on the int8 graph as it was made before export format 3 (fused layer norms).
# w8-questions: documents on int8, questions on the fp32 graph with 8-bit weights (fp32-w8): cosine >= 0.998
# with fp32, a quarter less CPU a question (tests/bench/README.md).
_GRAPHS = {"fp32": ("fp32", "fp32"), "int8": ("int8", "int8"), "int8-documents": ("fp32", "int8"),
           "int8-documents-fused": ("fp32", "int8-fused"), "w8-questions": ("fp32-w8", "int8")}
# Question graphs whose vectors stand for fp32's (an index made with one is searched with the other as is).
_FP32_SPACE = ("fp32", "fp32-w8")
EMBEDDER_VARIANTS = tuple(_GRAPHS)
# How long the document graph of int8-documents stays loaded after a batch. A document's next batch is queued
# before its previous job ends, so the process that takes them sees the next within the other jobs ahead of it
# (seconds); a pool of several processes taking one document's batches in turn has each let it go this long
# after its last one. A new upload loads it ahead while its file is read, so a reload costs little.
DOCUMENT_IDLE_SECONDS = 15.0
# How long it stays after a document's last batch (`DocumentEmbedder.documents_done`): long enough for another
# document's next batch, queued behind it, to find it loaded; a new upload loads it ahead while it is read.
DOCUMENTS_DONE_SECONDS = 2.0
# How long the document graph keeps its arena's buffers after a batch (see _Loaded): the next batch of a document
# comes within milliseconds in the ingest worker, and a pool taking a document's batches in turn keeps its
# processes near the graph's own size between them.
DOCUMENT_BUFFERS_IDLE_SECONDS = 2.0
# Fewer texts than this in a sub-batch and per-run overhead outweighs the better spread over threads.
_MIN_SUB_BATCH = 8

log = logging.getLogger(__name__)


class OnnxEmbedder:
    """Loads (and on first ever use exports) the model once per process; safe to share between threads."""

    def __init__(self, model_path: str | None = None, *, cache_dir: Path, variant: str = "fp32",
                 batch_size: int = 32, threads: int | None = None,
                 document_idle_seconds: float = DOCUMENT_IDLE_SECONDS,
                 documents_done_seconds: float = DOCUMENTS_DONE_SECONDS,
                 buffers_idle_seconds: float = DOCUMENT_BUFFERS_IDLE_SECONDS) -> None:
        self._path = Path(model_path or default_model_path())
        self._cache_dir = Path(cache_dir)
        if variant not in EMBEDDER_VARIANTS:
            raise ValueError(f"unknown ONNX variant {variant!r}; known: {', '.join(EMBEDDER_VARIANTS)}")
        self._variant = variant
        self._query_graph, self._document_graph = _GRAPHS[variant]
        self._batch_size = batch_size
        self._threads = max(1, threads or min(os.cpu_count() or 1, 4))
        self._lock = threading.Lock()
        self._states: dict[str, _Loaded] = {}
        self._graph_files: dict[str, Path] = {}
        self._loading: dict[str, threading.Lock] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._document_idle_seconds = document_idle_seconds
        self._documents_done_seconds = documents_done_seconds
        self._buffers_idle_seconds = min(buffers_idle_seconds, document_idle_seconds)
        self._release_timer: threading.Timer | None = None
        self._document_users = 0  # batches (and loads ahead) using the document graph right now
        # The name is the space the index is searched in, that is the questions' graph. fp32 has the torch
        # embedder's name: the vectors are the same, so existing indexes stay valid. int8 questions differ
        # a little (cosine 0.96-1.0), so int8 has a name of its own: its index is searched only with its
        # own questions, and the sweeper re-embeds a document made by another variant. int8-documents asks
        # with fp32 questions, so it keeps the fp32 name: a document fp32 made is as good to it as its own
        # (better: exact), and its int8 document vectors stand for fp32 ones (cosine 0.994 on average;
        # retrieval measured in tests/bench/README.md), so switching between the two re-embeds nothing.
        name = DEFAULT_MODEL_NAME if model_path is None else os.path.basename(model_path.rstrip("/"))
        # fp32-w8 questions are within ~0.001 of fp32's (closer than int8 documents are), so they keep its name too.
        self.model_name = name if self._query_graph in _FP32_SPACE else f"{name}-{self._query_graph}"

    def _loaded(self, graph: str | None = None) -> _Loaded:
        graph = graph or self._query_graph
        with self._lock:
            if graph in self._states:
                return self._states[graph]
            loading = self._loading.setdefault(graph, threading.Lock())
        # One lock a graph while it loads (0.3-2 s): the document graph loading ahead does not hold up a
        # question, or the token counts of the chunking, on the other graph.
        with loading:
            with self._lock:
                if graph in self._states:
                    return self._states[graph]
            started = time.perf_counter()
            # A separate document graph keeps its buffers between batches (see _Loaded): it is let go
            # as a whole once documents stop coming, so it never holds them at rest.
            state = _Loaded(self._path, self._graph_file(graph), keep_buffers=graph != self._query_graph,
                            fusions_off=RUNTIME_FUSIONS_OFF.get(graph, ()))
            with self._lock:
                self._states[graph] = state
            # Loading is paid again each time the document graph is let go and needed anew: the log says how often.
            log.info("embedding graph loaded", extra={"graph": graph, "pid": os.getpid(),
                                                      "ms": round((time.perf_counter() - started) * 1000, 1)})
        return state

    def _graph_file(self, graph: str) -> Path:
        # Finding the export hashes the model files (~90 MB, 0.15-0.4 s): done once a process, not at every
        # reload of the document graph. Looked up again if the file went (a cache cleared by hand).
        known = self._graph_files.get(graph)
        if known is None or not known.is_file():
            known = self._graph_files[graph] = ensure_exported(self._path, self._cache_dir, graph)
        return known

    def for_documents(self) -> OnnxEmbedder | DocumentEmbedder:
        """The embedder for document chunks: this one, or its int8 side for `int8-documents`."""
        return self if self._document_graph == self._query_graph else DocumentEmbedder(self)

    def _embed_document_batch(self, texts: list[str]) -> list[list[float]]:
        with self._document_graph_in_use():
            return self._embed(self._document_graph, texts)

    def _load_documents_ahead(self) -> None:
        try:
            with self._document_graph_in_use():
                self._loaded(self._document_graph)
        except Exception:
            # The first batch loads it again and fails the document with the reason if it still cannot.
            log.exception("document graph could not be loaded ahead")

    @contextlib.contextmanager
    def _document_graph_in_use(self) -> Iterator[None]:
        # The document graph is kept while a document's batches follow one another and let go once
        # none has come for a while: a worker answers far more often than it ingests, and both graphs
        # at rest would cost ~130 MiB a process.
        with self._lock:
            self._document_users += 1
            if self._release_timer is not None:
                self._release_timer.cancel()
                self._release_timer = None
        try:
            yield
        finally:
            with self._lock:
                self._document_users -= 1
                if self._release_timer is None:
                    self._arm_release(self._buffers_idle_seconds, buffers_only=True)

    def _arm_release(self, seconds: float, *, buffers_only: bool = False) -> None:
        # Called holding self._lock.
        if self._release_timer is not None:
            self._release_timer.cancel()
        self._release_timer = threading.Timer(seconds, self._release_documents, kwargs={"buffers_only": buffers_only})
        self._release_timer.daemon = True
        self._release_timer.start()

    def _documents_done(self) -> None:
        # The ingest pipeline says a document's last batch is embedded: without another batch or load ahead
        # coming soon, the graph and what its session kept go now rather than after the idle time, so a process
        # that has just ingested sits at its size at rest instead of ~80 MiB above it for that time.
        with self._lock:
            if self._document_users or self._document_graph not in self._states:
                return
            self._arm_release(self._documents_done_seconds)

    def _release_documents(self, *, buffers_only: bool = False) -> None:
        # Two steps once batches stop: the session's arena and the freed heap go `buffers_idle_seconds` after
        # the last one, the graph itself `document_idle_seconds` after it (or soon after a document's end).
        with self._lock:
            if self._release_timer is None or threading.current_thread() is not self._release_timer:
                return  # a batch came in meanwhile: it rescheduled the release
            self._release_timer = None
            if self._document_users:
                return  # one is still running (a load ahead overlapping it armed the timer): it re-arms it when done
            if buffers_only:
                kept = self._states.get(self._document_graph)
                self._arm_release(max(0.0, self._document_idle_seconds - self._buffers_idle_seconds))
                released = None
            else:
                kept, released = None, self._states.pop(self._document_graph, None)
        if kept is not None:
            # A batch starting meanwhile runs beside this one-token run; the shrink frees only unused buffers.
            kept.give_back_buffers()
            _return_freed_memory()
        if released is not None:
            del released
            _return_freed_memory()
            log.info("embedding graph released", extra={"graph": self._document_graph, "pid": os.getpid()})

    @property
    def graph_path(self) -> Path:
        return self._loaded().graph

    @property
    def dimensions(self) -> int:
        return self._loaded().dimensions

    @property
    def max_tokens(self) -> int:
        # max_seq_length counts [CLS] and [SEP]; text beyond it is silently dropped.
        return self._loaded().max_seq_length - 2

    def count_tokens(self, text: str) -> int:
        return self.count_tokens_many([text])[0]

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        return _count_tokens(self._loaded(), texts)

    @functools.cached_property
    def token_counts_add_up(self) -> bool:
        """Whether texts joined by whitespace count as the sum of their counts, so the chunker need not count a
        chunk again after its parts (pipelines/chunking.py). True for WordPiece after BERT's whitespace and
        punctuation split, with a normaliser that works a character at a time: no piece spans a line break."""
        return _counts_add_up(json.loads((self._path / "tokenizer.json").read_text()))

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self._embed(self._query_graph, texts)

    def _embed(self, graph: str, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        state = self._loaded(graph)
        # Texts of similar length share a batch, so little of it is padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        batches = [order[start:start + size] for start, size in self._batch_bounds(len(order))]
        if len(batches) == 1:
            results = [state.run([texts[i] for i in batches[0]])]
        else:
            results = list(self._workers().map(lambda batch: state.run([texts[i] for i in batch]), batches))
        vectors: list[list[float]] = [[] for _ in texts]
        for batch, rows in zip(batches, results, strict=True):
            for index, row in zip(batch, rows.tolist(), strict=True):
                vectors[index] = row
        if len(texts) > 1 and not state.keep_buffers:
            _return_freed_memory()
        # A graph that keeps its buffers keeps them between a document's batches, which come milliseconds apart in
        # the ingest worker: shrinking the arena and trimming the heap after every call, and faulting the pages in
        # again in the next, cost ~10 % of the embedding's CPU. They go once batches stop (_release_documents).
        return vectors

    def _batch_bounds(self, count: int) -> list[tuple[int, int]]:
        # Two sub-batches per thread once there are enough texts (at least _MIN_SUB_BATCH each): the
        # threads take them in turn, so one that finishes early, or that other processes kept off
        # its core on a busy machine, takes the next one instead of waiting for the other's half.
        parts = max(math.ceil(count / self._batch_size), min(2 * self._threads, count // _MIN_SUB_BATCH) or 1)
        size = math.ceil(count / parts)
        return [(start, size) for start in range(0, count, size)]

    def _workers(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="embed")
            return self._pool


class DocumentEmbedder:
    """The document side of an `int8-documents` embedder: its model name and tokenizer, the int8 graph.

    The graph is loaded with the first document, so a process that only answers never holds it; its arena's
    buffers go `buffers_idle_seconds` after the last batch, the graph `documents_done_seconds` after a document's
    last batch (`documents_done`) or `document_idle_seconds` after any batch."""

    def __init__(self, owner: OnnxEmbedder) -> None:
        self._owner = owner
        self.model_name = owner.model_name

    # Tokenizer and limits are the model's, the same for both graphs: read from the graph that stays
    # loaded, so chunking a document (or failing it) does not load the int8 graph.
    @property
    def dimensions(self) -> int:
        return self._owner.dimensions

    @property
    def max_tokens(self) -> int:
        return self._owner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self._owner.count_tokens(text)

    def count_tokens_many(self, texts: list[str]) -> list[int]:
        return self._owner.count_tokens_many(texts)

    @property
    def token_counts_add_up(self) -> bool:
        return self._owner.token_counts_add_up

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self._owner._embed_document_batch(texts)

    def documents_done(self) -> None:
        """A document's last batch is embedded: the graph is let go `documents_done_seconds` later unless another
        batch (or a load ahead) comes first, instead of after the idle time."""
        self._owner._documents_done()

    def load_in_background(self) -> None:
        """Start loading the document graph now (it takes ~0.5-2 s) on a thread of its own, so it is ready by
        the time a document being read and chunked has its first batch; let go like any batch's graph."""
        threading.Thread(target=self._owner._load_documents_ahead, name="document-graph", daemon=True).start()


class _Loaded:
    """The tokenizers and the ONNX Runtime session for one exported graph."""

    def __init__(self, model_path: Path, graph: Path, *, keep_buffers: bool = False,
                 fusions_off: tuple[str, ...] = ()) -> None:
        import numpy as np
        import onnxruntime
        from tokenizers import Tokenizer

        self.graph = graph
        self.keep_buffers = keep_buffers
        self._np = np
        self.max_seq_length = _max_seq_length(model_path)
        self.dimensions = _dimensions(model_path)
        self.counter = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        # The file may carry padding/truncation of its own (fixed 128 for this model);
        # sentence-transformers pads to the longest text and truncates at max_seq_length.
        self.counter.no_truncation()
        self.counter.no_padding()
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        padding = self.tokenizer.padding or {}
        self.tokenizer.enable_truncation(max_length=self.max_seq_length)
        self.tokenizer.enable_padding(pad_id=padding.get("pad_id", 0), pad_token=padding.get("pad_token", "[PAD]"),
                                      pad_type_id=padding.get("pad_type_id", 0))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Without the arena a big ingest batch gives its buffers back instead of keeping
        # them for the life of the process: memory at rest stays the model's own. A graph that
        # only embeds documents and is let go when they stop keeps them: allocating and faulting in
        # a batch's activations afresh each run cost about a quarter of its throughput. Its buffers are
        # given back (`give_back_buffers`) once batches stop for a moment, before the graph itself goes.
        options.enable_cpu_mem_arena = keep_buffers
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"],
                                                     disabled_optimizers=list(fusions_off))

    def give_back_buffers(self) -> None:
        """Free the arena's unused buffers: ONNX Runtime shrinks an arena only at the end of a run that asks
        for it, so a one-token run asks."""
        import onnxruntime

        options = onnxruntime.RunOptions()
        options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        self.run(["."], options)

    def run(self, texts: list[str], options: Any = None):
        np = self._np
        # The fast batch mode skips character offsets, which nothing here reads: the same ids, less work.
        encoded = self.tokenizer.encode_batch_fast(texts)
        inputs = {
            INPUT_NAMES[0]: np.array([item.ids for item in encoded], dtype=np.int64),
            INPUT_NAMES[1]: np.array([item.attention_mask for item in encoded], dtype=np.int64),
            INPUT_NAMES[2]: np.array([item.type_ids for item in encoded], dtype=np.int64),
        }
        return self._session.run(None, inputs, options)[0]


def _count_tokens(state: _Loaded, texts: list[str]) -> list[int]:
    return [len(item.ids) for item in state.counter.encode_batch_fast(texts, add_special_tokens=False)]


def _counts_add_up(tokenizer: dict) -> bool:
    # Anything else (a byte-level or SentencePiece model, a pre-tokenizer sequence) may merge across the join.
    normalizer = (tokenizer.get("normalizer") or {}).get("type")
    return ((tokenizer.get("model") or {}).get("type") == "WordPiece"
            and (tokenizer.get("pre_tokenizer") or {}).get("type") == "BertPreTokenizer"
            and normalizer in (None, "BertNormalizer"))


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to call
        return None


def _return_freed_memory() -> None:
    # A batch of long texts needs a few hundred MiB of activations for a moment. ONNX Runtime frees
    # them, but glibc keeps freed heap pages mapped, so the process would sit at its peak size for
    # the rest of its life; giving them back keeps a worker at rest at the model's own size.
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _max_seq_length(model_path: Path) -> int:
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text()).get("max_seq_length") or _DEFAULT_MAX_SEQ_LENGTH)
    return _DEFAULT_MAX_SEQ_LENGTH


def _dimensions(model_path: Path) -> int:
    pooling = model_path / "1_Pooling" / "config.json"
    if pooling.is_file():
        return int(json.loads(pooling.read_text())["word_embedding_dimension"])
    return int(json.loads((model_path / "config.json").read_text())["hidden_size"])
