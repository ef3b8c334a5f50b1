"""The Workspace's call for trusting a partner's signing certificate by hand, from the window
(File > Record a countersigned copy offers it when a copy's signer is not trusted here). A
mixin, so the window reaches the service the same way as every other."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class TrustCalls:
    """Mixed into Workspace, which provides ``data_dir``."""

    data_dir: Path

    def trust_signing_certificate(self, pem: bytes) -> dict[str, Any]:
        """Trust ``pem`` on this laptop (app.identity.trust_person_certificate), only ever
        after the person compared its fingerprint with its owner: ``{name, fingerprint}``.
        Raises InvalidInput for a certificate that is not a person's signing certificate."""
        from app.identity import trust_person_certificate

        info = trust_person_certificate(self.data_dir, pem)
        return {"name": info.name, "fingerprint": info.fingerprint}
