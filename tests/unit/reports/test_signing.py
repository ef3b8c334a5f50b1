"""Signing a small ReportLab PDF as a writer and countersigning as the host headteacher:
pyHanko and Debian's pdfsig both accept it, Welsh prints in the stamp, and each way of
spoiling the file gives ok=False and one plain sentence."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import AppError, InvalidInput
from app.identity import load_signer, trusted_roots
from app.reports.signing import (
    SignatureFieldSpec,
    choose_field,
    prepare_signature_fields,
    sign_pdf,
    signature_fields,
    verify_pdf,
)
from tests.unit.reports.pdfs import (
    HOST,
    NOT_A_PDF,
    WRITER,
    Signed,
    append_content_change,
    flip_in_signed_range,
    make_signed,
    text_pdf,
    truncate,
)


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    import keyring

    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        return make_signed(tmp_path_factory.mktemp("signed"))
    finally:
        keyring.set_keyring(previous)


def test_fields_are_added_in_one_update_before_any_signature(signed: Signed) -> None:
    plain = text_pdf()
    assert signed.prepared.startswith(plain)  # incremental: the original bytes are untouched
    assert signed.prepared.count(b"%%EOF") == plain.count(b"%%EOF") + 1  # exactly one update
    assert signature_fields(signed.prepared) == [
        ("writer", False, "Writer: " + WRITER),
        ("host-headteacher", False, "Receiving headteacher: " + HOST),
    ]
    reader = PdfReader(io.BytesIO(signed.prepared))
    annots = [a.get_object() for a in reader.pages[-1]["/Annots"]]
    assert [a["/T"] for a in annots] == ["writer", "host-headteacher"]  # on the last page
    assert reader.pages[0].get("/Annots") is None


def test_preparing_refuses(signed: Signed) -> None:
    with pytest.raises(AppError, match="already signed"):
        prepare_signature_fields(signed.writer_signed, [SignatureFieldSpec("late")])
    with pytest.raises(InvalidInput, match="already has a signature field 'writer'"):
        prepare_signature_fields(signed.prepared, [SignatureFieldSpec("writer")])
    with pytest.raises(InvalidInput, match="own name"):
        prepare_signature_fields(text_pdf(), [SignatureFieldSpec("a"), SignatureFieldSpec("a")])
    with pytest.raises(InvalidInput, match="page 5"):
        prepare_signature_fields(text_pdf(), [SignatureFieldSpec("a", page=4)])


def test_both_signatures_intact_valid_and_trusted(signed: Signed) -> None:
    result = verify_pdf(signed.both_signed, trusted_roots(signed.host))
    assert result.ok and result.problem is None and result.unsigned_fields == []
    first, second = result.signatures
    assert (first.field, first.signer, second.field, second.signer) == ("writer", WRITER, "host-headteacher", HOST)
    assert all(s.intact and s.valid and s.trusted and not s.self_signed for s in result.signatures)
    assert not first.whole_document and first.changed_after == "later signatures" and first.modification_level == "FORM_FILLING"
    assert second.whole_document and second.changed_after == "nothing"
    assert second.signed_at[:4] == str(datetime.now(UTC).year) and len(second.fingerprint) == 95


def test_pades_with_sha256(signed: Signed) -> None:
    reader = PdfReader(io.BytesIO(signed.both_signed))
    values = [f.get("/V") for f in reader.get_fields().values() if f.get("/FT") == "/Sig"]
    assert [v.get_object()["/SubFilter"] for v in values] == ["/ETSI.CAdES.detached"] * 2


def test_writer_alone_is_ok_and_waits_for_the_host(signed: Signed) -> None:
    result = verify_pdf(signed.writer_signed, trusted_roots(signed.writer))
    assert result.ok and result.unsigned_fields == ["host-headteacher"]
    assert choose_field(signed.writer_signed, HOST) == "host-headteacher"


def test_self_signed_is_valid_but_not_trusted(tmp_path: Path) -> None:
    s = make_signed(tmp_path, network=False)
    result = verify_pdf(s.both_signed, trusted_roots(s.host))
    assert result.ok
    assert all(sig.self_signed and not sig.trusted and sig.intact and sig.valid for sig in result.signatures)


def test_an_untrusting_laptop_still_verifies(signed: Signed) -> None:
    result = verify_pdf(signed.both_signed, [])
    assert result.ok and not any(s.trusted for s in result.signatures)


def test_pdfsig_says_both_signatures_are_valid(signed: Signed, tmp_path: Path) -> None:
    """pdfsig exits 0 even on failure, so its words are what we check."""
    assert shutil.which("pdfsig"), "pdfsig (poppler-utils) is installed by the set-up script"
    path = tmp_path / "both.pdf"
    path.write_bytes(signed.both_signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    blocks = out.split("Signature #")[1:]
    assert len(blocks) == 2, out
    assert all("Signature Validation: Signature is Valid." in b for b in blocks), out
    assert "- Signature Field Name: writer" in blocks[0] and "Total document signed" in blocks[1]
    assert WRITER in blocks[0] and HOST in blocks[1]
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(flip_in_signed_range(signed.both_signed))
    out = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid" not in out


def test_stamp_prints_welsh_with_an_embedded_font(signed: Signed, tmp_path: Path) -> None:
    """The stamp's text is real text in an embedded DejaVu subset, so ŵ is printed exactly."""
    path = tmp_path / "both.pdf"
    path.write_bytes(signed.both_signed)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=False).stdout
    assert "DejaVuSans-Bold" in fonts and "Courier" not in fonts  # the stamps' names, embedded
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"], capture_output=True, text=True, check=False).stdout
    for expected in (WRITER, HOST, "Digitally signed as writer", "Digitally signed as receiving headteacher", "Certificate "):
        assert expected in text, text
    reader = PdfReader(io.BytesIO(signed.both_signed))
    stamps = [a.get_object()["/AP"]["/N"].get_object() for a in reader.pages[-1]["/Annots"]]
    assert len(stamps) == 2 and all(s.get("/BBox") for s in stamps)


