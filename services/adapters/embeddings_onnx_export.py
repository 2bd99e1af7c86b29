"""The sentence-transformers model as one ONNX graph (encoder + mean pooling + L2 normalise).

`ensure_exported()` returns the cached graph for a model folder, exporting it first when it
is missing or was made from other model files. The export needs torch, so it runs in a
child process (`python -m services.adapters.embeddings_onnx_export`): the process asking, usually a
worker, never loads torch and keeps its memory small. A file lock makes concurrent
processes export once; the graph is written beside its final name and renamed into place,
so a reader never sees half a file. Writing a graph removes the exports it supersedes:
those made earlier from the same model folder, before its files (or the export format) changed.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Bumped when the exported graph changes shape or meaning: old caches are then re-made.
# 3: the int8 graph keeps its layer norms and GELU apart from the Adds before them (see _quantize).
EXPORT_FORMAT = 3
# int8-fused: the int8 graph as format 2 made it (EMBEDDING_ONNX_VARIANT=int8-documents-fused).
# fp32-w8: the fp32 graph with its MatMul weights stored as 8 bits a value, one scale per 32 (see _weights_8bit).
VARIANTS = ("fp32", "int8", "int8-fused", "fp32-w8")
# Weights a scale covers in fp32-w8, and ONNX Runtime's accuracy level 4 (its int8 kernels, activations
# quantised per block of the same size). Blocks of 128 were faster still but further from fp32
# (cosine min 0.996 against 0.9989 on the agreement texts, tests/bench/README.md).
_W8_BLOCK = 32
_W8_ACCURACY_LEVEL = 4
# A graph's file names its recipe where the recipe has knobs, so a cache made with other knobs is never read.
_GRAPH_NAMES = {"fp32-w8": f"fp32-w8-b{_W8_BLOCK}-a{_W8_ACCURACY_LEVEL}"}
# ONNX Runtime's own fusions a graph must be run without: they would undo what its recipe kept apart.
RUNTIME_FUSIONS_OFF = {"int8": ("SkipLayerNormFusion", "BiasGeluFusion")}
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "sentence_embedding"
# The model files whose bytes decide the graph; README and training metadata do not.
_SOURCE_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "modules.json",
                 "sentence_bert_config.json", "1_Pooling/config.json", "tokenizer.json")
_EXPORT_TIMEOUT_SECONDS = 900

log = logging.getLogger(__name__)


class OnnxExportError(RuntimeError):
    """The model could not be exported to ONNX."""


def source_fingerprint(model_path: Path) -> str:
    digest = hashlib.sha256(f"format {EXPORT_FORMAT}\n".encode())
    for name in _SOURCE_FILES:
        path = model_path / name
        if not path.is_file():
            continue
        digest.update(f"{name}\n".encode())
        with path.open("rb") as file:
            while block := file.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()


def cached_graph_path(model_path: Path, cache_dir: Path, variant: str) -> Path:
    fingerprint = source_fingerprint(model_path)[:16]
    return cache_dir / f"{model_path.name}-{fingerprint}" / f"model-{_GRAPH_NAMES.get(variant, variant)}.onnx"


def ensure_exported(model_path: Path, cache_dir: Path, variant: str = "fp32") -> Path:
    """The cached graph for these model files, exported (in a child process) if missing."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown ONNX variant {variant!r}; known: {', '.join(VARIANTS)}")
    target = cached_graph_path(model_path, cache_dir, variant)
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / ".export.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be exporting the same graph
        if not target.is_file():
            _export_in_child(model_path, target, variant)
            prune_superseded(model_path, cache_dir, keep=target.parent)
    return target


