"""A laptop set up through the window's welcome publishes its signing certificate, as
`peerwalk identity create` does, so a partner school learns it from the next package and
trusts the signatures on its reports. Before, two laptops set up only in the window never
trusted each other's signatures: the writer could not record the host's countersigned copy
("a certificate this laptop does not trust"), a dead end with no way on in the window."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.operations import wait_for_all
from app.ui.welcome import WelcomeDialog
from tests.gui.helpers import answer_next, settle


def _published(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "peerwalk.db") as db:
        return [r[0] for r in db.execute("SELECT fingerprint FROM signing_certificates")]


def test_the_welcome_publishes_the_certificate_and_a_partner_learns_it(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("PEERWALK_TODAY", "2026-11-24")
    host_dir, team_dir = tmp_path / "host", tmp_path / "team"
    host_dir.mkdir()
    team_dir.mkdir()
    host = Workspace(host_dir)
    window = MainWindow(host, today=date(2026, 11, 24))
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)

    def welcome(d: WelcomeDialog) -> None:
        d.name.setText("Claire Goodwin")
        d.email.setText("c.goodwin@colnevalley.example")
        d.urn.setText("137451")
        d.school_name.setText("Colne Valley High School")
        d._on_buttons_accepted()

    answer_next(WelcomeDialog, welcome)
    window.files.first_run()  # an empty data folder opens on the welcome
    qtbot.waitUntil(lambda: host.identity() is not None, timeout=30_000)
    settle(qtbot)
    fingerprint = host.identity().fingerprint  # type: ignore[union-attr]
    assert _published(host_dir) == [fingerprint]

    team = Workspace(team_dir)  # the visiting team's laptop, its own school typed in
    team.setup_laptop(
        name="Rob Ellis",
        email="rob.ellis@blackwater.example",
        role="headteacher",
        school_id="137450",
        school_name="Blackwater Academy",
        passphrase=None,
        make_identity=False,
    )
    host.import_schools([{"id": "137450", "name": "Blackwater Academy"}])
    package = tmp_path / "for Blackwater.peerwalk"
    host.export_for("137450", package, None)
    team.import_package(package, True, None)
    assert _published(team_dir) == [fingerprint]  # the team's laptop now trusts her signature
    window.close()
    wait_for_all()
    host.close()
    team.close()
