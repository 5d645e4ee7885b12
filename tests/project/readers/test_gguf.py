from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st
from readers_kit import blob_bytes, kinds

from llamalicense.project.readers.base import BASE_MODEL, DECLARED_LICENSE, NAME, REVIEW
from llamalicense.project.readers.gguf import READER, read_metadata

POINTER = (
    b"version https://git-lfs.github.com/spec/v1\n"
    b"oid sha256:5f1c0e3d9a7b2c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6\n"
    b"size 4920734272\n"
)


def _string(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def _kv_string(key: str, value: str) -> bytes:
    return _string(key) + struct.pack("<I", 8) + _string(value)


def _kv_u32(key: str, value: int) -> bytes:
    return _string(key) + struct.pack("<I", 4) + struct.pack("<I", value)


def _kv_tokens(key: str, tokens: list[str]) -> bytes:
    items = b"".join(_string(t) for t in tokens)
    return _string(key) + struct.pack("<I", 9) + struct.pack("<IQ", 8, len(tokens)) + items


def gguf(pairs: list[bytes], *, version: int = 3, claimed: int | None = None) -> bytes:
    count = len(pairs) if claimed is None else claimed
    return b"GGUF" + struct.pack("<IQQ", version, 291, count) + b"".join(pairs)


ACME = [
    _kv_string("general.architecture", "llama"),
    _kv_string("general.name", "Acme Support 3B"),
    _kv_string("general.license", "llama3.2"),
    _kv_u32("general.base_model.count", 1),
    _kv_string("general.base_model.0.name", "Llama 3.2 3B Instruct"),
    _kv_string("general.base_model.0.organization", "Meta Llama"),
    _kv_string(
        "general.base_model.0.repo_url", "https://huggingface.co/meta-llama/Llama-3.2-3B-Instruct"
    ),
    _kv_tokens("tokenizer.ggml.tokens", ["<|begin_of_text|>", "hello", "world"] * 50),
    _kv_string("general.source.huggingface.repository", "acme-labs/acme-support-3b"),
]


def test_reads_only_gguf_files() -> None:
    assert READER.reads("models/acme.Q4_K_M.gguf")
    assert READER.reads("X.GGUF")
    assert not READER.reads("acme.safetensors")


def test_general_keys_become_facts_and_the_architecture_does_not() -> None:
    facts = READER.read(blob_bytes(gguf(ACME), "acme.gguf"))
    assert sorted(kinds(facts)) == [
        (BASE_MODEL, "acme-labs/acme-support-3b"),
        (BASE_MODEL, "meta-llama/Llama-3.2-3B-Instruct"),
        (DECLARED_LICENSE, "llama3.2"),
        (NAME, "Acme Support 3B"),
    ]
    fields = {f.value: f.source.field for f in facts}
    assert fields["llama3.2"] == "general.license"
    assert fields["meta-llama/Llama-3.2-3B-Instruct"] == "general.base_model.0"
    assert all(f.source.line is None for f in facts)
    assert "llama" not in [f.value for f in facts]


def test_a_base_without_a_url_is_organization_and_name() -> None:
    pairs = [
        _kv_string("general.base_model.0.name", "Foundation-Sec-8B"),
        _kv_string("general.base_model.0.organization", "fdtn-ai"),
    ]
    (fact,) = READER.read(blob_bytes(gguf(pairs), "x.gguf"))
    assert fact.value == "fdtn-ai/Foundation-Sec-8B"


def test_a_header_cut_short_keeps_what_was_read() -> None:
    data = gguf(ACME)
    cut = data.index(b"tokenizer.ggml.tokens") + 40
    facts = READER.read(blob_bytes(data, "x.gguf", limit=cut))
    assert (DECLARED_LICENSE, "llama3.2") in kinds(facts)
    (review,) = READER.read(blob_bytes(data, "x.gguf", limit=30))
    assert review.kind == REVIEW


def test_claimed_counts_beyond_the_bytes_do_not_loop_or_allocate() -> None:
    huge_array = _string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2**62)
    facts = READER.read(blob_bytes(gguf([huge_array], claimed=2**63), "x.gguf"))
    assert [f.kind for f in facts] == [REVIEW]
    long_key = struct.pack("<Q", 2**60)
    assert READER.read(blob_bytes(gguf([long_key]), "x.gguf"))[0].kind == REVIEW


def test_not_gguf_wrong_version_and_lfs_pointers() -> None:
    (bad,) = READER.read(blob_bytes(b"PK\x03\x04 not a gguf", "x.gguf"))
    assert bad.kind == REVIEW
    assert "magic" in bad.value
    (old,) = READER.read(blob_bytes(gguf([], version=1), "x.gguf"))
    assert old.kind == REVIEW
    assert "version 1" in old.value
    assert READER.read(blob_bytes(POINTER, "x.gguf")) == ()  # the weights reader says it


def test_metadata_parser_reports_completeness() -> None:
    found, complete = read_metadata(gguf(ACME))
    assert complete
    assert found["general.name"] == "Acme Support 3B"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(tail: bytes) -> None:
    for head in (
        b"",
        b"GGUF\x03\x00\x00\x00",
        b"GGUF\x03\x00\x00\x00" + bytes(8) + b"\x05" + bytes(7),
    ):
        facts = READER.read(blob_bytes(head + tail, "x.gguf"))
        assert all(f.kind in (REVIEW, BASE_MODEL, DECLARED_LICENSE, NAME) for f in facts)
