"""The ONNX Runtime embedder against sentence-transformers on PyTorch, and its cached export."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
import pytest
from pydantic import ValidationError

from pipelines.chunking import ChunkingOptions, chunk_sections
from schemas.kb import TextSection
from schemas.settings import Settings
from services.adapters.embeddings import SentenceTransformerEmbedder, default_model_path
from services.adapters.embeddings_onnx import OnnxEmbedder, _counts_add_up
from services.adapters.embeddings_onnx_export import (
    EXPORT_FORMAT,
    RUNTIME_FUSIONS_OFF,
    OnnxExportError,
    cached_graph_path,
    ensure_exported,
    prune_superseded,
)
from services.adapters.extract import extract, sniff_type
from tests.samples import realistic_texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx_embedder(cache_dir: Path) -> OnnxEmbedder:
    return OnnxEmbedder(cache_dir=cache_dir)


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def test_vectors_match_sentence_transformers_on_pytorch(onnx_embedder, torch_embedder):
    texts = realistic_texts(300)
    ours = np.array(onnx_embedder.embed(texts))
    theirs = np.array(torch_embedder.embed(texts))
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.99, texts[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # A text alone and the same text in a padded batch get the same vector.
    alone = np.array(onnx_embedder.embed([texts[0]]))[0]
    assert float(alone @ ours[0]) >= 0.9999
    assert onnx_embedder.model_name == torch_embedder.model_name
    # int8 vectors are not the same: an index of them carries a name of its own.
    assert OnnxEmbedder(cache_dir=Path("unused"), variant="int8").model_name == "all-MiniLM-L6-v2-int8"
    assert onnx_embedder.dimensions == torch_embedder.dimensions == 384
    assert onnx_embedder.max_tokens == torch_embedder.max_tokens == 254
    assert onnx_embedder.count_tokens_many(texts) == torch_embedder.count_tokens_many(texts)
    assert onnx_embedder.embed([]) == []


def test_int8_documents_embeds_documents_on_int8_and_everything_else_on_fp32(onnx_embedder, cache_dir):
    texts = realistic_texts(40)
    mixed = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents")
    int8 = OnnxEmbedder(cache_dir=cache_dir, variant="int8")
    documents = mixed.for_documents()
    # Questions and answer sentences: the fp32 vectors, exactly.
    asked = np.array(mixed.embed(texts))
    assert np.allclose(asked, np.array(onnx_embedder.embed(texts)), atol=1e-6)
    # The graph for documents is loaded with the first document, not before.
    assert mixed.graph_path.name == "model-fp32.onnx" and "int8" not in mixed._states
    indexed = np.array(documents.embed(texts))
    assert np.allclose(indexed, np.array(int8.embed(texts)), atol=1e-6)
    cosines = (asked * indexed).sum(axis=1)
    assert cosines.min() > 0.95 and cosines.max() < 0.99999  # int8: close to fp32, not the same
    # Named after its questions' graph, fp32: the index is searched with fp32 questions either way, so
    # switching between fp32 and int8-documents re-embeds nothing; an int8 index is re-embedded.
    assert documents.model_name == mixed.model_name == onnx_embedder.model_name == "all-MiniLM-L6-v2"
    assert int8.model_name != mixed.model_name
    assert documents.max_tokens == mixed.max_tokens == 254 and documents.dimensions == 384
    assert documents.count_tokens_many(texts) == mixed.count_tokens_many(texts)
    assert documents.count_tokens(texts[0]) == mixed.count_tokens(texts[0])
    fresh = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents")
    fresh.for_documents().count_tokens_many(texts)  # chunking a document needs the int8 graph not yet
    assert set(fresh._states) == {"fp32"}
    assert documents.embed([]) == []
    # The single-graph variants embed documents as they embed everything else.
    assert onnx_embedder.for_documents() is onnx_embedder and int8.for_documents() is int8
    with pytest.raises(ValueError, match="unknown ONNX variant"):
        OnnxEmbedder(cache_dir=cache_dir, variant="int4")


def test_the_int8_graph_runs_its_layer_norms_unfused_and_the_previous_graph_stays_selectable(onnx_embedder, cache_dir):
    texts = realistic_texts(40)
    reference = np.array(onnx_embedder.embed(texts))
    current = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents").for_documents()
    previous = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents-fused").for_documents()
    assert previous.model_name == current.model_name == onnx_embedder.model_name  # both stand for fp32 vectors
    new, old = np.array(current.embed(texts)), np.array(previous.embed(texts))
    for vectors in (new, old):
        assert (vectors * reference).sum(axis=1).min() > 0.95
    assert (new * old).sum(axis=1).min() > 0.99  # the same maths; int8 rounding of slightly different sums
    graphs = {"int8": current._owner._graph_files["int8"], "int8-fused": previous._owner._graph_files["int8-fused"]}
    assert graphs["int8"] != graphs["int8-fused"] and graphs["int8"].parent == graphs["int8-fused"].parent
    kinds = {graph: {node.op_type for node in onnx.load(str(path)).graph.node} for graph, path in graphs.items()}
    assert "SkipLayerNormalization" not in kinds["int8"] and "LayerNormalization" in kinds["int8"]
    assert "SkipLayerNormalization" in kinds["int8-fused"] and "BiasGelu" in kinds["int8-fused"]
    # ONNX Runtime would fuse them again when loading unless told not to (what the embedder's session does).
    options = onnxruntime.SessionOptions()
    options.optimized_model_filepath = str(cache_dir / "int8-as-loaded.onnx")
    onnxruntime.InferenceSession(str(graphs["int8"]), options, providers=["CPUExecutionProvider"],
                                 disabled_optimizers=list(RUNTIME_FUSIONS_OFF["int8"]))
    loaded = {node.op_type for node in onnx.load(options.optimized_model_filepath).graph.node}
    assert "SkipLayerNormalization" not in loaded and "BiasGelu" not in loaded


def test_w8_questions_ask_on_8_bit_weights_within_a_thousandth_of_fp32_and_embed_documents_on_int8(
        onnx_embedder, torch_embedder, cache_dir):
    texts = realistic_texts(300)
    w8 = OnnxEmbedder(cache_dir=cache_dir, variant="w8-questions")
    asked = np.array(w8.embed(texts))
    for reference in (np.array(onnx_embedder.embed(texts)), np.array(torch_embedder.embed(texts))):
        cosines = (asked * reference).sum(axis=1)
        assert cosines.min() >= 0.998, texts[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(asked, axis=1), 1.0, atol=1e-5)
    assert w8.model_name == onnx_embedder.model_name  # its questions search an fp32 index as they are
    assert w8.graph_path.name == "model-fp32-w8-b32-a4.onnx"  # the recipe in the name: no stale cache read
    kinds = Counter(node.op_type for node in onnx.load(str(w8.graph_path)).graph.node)
    # Every weight matrix (Q, K, V, output, two feed-forward a layer); the attention's own products stay MatMul.
    assert kinds["MatMulNBits"] == 36 and kinds["MatMul"] == 12
    # Documents: int8-documents' graph, exactly.
    chunks = texts[:40]
    same = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents").for_documents()
    assert np.allclose(np.array(w8.for_documents().embed(chunks)), np.array(same.embed(chunks)), atol=1e-6)
    assert set(w8._states) == {"fp32-w8", "int8"}


def test_a_variant_or_runtime_that_does_not_exist_is_refused_by_name():
    with pytest.raises(ValueError, match="w8-questions"):
        OnnxEmbedder(cache_dir=Path("unused"), variant="w9-questions")
    with pytest.raises(ValidationError, match="EMBEDDING_ONNX_VARIANT"):
        Settings(_env_file=None, EMBEDDING_ONNX_VARIANT="w9-questions")
    with pytest.raises(ValidationError, match="EMBEDDING_RUNTIME"):
        Settings(_env_file=None, EMBEDDING_RUNTIME="openvino")


def test_the_document_graph_is_let_go_when_no_document_comes(cache_dir):
    mixed = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents", document_idle_seconds=0.5)
    documents = mixed.for_documents()
    first = documents.embed(["Returns are accepted within 14 days."])
    assert set(mixed._states) == {"int8"}
    time.sleep(0.3)
    documents.embed(["Delivery takes two days."])  # a batch within the idle time keeps it
    time.sleep(0.3)
    assert "int8" in mixed._states
    mixed.embed(["when are you open?"])  # questions do not keep it
    assert wait_until(lambda: set(mixed._states) == {"fp32"}, seconds=5)
    # Loaded again for the next document, with the same vectors.
    assert np.allclose(documents.embed(["Returns are accepted within 14 days."]), first, atol=1e-6)
    assert "int8" in mixed._states


def test_the_document_graph_loads_ahead_and_is_let_go_like_a_batch(cache_dir):
    mixed = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents", document_idle_seconds=0.5)
    documents = mixed.for_documents()
    mixed.embed(["when are you open?"])
    documents.load_in_background()  # while a file is read and chunked
    assert wait_until(lambda: set(mixed._states) == {"fp32", "int8"}, seconds=30)
    # Not needed after all (the file could not be read): let go after the idle time.
    assert wait_until(lambda: set(mixed._states) == {"fp32"}, seconds=5)
    # A batch running when a load ahead ends keeps the graph until it is done, whatever the timer says.
    with mixed._document_graph_in_use():
        documents.load_in_background()
        assert wait_until(lambda: "int8" in mixed._states, seconds=30)
        time.sleep(1.0)
        assert "int8" in mixed._states
    assert wait_until(lambda: set(mixed._states) == {"fp32"}, seconds=5)
    # A reload does not look the export up again (hashing the model files): the path is known.
    assert set(mixed._graph_files) == {"fp32", "int8"}


def test_the_document_graph_goes_soon_after_a_document_s_last_batch(cache_dir):
    mixed = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents", document_idle_seconds=600,
                         documents_done_seconds=0.3)
    documents = mixed.for_documents()
    documents.embed(["Returns are accepted within 14 days."])
    documents.documents_done()
    # Another document's batch right after keeps it, and the idle time counts again from that batch.
    documents.embed(["Delivery takes two days."])
    time.sleep(0.6)
    assert "int8" in mixed._states
    documents.documents_done()
    assert wait_until(lambda: "int8" not in mixed._states, seconds=5)
    # Told while a batch or a load ahead still uses it: that one's end keeps it for the idle time.
    with mixed._document_graph_in_use():
        documents.load_in_background()
        assert wait_until(lambda: "int8" in mixed._states, seconds=30)
        documents.documents_done()
    time.sleep(0.6)
    assert "int8" in mixed._states


def test_the_document_graph_keeps_its_buffers_between_batches_and_gives_them_back_when_they_stop(cache_dir):
    mixed = OnnxEmbedder(cache_dir=cache_dir, variant="int8-documents", document_idle_seconds=600,
                         buffers_idle_seconds=0.5)
    documents = mixed.for_documents()
    first = documents.embed(["Returns are accepted within 14 days.", "Delivery takes two days."])
    state = mixed._states["int8"]
    given_back: list[float] = []
    keep = state.give_back_buffers
    state.give_back_buffers = lambda: (given_back.append(time.monotonic()), keep())[1]  # type: ignore[method-assign]
    for _ in range(3):  # a document's batches, one after another
        assert documents.embed(["Returns are accepted within 14 days.", "Delivery takes two days."]) == first
    assert given_back == []  # not after each call: the next batch uses them again
    stopped = time.monotonic()
    assert wait_until(lambda: given_back, seconds=5)
    assert given_back[0] - stopped >= 0.4 and "int8" in mixed._states  # the graph itself stays for the idle time


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_cached_export_is_reused_and_remade_and_the_old_one_pruned_when_the_model_changes(
        onnx_embedder, cache_dir, tmp_path):
    graph = onnx_embedder.graph_path
    made = graph.stat().st_mtime_ns
    again = OnnxEmbedder(cache_dir=cache_dir)
    assert again.graph_path == graph and graph.stat().st_mtime_ns == made  # reused, not exported again
    manifest = json.loads((graph.parent / "manifest-fp32.json").read_text())
    assert manifest["variant"] == "fp32"

    # The same model with a changed file: a new graph, made once even when asked for twice at once.
    source = default_model_path()
    changed = tmp_path / "all-MiniLM-L6-v2"
    for file in Path(source).rglob("*"):
        if file.is_file():
            (changed / file.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (changed / file.relative_to(source)).symlink_to(file)
    config = json.loads((Path(source) / "config.json").read_text())
    (changed / "config.json").unlink()
    (changed / "config.json").write_text(json.dumps({**config, "layer_norm_eps": 1e-12, "note": "re-exported"}))
    assert cached_graph_path(changed, cache_dir, "fp32") != graph
    # What an export of the changed folder before its last change left behind: superseded once the new one is written.
    superseded = _plant_export(cache_dir / "all-MiniLM-L6-v2-0123456789abcdef", changed)
    busy = _plant_export(cache_dir / "all-MiniLM-L6-v2-fedcba9876543210", changed)
    newer = _plant_export(cache_dir / "all-MiniLM-L6-v2-aaaaaaaaaaaaaaaa", changed, EXPORT_FORMAT + 1)

    paths: list[Path] = []
    with (busy / ".export.lock").open("w") as lock:  # another process is still writing this one
        fcntl.flock(lock, fcntl.LOCK_EX)
        threads = [threading.Thread(target=lambda: paths.append(ensure_exported(changed, cache_dir))) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(paths) == 2 and paths[0] == paths[1] != graph and paths[0].is_file()
    assert not [p for p in paths[0].parent.iterdir() if p.name.endswith(".partial")]
    assert not superseded.exists()
    assert (busy / "model-fp32.onnx").is_file()
    assert (newer / "model-fp32.onnx").is_file()  # a newer Salesboy's, sharing the cache
    # The export of another model folder (the packaged one) is not this folder's to prune.
    assert graph.is_file() and graph.stat().st_mtime_ns == made
    # Already exported: nothing is written, so nothing is pruned.
    assert ensure_exported(changed, cache_dir) == paths[0] and (busy / "model-fp32.onnx").is_file()
    assert prune_superseded(changed, cache_dir, keep=paths[0].parent) == [busy] and not busy.exists()


def _plant_export(folder: Path, source: Path, export_format: int = 0) -> Path:
    folder.mkdir()
    (folder / "model-fp32.onnx").write_bytes(b"an older graph")
    (folder / "manifest-fp32.json").write_text(json.dumps({"source": str(source), "fingerprint": "0" * 64,
                                                           "format": export_format, "variant": "fp32"}))
    return folder


def test_a_model_the_graph_cannot_pool_like_is_refused(tmp_path, cache_dir):
    source = default_model_path()
    other = tmp_path / "cls-pooled"
    for file in Path(source).rglob("*"):
        if file.is_file():
            (other / file.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (other / file.relative_to(source)).symlink_to(file)
    pooling = other / "1_Pooling" / "config.json"
    values = json.loads(pooling.read_text())
    pooling.unlink()
    pooling.write_text(json.dumps({**values, "pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}))
    with pytest.raises(OnnxExportError, match="EMBEDDING_RUNTIME=torch"):
        ensure_exported(other, cache_dir)


def test_embedding_with_onnx_never_loads_torch(onnx_embedder, cache_dir):
    onnx_embedder.graph_path  # noqa: B018 - exported (or reused) before the child runs
    code = ("import sys; from pathlib import Path; from services.adapters.embeddings_onnx import OnnxEmbedder; "
            f"e = OnnxEmbedder(cache_dir=Path({str(cache_dir)!r})); e.embed(['hello', 'price of rice?'] * 10); "
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules, 'torch loaded'")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr


def test_the_models_token_counts_add_up_so_chunks_need_not_be_counted_again():
    embedder = OnnxEmbedder(cache_dir=Path(os.environ["EMBEDDING_CACHE_DIR"]))  # the tests' export, made once
    assert embedder.token_counts_add_up and embedder.for_documents().token_counts_add_up
    documents = {path.name: path.read_bytes() for path in sorted(ROOT.glob("evals/*/documents/*"))}
    sections = [section for name, data in documents.items()
                for section in extract(data, sniff_type(data, name)).sections]
    # Text that could trip a tokenizer at a join: accents, CJK, emoji, a word past WordPiece's 100 characters.
    odd = " ".join(["naïve café", "日本語のテキスト", "🙂🙂", "a\u0301", "https://example.com/" + "x" * 240,
                    "3.50€"] * 40)
    sections.append(TextSection(text=odd, heading="Héading 日本", parents=["Shop"]))
    for options in (ChunkingOptions(200, 30), ChunkingOptions(48, 10)):
        chunks = chunk_sections(sections, embedder.count_tokens, options, embedder.count_tokens_many,
                                counts_add_up=True)
        assert [c.tokens for c in chunks] == embedder.count_tokens_many([c.content for c in chunks])


@pytest.mark.parametrize(("tokenizer", "adds_up"), [
    ({"normalizer": {"type": "BertNormalizer"}, "pre_tokenizer": {"type": "BertPreTokenizer"},
      "model": {"type": "WordPiece"}}, True),
    ({"normalizer": None, "pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE"}}, False),
    ({"normalizer": {"type": "Sequence"}, "pre_tokenizer": {"type": "BertPreTokenizer"},
      "model": {"type": "WordPiece"}}, False),
    ({"normalizer": None, "pre_tokenizer": {"type": "Metaspace"}, "model": {"type": "Unigram"}}, False),
])
def test_only_wordpiece_after_a_whitespace_split_is_taken_to_add_up(tokenizer, adds_up):
    assert _counts_add_up(tokenizer) is adds_up
