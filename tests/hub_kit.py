"""A stand-in for the Hugging Face Hub on the loopback address: serves the recorded answers
of tests/data/hub/answers.json to ``GET /api/models/<owner>/<name>`` and counts requests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ANSWERS = Path(__file__).resolve().parent / "data" / "hub" / "answers.json"
PREFIX = "/api/models/"


@dataclass
class FakeHub:
    endpoint: str
    requests: list[str] = field(default_factory=list)


def _handler(answers: dict[str, Any], hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            model_id = path[len(PREFIX) :] if path.startswith(PREFIX) else ""
            hub.requests.append(model_id or self.path)
            answer = answers.get(model_id, {"status": 404, "error_code": "RepoNotFound"})
            status = answer["status"]
            body = answer.get("body", {"error": f"answer {status}"})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if answer.get("error_code"):
                self.send_header("X-Error-Code", answer["error_code"])
                self.send_header("X-Error-Message", "recorded answer")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

    return Handler


@contextmanager
def fake_hub() -> Iterator[FakeHub]:
    answers = {k: v for k, v in json.loads(ANSWERS.read_text()).items() if "/" in k}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(answers, FakeHub("")))
    hub = FakeHub(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(answers, hub)
    # A short poll, so shutdown() returns at once (the default waits up to half a second).
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield hub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def card_folder(root: Path, base_model: str, *, name: str = "my-bot") -> Path:
    """A project folder with one model card naming ``base_model``."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "README.md").write_text(
        f"---\nbase_model: {base_model}\nlicense: apache-2.0\n---\n# {name}\n\nA support bot.\n",
        encoding="utf-8",
    )
    return folder