def test_the_same_field_cannot_be_signed_twice(signed: Signed) -> None:
    import keyring

    keyring.set_keyring(signed.keychain)  # the autouse fixture restores the test's own
    key, cert, chain = load_signer(signed.host, None)
    with pytest.raises(AppError, match="already signed"):
        sign_pdf(signed.both_signed, key, cert, chain, field="writer", signer_name=HOST, role="x", when=datetime.now(UTC))
    with pytest.raises(AppError, match="no signature field 'nope'"):
        sign_pdf(signed.prepared, key, cert, chain, field="nope", signer_name=HOST, role="x", when=datetime.now(UTC))
    with pytest.raises(AppError, match="Every signature field"):
        choose_field(signed.both_signed, HOST)


@pytest.mark.parametrize(
    ("spoil", "sentence"),
    [
        (flip_in_signed_range, f"The signature by {WRITER} does not match the document: the file has been changed since it was signed."),
        (append_content_change, f"The document was changed after {HOST} signed it (more than adding signatures)."),
        (truncate, "This PDF is incomplete: the end of the file is missing (it may have been cut short while copying)."),
        (lambda _pdf: NOT_A_PDF, "This file is not a PDF."),
        (lambda _pdf: text_pdf(), "This PDF has no signatures."),
        (lambda pdf: pdf + b"\n%trailing\n", f"Something was added to the end of the file after the last signature (by {HOST})."),
    ],
    ids=["flipped-byte", "appended-update", "truncated", "not-a-pdf", "no-signatures", "trailing-bytes"],
)
def test_spoiled_files_fail_with_one_sentence(signed: Signed, spoil, sentence: str) -> None:  # type: ignore[no-untyped-def]
    result = verify_pdf(spoil(signed.both_signed), trusted_roots(signed.host))
    assert not result.ok
    assert result.problem == sentence


def test_pdfsig_misses_what_we_catch(signed: Signed, tmp_path: Path) -> None:
    """The appended update that pyHanko's difference analysis catches passes pdfsig."""
    path = tmp_path / "appended.pdf"
    path.write_bytes(append_content_change(signed.both_signed))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 2 and "Not total document signed" in out
    assert not verify_pdf(path.read_bytes(), []).ok


def test_flips_anywhere_never_raise(signed: Signed) -> None:
    """Whatever byte is damaged, the answer is a verdict, never an exception."""
    pdf = signed.both_signed
    for i in range(0, len(pdf), max(1, len(pdf) // 40)):
        data = bytearray(pdf)
        data[i] ^= 0x20
        result = verify_pdf(bytes(data), [])
        assert result.ok or (result.problem and "\n" not in result.problem)
