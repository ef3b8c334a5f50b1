"""File > Record a countersigned copy, when the copy is signed with a certificate this laptop
has not been told to trust: the window says so plainly and offers to trust it, showing the
signer's name and the certificate's whole fingerprint to compare with the one its owner reads
out. Declined (the default), nothing changes; accepted, the certificate is trusted and the
countersignature recorded. The host's laptop is the real program in its own data folder; the
PDFs are really signed and checked by pyHanko (and ``pdfsig``).
"""

# ruff: noqa: F401, F811 (the fixtures ``answers`` and ``rob`` are imported, then asked for by name)
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.identity import read_person_certificate
from app.ui.dialogs import ChooseReviewDialog
from app.ui.trust_offer import TrustCertificateDialog
from tests.conftest import db_fingerprint
from tests.gui.helpers import settle
from tests.gui.test_signoff_window import (
    TECH,
    _choose_tech,
    _host_countersigns,
    _menu,
    _pdfsig,
    _save_to,
    _status,
    answers,
    rob,
)

# Set to a folder to keep a picture of the offer (docs/screenshots/trust-offer.png).
SHOTS = os.environ.get("PEERWALK_SHOTS", "")


def _offer(  # type: ignore[no-untyped-def]
    qtbot, window, answers, pdf: Path, choose: str, seen: list[dict[str, Any]]
) -> None:
    """File > Record a countersigned copy… from ``pdf``; the offer is noted in ``seen`` and
    answered with the button ``choose`` ("trust" or "cancel")."""

    def answer(d: TrustCertificateDialog) -> None:
        seen.append(
            {
                "title": d.windowTitle(),
                "sentence": d.sentence.text(),
                "fingerprint": d.fingerprint.text().replace("\n", ":"),
                "ask": d.ask_them.text(),
                "default": d.cancel.isDefault() and not d.trust.isDefault(),
            }
        )
        if SHOTS:
            window.resize(1280, 720)
            d.grab().save(str(Path(SHOTS) / "trust-offer.png"))
        getattr(d, choose).click()

    answers.then(ChooseReviewDialog, _choose_tech).then(QFileDialog, _save_to(pdf)).then(
        TrustCertificateDialog, answer
    )
    _menu(window, "Record a countersigned copy…").trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    settle(qtbot)


def test_the_offer_shows_who_and_the_fingerprint_and_declined_changes_nothing(
    window, qtbot, rob, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "tech.pdf"
    rob.produce_report(TECH, report, None)
    signed, cert = _host_countersigns(tmp_path, report)
    claire = read_person_certificate(cert.read_bytes())
    before = db_fingerprint(rob.data_dir)
    seen: list[dict[str, Any]] = []
    _offer(qtbot, window, answers, signed, "cancel", seen)
    (offer,) = seen
    assert offer["sentence"] == (
        "This copy was signed by Claire Goodwin's certificate, which this laptop has not been "
        "told to trust yet. Nothing has been recorded."
    )
    assert offer["fingerprint"] == claire.fingerprint  # the whole of it, to compare
    assert "Ask Claire Goodwin to read out the fingerprint of their certificate" in offer["ask"]
    assert offer["default"]  # Enter does not trust
    settle(qtbot)
    assert answers.texts == []  # declined: nothing more is said
    assert db_fingerprint(rob.data_dir) == before and _status(rob) == "signed"
    assert not list((rob.data_dir / "trust").rglob("*.pem"))
    assert rob.verify_pdf(signed)["outcome"] == "unvouched"


def test_accepting_the_offer_trusts_the_certificate_and_records_the_countersignature(
    window, qtbot, rob, answers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "tech.pdf"
    rob.produce_report(TECH, report, None)
    signed, _cert = _host_countersigns(tmp_path, report)
    seen: list[dict[str, Any]] = []
    answers.then(QMessageBox, lambda b: b.accept())
    _offer(qtbot, window, answers, signed, "trust", seen)
    qtbot.waitUntil(lambda: bool(answers.texts), timeout=60_000)
    assert answers.texts == ["Countersignature recorded: the review is now countersigned."]
    assert _status(rob) == "countersigned"
    verdict = rob.verify_pdf(signed)
    assert verdict["outcome"] == "verified"
    host = next(s for s in verdict["signatures"] if s["field"] == "host-headteacher")
    assert host["signer"] == "Claire Goodwin" and host["trust"] == "by-hand"
    assert "Signature is Valid" in _pdfsig(signed)