def prune_superseded(model_path: Path, cache_dir: Path, keep: Path) -> list[Path]:
    """Remove the exports of `model_path` other than `keep`: made from its earlier files, never read again.

    Which model folder an export came from is read from its manifests, so the exports of other
    models sharing the cache stay, and so do those a newer Salesboy made (a newer format): two
    versions sharing a cache would otherwise remove each other's graph in turn. An export another
    process is writing (its lock held) is left for the next prune; a process still running an old
    graph has it in memory already.
    """
    pruned = []
    for folder in cache_dir.iterdir():
        if folder == keep or not folder.is_dir() or not _exported_from(folder, model_path):
            continue
        with (folder / ".export.lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            shutil.rmtree(folder, ignore_errors=True)
        pruned.append(folder)
        log.info("removed superseded ONNX export %s", folder)
    return pruned


def _exported_from(folder: Path, model_path: Path) -> bool:
    for manifest in folder.glob("manifest-*.json"):
        try:
            made = json.loads(manifest.read_text())
        except (OSError, ValueError):
            continue
        if made.get("source") == str(model_path) and int(made.get("format", 0)) <= EXPORT_FORMAT:
            return True
    return False


def _export_in_child(model_path: Path, target: Path, variant: str) -> None:
    command = [sys.executable, "-m", "services.adapters.embeddings_onnx_export", str(model_path), str(target), variant]
    result = subprocess.run(command, capture_output=True, text=True, timeout=_EXPORT_TIMEOUT_SECONDS,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"}, check=False)
    if result.returncode != 0 or not target.is_file():
        raise OnnxExportError(f"exporting {model_path} to ONNX failed: {result.stderr.strip()[-2000:]}")


def export(model_path: Path, target: Path, variant: str) -> None:
    """Write the graph to `target` atomically (torch, transformers and onnx are needed here only)."""
    _require_mean_pooling(model_path)
    import torch
    from transformers import AutoModel

    # Eager attention: the fused sdpa path decides at trace time whether a mask is needed
    # and would freeze that decision into the graph.
    encoder = AutoModel.from_pretrained(str(model_path), attn_implementation="eager").eval()
    pooled = _mean_pooled(encoder)
    # Traced with real padding in the batch, so masking is part of the graph.
    input_ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    attention_mask = (input_ids != 0).long()
    token_type_ids = torch.zeros_like(input_ids)
    axes = {name: {0: "batch", 1: "tokens"} for name in INPUT_NAMES}
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    fp32 = partial if variant == "fp32" else target.with_name(f".{target.name}.{os.getpid()}.fp32")
    try:
        with torch.no_grad():
            torch.onnx.export(pooled, (input_ids, attention_mask, token_type_ids), str(fp32),
                              input_names=list(INPUT_NAMES), output_names=[OUTPUT_NAME],
                              dynamic_axes={**axes, OUTPUT_NAME: {0: "batch"}}, opset_version=17,
                              dynamo=False, do_constant_folding=True, external_data=False)
        if variant == "fp32-w8":
            _weights_8bit(fp32, partial)
        elif variant != "fp32":
            _quantize(model_path, fp32, partial, fuse_norms=variant == "int8-fused")
        _write_manifest(model_path, target, variant)
        os.replace(partial, target)
    finally:
        for leftover in {partial, fp32}:
            leftover.unlink(missing_ok=True)


def _require_mean_pooling(model_path: Path) -> None:
    # The graph pools as all-MiniLM-L6-v2 does; another pipeline would give other vectors.
    modules = json.loads((model_path / "modules.json").read_text())
    kinds = [module["type"].rsplit(".", 1)[-1] for module in modules]
    pooling = json.loads((model_path / "1_Pooling" / "config.json").read_text())
    modes = sorted(key for key, on in pooling.items() if key.startswith("pooling_mode_") and on)
    if kinds != ["Transformer", "Pooling", "Normalize"] or modes != ["pooling_mode_mean_tokens"]:
        raise OnnxExportError(f"{model_path} is not Transformer + mean Pooling + Normalize ({kinds}, {modes}); "
                              "use EMBEDDING_RUNTIME=torch for it")


def _quantize(model_path: Path, source: Path, target: Path, *, fuse_norms: bool = False) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    # Attention and the embedding layer norm fused first (exact: cosine 1.0 with the plain graph); then
    # only the MatMuls left outside the fused Attention (feed-forward and output projections) become
    # int8, per channel. Of the recipes measured this one stays closest to the fp32 vectors.
    # The residual Add + LayerNormalization and the bias Add + Gelu stay apart unless `fuse_norms`: ONNX
    # Runtime's fused SkipLayerNormalization and BiasGelu kernels took ~15 % and ~9 % of a document batch,
    # and the plain operators do the same sums in about a sixth of that time (tests/bench/README.md).
    fused = target.with_name(f".{target.name}.{os.getpid()}.fused")
    try:
        config = json.loads((model_path / "config.json").read_text())
        options = FusionOptions("bert")
        options.enable_skip_layer_norm = options.enable_bias_gelu = fuse_norms
        model = optimizer.optimize_model(str(source), model_type="bert", opt_level=1, optimization_options=options,
                                         num_heads=config["num_attention_heads"], hidden_size=config["hidden_size"])
        model.save_model_to_file(str(fused))
        quantize_dynamic(str(fused), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"], extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        fused.unlink(missing_ok=True)


def _weights_8bit(source: Path, target: Path) -> None:
    """Every MatMul with a weight matrix becomes ONNX Runtime's `MatMulNBits` (8 bits, symmetric, a scale per block).

    Unlike the int8 graph, a question's activations are not quantised with one scale for the whole batch but per
    block of 32 values, and the weights per block of 32 rows of a column: the vectors stay within ~0.001 of fp32.
    A one-line question reads every weight once, so a quarter of the bytes is most of the gain."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    weights = {tensor.name: tensor for tensor in graph.initializer}
    nodes, replaced = [], set()
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or len(weight.dims) != 2 or weight.dims[0] % _W8_BLOCK:
            nodes.append(node)
            continue
        matrix = numpy_helper.to_array(weight).astype(np.float32)  # K x N; MatMulNBits wants N blocks of K
        rows, columns = matrix.shape
        blocks = matrix.T.reshape(columns, rows // _W8_BLOCK, _W8_BLOCK)
        scales = np.abs(blocks).max(axis=2, keepdims=True) / 127
        scales[scales == 0] = 1.0
        # Stored unsigned around the default zero point of 128.
        quantised = (np.clip(np.round(blocks / scales), -128, 127) + 128).astype(np.uint8)
        packed = numpy_helper.from_array(quantised, f"{weight.name}_w8")
        scale = numpy_helper.from_array(scales.reshape(-1).astype(np.float32), f"{weight.name}_w8_scales")
        graph.initializer.extend([packed, scale])
        nodes.append(helper.make_node("MatMulNBits", [node.input[0], packed.name, scale.name], list(node.output),
                                      name=f"{node.name}_w8", domain="com.microsoft", K=rows, N=columns, bits=8,
                                      block_size=_W8_BLOCK, accuracy_level=_W8_ACCURACY_LEVEL))
        replaced.add(weight.name)
    if not replaced:
        raise OnnxExportError(f"{source} has no MatMul weights to store in 8 bits")
    still_used = {name for node in nodes for name in node.input}
    kept = [tensor for tensor in graph.initializer if tensor.name in still_used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(nodes)
    if not any(opset.domain == "com.microsoft" for opset in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(target))


def _write_manifest(model_path: Path, target: Path, variant: str) -> None:
    manifest = {"source": str(model_path), "fingerprint": source_fingerprint(model_path),
                "format": EXPORT_FORMAT, "variant": variant, "graph": target.name}
    partial = target.with_name(f".manifest-{variant}.{os.getpid()}.partial")
    partial.write_text(json.dumps(manifest, indent=2))
    os.replace(partial, target.with_name(f"manifest-{variant}.json"))


def _mean_pooled(encoder):
    import torch

    class MeanPooledEncoder(torch.nn.Module):
        # sentence-transformers' Pooling(mean) + Normalize, as all-MiniLM-L6-v2 is configured,
        # inside the graph: the runtime then needs neither torch nor a pooling step of its own.
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            summed = (tokens * mask).sum(dim=1)
            counts = mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(summed / counts, p=2.0, dim=1)

    return MeanPooledEncoder().eval()


if __name__ == "__main__":
    export(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
