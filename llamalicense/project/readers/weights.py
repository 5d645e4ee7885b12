"""Weights files, and Git LFS pointers standing in for them.

A weights file in the repository (``*.safetensors``, ``*.gguf``, ``*.bin``, ...) shows
that a model is distributed with it. When the repository keeps it in Git LFS, the file in
the checkout is a small text pointer (``version https://git-lfs.github.com/spec/v1``,
``oid sha256:…``, ``size N``): it is recognised as a pointer, never read as a model, and
still counts as weights (the LFS server hands them to anyone who clones). Only the first
bytes are read. ``pytorch_model.bin`` and friends are weights; other ``.bin`` files are
not assumed to be.
"""

from __future__ import annotations

import re

from llamalicense.project.readers.base import DECLARED, WEIGHTS, Blob, Fact, Source

SUFFIXES = (".safetensors", ".gguf", ".ggml", ".pt", ".pth", ".ckpt", ".onnx", ".mlmodel")
_BIN = re.compile(r"(pytorch_model|adapter_model|model|consolidated)[\w.-]*\.bin$")
LFS_HEADER = b"version https://git-lfs.github.com/spec/"
_LFS_SIZE = re.compile(rb"^size ([0-9]{1,20})$", re.MULTILINE)
POINTER_MAX = 1024  # a pointer is about 130 bytes; the spec caps it at 1024


def lfs_pointer_size(data: bytes) -> int | None:
    """The size a Git LFS pointer stands for, or None when ``data`` is not a pointer."""
    if not data.startswith(LFS_HEADER) or len(data) > POINTER_MAX:
        return None
    match = _LFS_SIZE.search(data)
    return int(match.group(1)) if match else None


class WeightsReader:
    name = "weights"
    max_bytes = POINTER_MAX + 1

    def reads(self, path: str) -> bool:
        name = path.rsplit("/", 1)[-1].lower()
        return name.endswith(SUFFIXES) or bool(_BIN.match(name))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        pointed = lfs_pointer_size(blob.data) if not blob.truncated else None
        if pointed is not None:
            detail = f"Git LFS pointer to {pointed} bytes"
        elif blob.data.startswith(LFS_HEADER):
            detail = "Git LFS pointer (size not given)"
        else:
            detail = f"{blob.size} bytes"
        return (Fact(WEIGHTS, blob.name, Source(blob.path), DECLARED, detail),)


READER = WeightsReader()
