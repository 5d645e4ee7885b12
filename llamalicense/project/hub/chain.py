"""Following a base model up the Hub: card after card, to a Meta release.

From the id asked, each card's ``base_model`` ids are followed (breadth first, in the card's
order) until each reaches an id the tool already knows (a catalogued release, a known
re-upload or derivative), or a card that names no base: then its declared Llama license, if
any, ties it to that version's stand-in release. The walk is capped in hops
(``max_depth``) and in cards read for the whole project (``max_cards``), and cycle-safe (a
base that leads back to an id on its own path is a problem, not an edge). Whatever stops it
(a failure of the Hub, a cap, a cycle, a card with no base and no Llama license) is a problem
naming the id and the reason, so the component is needs-review, never a pass.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from llamalicense.catalog.data import DECLARED_PREFIX, Catalog, normalize_model_id
from llamalicense.catalog.licenses import RESEARCH_LICENSE, llama_version
from llamalicense.catalog.model_ids import id_meaning
from llamalicense.project.hub.cache import HubCache
from llamalicense.project.hub.cards import HubCard
from llamalicense.project.hub.client import HubClient, HubFailure, card_url, require_client
from llamalicense.project.hub.settings import HubSettings

KNOWN = frozenset({"release", "reupload", "derivative"})  # ids the tool places itself
ASK = frozenset({"unresolved", "llama-named", "other"})  # ids only a card can place


@dataclass(frozen=True)
class HubEdge:
    """``child`` is built on ``parent``, as the card at ``url`` says in ``field``."""

    child: str
    parent: str
    relation: str
    url: str
    field: str  # base_model | license


@dataclass(frozen=True)
class HubAnswer:
    """What the Hub said about ``asked``: the ids met on the way (``nodes``, each a model the
    report shows), the edges read, the known ids reached (``releases``: catalogued releases,
    re-uploads, derivatives, declared stand-ins), ids known not to be Llama (``ends``), and
    what stopped the walk (``problems``, id and reason)."""

    asked: str
    nodes: tuple[str, ...]
    edges: tuple[HubEdge, ...]
    releases: tuple[str, ...]
    ends: tuple[tuple[str, str], ...]
    problems: tuple[tuple[str, str], ...]


class HubResolver:
    """Resolves ids up the Hub for one project, each card read at most once."""

    def __init__(self, settings: HubSettings, catalog: Catalog) -> None:
        require_client()  # --hub without huggingface_hub is an input error, before any work
        self.settings = settings
        self.catalog = catalog
        self.endpoint = settings.resolved_endpoint()
        self.cache = HubCache(settings.resolved_cache_dir(), self.endpoint, settings.day())
        self._client: HubClient | None = None
        self._cards: dict[str, HubCard | HubFailure] = {}
        # After a passing failure (no network, a rate limit) nothing more is asked in this
        # run: a dead network costs one timeout, not one per id.
        self._stopped: str | None = None

    def card(self, model_id: str) -> HubCard | HubFailure:
        key = normalize_model_id(model_id)
        if key in self._cards:
            return self._cards[key]
        answer = self.cache.get(model_id)
        if answer is None:
            if len(self._cards) >= self.settings.max_cards:
                return HubFailure(
                    model_id,
                    f"more than {self.settings.max_cards} cards would be read from the Hub for "
                    "this project (the cap)",
                    False,
                )
            if self._stopped is not None:
                return HubFailure(model_id, f"not asked: {self._stopped}", False)
            if self._client is None:
                self._client = HubClient(self.endpoint, self.settings.timeout)
            answer = self._client.card(model_id)
            self.cache.put(answer)
            if isinstance(answer, HubFailure) and not answer.lasting:
                self._stopped = f"{model_id} failed earlier in this run ({answer.reason})"
        self._cards[key] = answer
        return answer

    def resolve(self, asked: str) -> HubAnswer:
        walk = _Walk(self, asked)
        walk.run()
        return walk.answer()


class _Walk:
    def __init__(self, hub: HubResolver, asked: str) -> None:
        self.hub = hub
        self.asked = asked
        self.nodes: dict[str, str] = {}  # normalized id -> id as written
        self.edges: list[HubEdge] = []
        self.releases: list[str] = []
        self.ends: list[tuple[str, str]] = []
        self.problems: list[tuple[str, str]] = []

    def run(self) -> None:
        queue: deque[tuple[str, tuple[str, ...]]] = deque([(self.asked, ())])
        self.nodes[normalize_model_id(self.asked)] = self.asked
        while queue:
            model_id, path = queue.popleft()
            answer = self.hub.card(model_id)
            if isinstance(answer, HubFailure):
                self.problems.append((model_id, answer.reason))
                continue
            url = card_url(self.hub.endpoint, model_id, answer.revision)
            if not answer.bases:
                self._no_base(answer, url)
                continue
            here = (*path, normalize_model_id(model_id))
            relation = answer.relation or ("merge" if len(answer.bases) > 1 else "finetune")
            for base in answer.bases:
                if self._follow(model_id, base, relation, url, here):
                    queue.append((base, here))

    def _follow(
        self, child: str, base: str, relation: str, url: str, path: tuple[str, ...]
    ) -> bool:
        """Add the edge ``child`` -> ``base``; whether ``base``'s card is to be read."""
        key = normalize_model_id(base)
        if key in path:
            shown = " \u2192 ".join([*(self.nodes[p] for p in path), base])
            self.problems.append((base, f"its cards form a cycle ({shown})"))
            return False
        meaning = id_meaning(base, self.hub.catalog)
        if meaning.kind in KNOWN:
            self.edges.append(HubEdge(child, base, relation, url, "base_model"))
            self.releases.append(base)
            return False
        seen = key in self.nodes
        self.nodes.setdefault(key, base)
        self.edges.append(HubEdge(child, base, relation, url, "base_model"))
        if seen:
            return False  # a diamond: its card is (being) read once
        if meaning.independent is not None:
            self.ends.append((base, meaning.independent.reason))
            return False
        if meaning.kind not in ASK:
            reason = {
                "local": "a path on someone's disk, not a Hub id",
                "unknown-meta": "in Meta's namespace but not an official release in the catalog",
            }.get(meaning.kind, f"read as {meaning.kind}")
            self.problems.append((base, reason))
            return False
        if len(path) >= self.hub.settings.max_depth:
            self.problems.append(
                (base, f"more than {self.hub.settings.max_depth} hops from {self.asked} (the cap)")
            )
            return False
        return True

    def _no_base(self, card: HubCard, url: str) -> None:
        versions = sorted(
            {
                v
                for v in (llama_version(value) for value in card.licenses)
                if v and v != RESEARCH_LICENSE
            }
        )
        if versions:
            for version in versions:
                stand_in = DECLARED_PREFIX + version
                self.edges.append(HubEdge(card.id, stand_in, "finetune", url, "license"))
                self.releases.append(stand_in)
            return
        declared = f" and declares license {', '.join(card.licenses)}" if card.licenses else ""
        self.problems.append((card.id, f"its card names no base_model{declared}"))

    def answer(self) -> HubAnswer:
        return HubAnswer(
            asked=self.asked,
            nodes=tuple(self.nodes.values()),
            edges=tuple(self.edges),
            releases=tuple(dict.fromkeys(self.releases)),
            ends=tuple(self.ends),
            problems=tuple(self.problems),
        )
