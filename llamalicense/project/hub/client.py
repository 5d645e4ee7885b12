"""One question to the Hub: the card metadata of a model, through ``huggingface_hub``.

``huggingface_hub`` is an optional extra (``pip install 'llamalicense[hub]'``), imported here
and only when ``--hub`` is given. What is sent: one ``GET {endpoint}/api/models/{id}`` per id,
asking for the card metadata and the commit id, with no token (``token=False``: the user's
Hugging Face login is never sent) and huggingface_hub's user-agent naming llamalicense.
huggingface_hub's telemetry is off during these requests (:func:`_no_telemetry`): otherwise
building the user agent fetches ``{endpoint}/api/agent-harnesses`` and writes it under
``HF_HOME``, a request and a file nobody asked for. Every failure (no network, a rate limit,
a missing or gated repository, an answer that is not a card) is returned as a
:class:`HubFailure` with its reason, never raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from llamalicense.errors import InputError
from llamalicense.project.hub.cards import HubCard, MalformedCard, card_from_metadata
from llamalicense.version import __version__

INSTALL = "pip install 'llamalicense[hub]'"


@dataclass(frozen=True)
class HubFailure:
    """Why the Hub gave no card for ``id``; ``lasting`` failures (no such repository, a
    gated one, a malformed card) are cached for the day, passing ones (network) are not."""

    id: str
    reason: str
    lasting: bool


def require_client() -> None:
    """Check that ``huggingface_hub`` can be imported.

    Raises:
        InputError: it is not installed (names the install command).
    """
    try:
        import huggingface_hub  # noqa: F401
    except ImportError:
        raise InputError(
            "--hub needs the huggingface_hub package, which is not installed",
            hint=f"install it with: {INSTALL}",
        ) from None


class HubClient:
    """Asks ``endpoint`` for card metadata, one id at a time."""

    def __init__(self, endpoint: str, timeout: float) -> None:
        require_client()
        from huggingface_hub import HfApi

        self.endpoint = endpoint
        self.timeout = timeout
        self._api = HfApi(
            endpoint=endpoint,
            token=False,
            library_name="llamalicense",
            library_version=__version__,
        )

    def card(self, model_id: str) -> HubCard | HubFailure:
        from huggingface_hub.errors import (
            GatedRepoError,
            HfHubHTTPError,
            RepositoryNotFoundError,
        )

        try:
            with _no_telemetry():
                info = self._api.model_info(
                    model_id, timeout=self.timeout, expand=["cardData", "sha"]
                )
        except GatedRepoError:
            return HubFailure(model_id, "the repository is gated (its card needs a login)", True)
        except RepositoryNotFoundError:
            return HubFailure(model_id, "no such model on the Hub (404, or private)", True)
        except HfHubHTTPError as exc:
            return HubFailure(model_id, _http_reason(exc), False)
        except Exception as exc:  # the network layer's own errors (httpx), offline mode, ...
            return HubFailure(model_id, f"the Hub could not be reached ({_short(exc)})", False)
        try:
            return card_from_metadata(model_id, getattr(info, "sha", None), _metadata(info))
        except MalformedCard as exc:
            return HubFailure(model_id, f"its card is malformed: {exc}", True)

    def card_url(self, model_id: str, revision: str) -> str:
        return card_url(self.endpoint, model_id, revision)


@contextmanager
def _no_telemetry() -> Iterator[None]:
    """huggingface_hub's ``HF_HUB_DISABLE_TELEMETRY`` for the duration of one request (and
    restored after, for a host application that uses huggingface_hub itself)."""
    from huggingface_hub import constants

    before = constants.HF_HUB_DISABLE_TELEMETRY
    constants.HF_HUB_DISABLE_TELEMETRY = True
    try:
        yield
    finally:
        constants.HF_HUB_DISABLE_TELEMETRY = before


def card_url(endpoint: str, model_id: str, revision: str) -> str:
    """The page of the card read: at its revision when the Hub gave one."""
    if revision:
        return f"{endpoint}/{model_id}/blob/{revision}/README.md"
    return f"{endpoint}/{model_id}"


def _metadata(info: Any) -> Any:
    data = getattr(info, "card_data", None)
    if data is None:
        return None
    to_dict = getattr(data, "to_dict", None)
    return to_dict() if callable(to_dict) else data


def _http_reason(exc: Any) -> str:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if status == 429:
        return "the Hub refused for now (429, rate limited)"
    if status is not None:
        return f"the Hub answered HTTP {status}"
    return f"the Hub answered with an error ({_short(exc)})"


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:160]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
