"""The package fuzzer (tests/sync/fuzz.py) in the suite: blind byte mutations and correctly
signed, meaning-level mutations from a trusted partner. 0 internal errors, and nothing a
refused package carried, or that its sender may not change, reaches the database."""

from __future__ import annotations

import os
from pathlib import Path

from tests.sync import fuzz


def test_ten_thousand_mutated_packages_are_refused_with_a_sentence_or_accepted_by_the_rules(
    tmp_path: Path,
) -> None:
    mutations = int(os.environ.get("PEERWALK_FUZZ_MUTATIONS", "10000"))
    report = fuzz.run(mutations, seed=20261201, root=tmp_path)
    assert report.mutations == mutations
    assert report.internal_errors == []
    assert report.changed_by_refused == 0
    # The signed half must reach the authority checks, or the test proves little.
    assert sum(n for s, n in report.sentences.items() if "package tries to" in s) > mutations // 200
    assert report.accepted > 0 and report.refused > mutations // 2
