"""A keyring backend for benchmarks: secrets in memory, seeded from the environment.

``peerwalk report`` is measured as a whole process with its key held by a keychain (the
normal desktop path). No OS keychain runs on the benchmark machine, so each process gets this
backend through ``PYTHON_KEYRING_BACKEND=benchmarks.bench_keyring.BenchKeyring`` and starts
with the secrets the benchmark put in ``PEERWALK_BENCH_KEYRING`` (JSON). Never used by the app.
"""

from __future__ import annotations

import json
import os

from keyring.backend import KeyringBackend

ENV = "PEERWALK_BENCH_KEYRING"


class BenchKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        seeded = json.loads(os.environ.get(ENV) or "{}")
        self.secrets: dict[tuple[str, str], str] = {(s, u): p for s, u, p in seeded}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)

    def dump(self) -> str:
        """The secrets as the environment variable carries them."""
        return json.dumps([[s, u, p] for (s, u), p in self.secrets.items()])
