from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True, scope="session")
def _private_aup_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # AUP classifications are cached on disk; keep the tests' cache out of the user's.
    # Subprocesses of the CLI inherit the variable.
    saved = os.environ.get("LLAMALICENSE_CACHE_DIR")
    os.environ["LLAMALICENSE_CACHE_DIR"] = str(tmp_path_factory.mktemp("aup-cache"))
    yield
    if saved is None:
        os.environ.pop("LLAMALICENSE_CACHE_DIR", None)
    else:
        os.environ["LLAMALICENSE_CACHE_DIR"] = saved
