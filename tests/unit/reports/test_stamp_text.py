"""Reading back the words a signature stamp draws: Peerwalk's own stamp (an embedded subset
font with a /ToUnicode map), a plain pyHanko text stamp (Courier, no map), and the content
stream forms a forger's tool might use (hex strings, TJ arrays, escapes, nested forms)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.reports.stamp_text import _tokens, stamp_text
from app.reports.verify import open_pdf
from tests.unit.reports.pdfs import FIELDS, SIGNOFF, text_pdf


class _Dict(dict):  # type: ignore[type-arg]
    """Just enough of a pyHanko dictionary: ``get_object`` gives itself."""

    def get_object(self) -> _Dict:
        return self


class _Stream(_Dict):
    """A form XObject: ``data`` and dictionary entries."""

    def __init__(self, data: bytes, **entries: object) -> None:
        super().__init__({"/Subtype": "/Form", **entries})
        self.data = data


def _widget(normal: _Stream) -> _Dict:
    return _Dict({"/AP": _Dict({"/N": normal})})


def test_content_stream_strings() -> None:
    tokens = _tokens(b"BT /F1 9 Tf (Rob \\(E\\) \\101llis) Tj [(Cl) -20 (aire)] TJ <4D61> Tj ET")
    strings = [v for k, v in tokens if k == "str"]
    assert strings == [b"Rob (E) Allis", b"Cl", b"aire", b"Ma"]
    widget = _widget(
        _Stream(
            b"BT /F1 9 Tf (Marcus) Tj ET BT (Lowe, Headteacher) Tj ET", **{"/Resources": _Dict()}
        )
    )
    assert stamp_text(widget) == "Marcus Lowe, Headteacher"
    nested = _Stream(
        b"q /Inner Do Q",
        **{"/Resources": _Dict({"/XObject": _Dict({"/Inner": _Stream(b"BT (Deep) Tj ET")})})},
    )
    assert stamp_text(_widget(nested)) == "Deep"
    assert (
        stamp_text(_widget(_Stream(b"BT <FEFF004D0061> Tj ET"))) == "Ma"
    )  # UTF-16 text, no font map
    assert stamp_text(_Dict()) == "" and stamp_text(_widget(_Stream(b"BI /W 1 ID \x00 EI"))) == ""


@pytest.mark.parametrize("with_name", ["Marcus Lowe", "Gwenllian Ŵyn Roberts"])
def test_a_plain_pyhanko_text_stamp_is_read(tmp_path: Path, with_name: str) -> None:
    """What a forger gets from pyHanko's own stamp: non-embedded Courier, literal strings."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.stamp import TextStampStyle

    from app.identity import create_identity, load_signer
    from app.reports.signing import prepare_signature_fields
    from app.reports.verify import pyhanko_certs

    create_identity(tmp_path, "Dave Stranger", "d@x.example")
    key, cert, _ = load_signer(tmp_path, None)
    from cryptography.hazmat.primitives import serialization
    from pyhanko.keys import load_private_key_from_pemder_data

    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=pyhanko_certs([cert])[0],
        signing_key=load_private_key_from_pemder_data(der, None),
        cert_registry=None,
    )
    style = TextStampStyle(stamp_text=f"Signed by {with_name}, Headteacher")
    meta = signers.PdfSignatureMetadata(field_name="host-headteacher")
    pdf = prepare_signature_fields(text_pdf(), FIELDS, signoff=SIGNOFF)
    out = signers.PdfSigner(meta, signer=signer, stamp_style=style).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), existing_fields_only=True
    )
    reader = open_pdf(out.getvalue())
    sig = next(iter(reader.embedded_signatures))
    text = stamp_text(sig.sig_field)
    assert text == f"Signed by {with_name}, Headteacher"
