from __future__ import annotations

from readers_kit import blob_bytes

from llamalicense.project.readers.base import DECLARED, WEIGHTS, Source
from llamalicense.project.readers.weights import READER, lfs_pointer_size

POINTER = (
    b"version https://git-lfs.github.com/spec/v1\n"
    b"oid sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9\n"
    b"size 167772160\n"
)


def test_weight_file_names() -> None:
    for name in (
        "adapter_model.safetensors",
        "a/model-00001-of-00004.safetensors",
        "acme.Q4_K_M.gguf",
        "pytorch_model.bin",
        "consolidated.00.pth",
    ):
        assert READER.reads(name), name
    for name in ("tokenizer.json", "vocab.bin", "data.bin", "README.md"):
        assert not READER.reads(name), name


def test_an_lfs_pointer_is_weights_by_pointer_not_a_model() -> None:
    (fact,) = READER.read(blob_bytes(POINTER, "m/adapter_model.safetensors"))
    assert fact == _expected("adapter_model.safetensors", "Git LFS pointer to 167772160 bytes")
    assert lfs_pointer_size(POINTER) == 167772160
    assert lfs_pointer_size(POINTER + b"x" * 2000) is None


def test_real_weights_are_reported_by_size() -> None:
    data = b"\x08\x00\x00\x00\x00\x00\x00\x00{}      " + bytes(4000)
    (fact,) = READER.read(blob_bytes(data, "model.safetensors", limit=READER.max_bytes))
    assert fact.detail == f"{len(data)} bytes"


def _expected(name: str, detail: str) -> object:
    from llamalicense.project.readers.base import Fact

    return Fact(WEIGHTS, name, Source("m/adapter_model.safetensors"), DECLARED, detail)
