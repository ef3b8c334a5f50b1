"""Signing a small ReportLab PDF as a writer and countersigning as the host headteacher:
pyHanko and Debian's pdfsig both accept it, Welsh prints in the stamp, each way of spoiling
the file is BROKEN with one plain sentence, and each signature that is intact but not
vouched for (not trusted, not in its own box, a stamp naming someone else) is UNVOUCHED."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import AppError, InvalidInput
from app.identity import certificate_pem, load_signer, trusted_roots
from app.identity.certificates import fingerprint
from app.reports.signing import (
    SignatureFieldSpec,
    choose_field,
    prepare_signature_fields,
    sign_pdf,
    signature_fields,
)
from app.reports.signoff import SignOff
from app.reports.verdict import KnownCertificate, Outcome, PdfVerdict, TrustKind, TrustStore, judge
from app.reports.verify import read_signatures
from tests.unit.reports.pdfs import (
    FIELDS,
    HOST,
    NOT_A_PDF,
    SIGNOFF,
    WRITER,
    Signed,
    append_content_change,
    change_title,
    change_xmp_title,
    flip_in_signed_range,
    make_signed,
    rewrite_signoff,
    sign_with_forged_stamp,
    text_pdf,
    truncate,
)


def verify_pdf(pdf: bytes, roots: list, known: tuple[KnownCertificate, ...] = ()) -> PdfVerdict:  # type: ignore[type-arg]
    """The verdict of a laptop that trusts ``roots`` (network roots) and ``known`` certificates."""
    return judge(read_signatures(pdf, roots), TrustStore(tuple(roots), known))


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
    with pytest.raises(InvalidInput, match="sign-off record"):
        prepare_signature_fields(text_pdf(), FIELDS[:1], signoff=SIGNOFF)


def test_the_signoff_record_is_in_the_update_the_writer_signs(signed: Signed) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from app.reports.signoff import read_record

    reader = PdfFileReader(io.BytesIO(signed.writer_signed), strict=False)
    assert read_record(reader.get_historical_resolver(0)) is None  # not in what ReportLab wrote
    assert read_record(reader.get_historical_resolver(1)) == SIGNOFF  # in the fields update
    first = read_signatures(signed.writer_signed, []).signatures[0]
    assert first.signed_revision == 2  # the writer's signature covers revisions 0 to 2


def test_both_signatures_intact_valid_and_trusted(signed: Signed) -> None:
    result = verify_pdf(signed.both_signed, trusted_roots(signed.host))
    assert result.outcome is Outcome.VERIFIED and result.exit_code == 0
    assert result.ok and result.problem is None and result.unsigned_fields == ()
    first, second = result.signatures
    assert (first.field, first.signer, second.field, second.signer) == (
        "writer",
        WRITER,
        "host-headteacher",
        HOST,
    )
    assert all(
        s.intact
        and s.valid
        and s.trusted
        and not s.self_signed
        and s.in_own_box
        and s.stamp_names_signer
        for s in result.signatures
    )
    assert [s.trust for s in result.signatures] == ["network-ca", "network-ca"]
    assert (first.box_role, first.box_for, second.box_role, second.box_for) == (
        "writer",
        WRITER,
        "host headteacher",
        HOST,
    )
    assert (
        not first.whole_document
        and first.changed_after == "later signatures"
        and first.modification_level == "FORM_FILLING"
    )
    assert second.whole_document and second.changed_after == "nothing"
    assert second.signed_at[:4] == str(datetime.now(UTC).year) and len(second.fingerprint) == 95


def test_pades_with_sha256(signed: Signed) -> None:
    reader = PdfReader(io.BytesIO(signed.both_signed))
    values = [f.get("/V") for f in reader.get_fields().values() if f.get("/FT") == "/Sig"]
    assert [v.get_object()["/SubFilter"] for v in values] == ["/ETSI.CAdES.detached"] * 2


def test_writer_alone_is_ok_and_waits_for_the_host(signed: Signed) -> None:
    result = verify_pdf(signed.writer_signed, trusted_roots(signed.writer))
    assert result.ok and result.unsigned_fields == ("host-headteacher",)
    assert (
        choose_field(signed.writer_signed, lambda f: f == "host-headteacher") == "host-headteacher"
    )


def test_self_signed_is_intact_but_not_trusted(tmp_path: Path) -> None:
    s = make_signed(tmp_path, network=False)
    result = verify_pdf(s.both_signed, trusted_roots(s.host))
    assert result.outcome is Outcome.UNVOUCHED and result.exit_code == 3
    assert all(
        sig.self_signed and not sig.trusted and sig.intact and sig.valid and sig.in_own_box
        for sig in result.signatures
    )
    short = ":".join(result.signatures[0].fingerprint.split(":")[:8])
    assert result.problem == (
        f"The writer's box was signed by '{WRITER}' with a certificate this laptop does not trust "
        f"(self-signed; fingerprint {short}…). 1 more signature also needs attention (see the "
        "list)."
    )


def test_trusted_as_this_laptop_partner_or_by_hand(tmp_path: Path) -> None:
    """Without a network root: the host's laptop trusts its own identity, and the writer's
    certificate once it is known (by hand, or published by the writer's school)."""
    s = make_signed(tmp_path, network=False)
    fp = {
        who: fingerprint(load_signer(d, None).cert)
        for who, d in (("writer", s.writer), ("host", s.host))
    }
    mine = KnownCertificate(
        fp["host"], TrustKind.THIS_LAPTOP, source="this laptop's own signing identity"
    )
    result = verify_pdf(s.both_signed, [], (mine,))
    assert [sig.trusted for sig in result.signatures] == [
        False,
        True,
    ] and result.outcome is Outcome.UNVOUCHED
    for kind in (TrustKind.BY_HAND, TrustKind.PARTNER):
        result = verify_pdf(
            s.both_signed, [], (mine, KnownCertificate(fp["writer"], kind, source="x"))
        )
        assert result.outcome is Outcome.VERIFIED, result.problem
        assert [sig.trust for sig in result.signatures] == [kind.value, "this-laptop"]
    assert certificate_pem(s.writer).startswith(b"-----BEGIN CERTIFICATE")


def test_a_partner_certificate_of_another_person_is_not_their_box(tmp_path: Path) -> None:
    """A published certificate says whose it is: same name, another person, not their box."""
    s = make_signed(tmp_path, network=False)
    boxes = tuple(
        type(b)(**{**b.__dict__, "person_id": f"person-{b.field}"}) for b in SIGNOFF.boxes
    )
    pdf = prepare_signature_fields(text_pdf(), FIELDS, signoff=SignOff("r", boxes))
    key, cert, chain = load_signer(s.writer, None)
    one = sign_pdf(pdf, key, cert, chain, field="writer", role="writer", when=datetime.now(UTC))
    right = KnownCertificate(fingerprint(cert), TrustKind.PARTNER, "person-writer", "", "x")
    assert verify_pdf(one, [], (right,)).outcome is Outcome.VERIFIED
    wrong = KnownCertificate(fingerprint(cert), TrustKind.PARTNER, "someone-else", "", "x")
    result = verify_pdf(one, [], (wrong,))
    assert result.outcome is Outcome.UNVOUCHED and not result.signatures[0].in_own_box
    assert (
        result.problem
        == f"The writer's box is for {WRITER}, but it was signed with the certificate of another "
        f"person called '{WRITER}'."
    )


def test_an_untrusting_laptop_says_intact_but_not_trusted(signed: Signed) -> None:
    result = verify_pdf(signed.both_signed, [])
    assert result.outcome is Outcome.UNVOUCHED and not any(s.trusted for s in result.signatures)
    assert all(s.intact and s.in_own_box for s in result.signatures)
    assert "issued by 'Triad Gogledd Cymru signing root', a root not trusted here" in (
        result.problem or ""
    )


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
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=False
    ).stdout
    assert "DejaVuSans-Bold" in fonts and "Courier" not in fonts  # the stamps' names, embedded
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    for expected in (
        WRITER,
        HOST,
        "Digitally signed as writer",
        "Digitally signed as receiving headteacher",
        "Certificate ",
    ):
        assert expected in text, text
    reader = PdfReader(io.BytesIO(signed.both_signed))
    stamps = [a.get_object()["/AP"]["/N"].get_object() for a in reader.pages[-1]["/Annots"]]
    assert len(stamps) == 2 and all(s.get("/BBox") for s in stamps)


def test_the_same_field_cannot_be_signed_twice(signed: Signed) -> None:
    import keyring

    keyring.set_keyring(signed.keychain)  # the autouse fixture restores the test's own
    key, cert, chain = load_signer(signed.host, None)
    with pytest.raises(AppError, match="already signed"):
        sign_pdf(
            signed.both_signed, key, cert, chain, field="writer", role="x", when=datetime.now(UTC)
        )
    with pytest.raises(AppError, match="no signature field 'nope'"):
        sign_pdf(signed.prepared, key, cert, chain, field="nope", role="x", when=datetime.now(UTC))
    with pytest.raises(AppError, match="Every signature field"):
        choose_field(signed.both_signed, lambda _f: True)


@pytest.mark.parametrize(
    ("spoil", "sentence"),
    [
        (
            flip_in_signed_range,
            f"The signature by {WRITER} does not match the document: the file has been changed "
            "since it was signed.",
        ),
        (
            append_content_change,
            f"The document was changed after {HOST} signed it (more than adding signatures).",
        ),
        (
            truncate,
            "This PDF is incomplete: the end of the file is missing (it may have been cut short "
            "while copying).",
        ),
        (lambda _pdf: NOT_A_PDF, "This file is not a PDF."),
        (lambda _pdf: text_pdf(), "This PDF has no signatures."),
        (
            lambda pdf: pdf + b"\n%trailing\n",
            f"Something was added to the end of the file after the last signature (by {HOST}).",
        ),
    ],
    ids=[
        "flipped-byte",
        "appended-update",
        "truncated",
        "not-a-pdf",
        "no-signatures",
        "trailing-bytes",
    ],
)
def test_spoiled_files_fail_with_one_sentence(signed: Signed, spoil, sentence: str) -> None:  # type: ignore[no-untyped-def]
    result = verify_pdf(spoil(signed.both_signed), trusted_roots(signed.host))
    assert result.outcome is Outcome.BROKEN and result.exit_code == 1
    assert result.problem == sentence


@pytest.mark.parametrize("signed_pdf", ["writer_signed", "both_signed"])
def test_a_title_changed_after_signing_is_broken(signed: Signed, signed_pdf: str) -> None:
    """pyHanko lets /Info change after a signature (it rates it LTA_UPDATES); we do not."""
    pdf = change_title(getattr(signed, signed_pdf))
    result = verify_pdf(pdf, trusted_roots(signed.host))
    assert result.outcome is Outcome.BROKEN
    assert result.problem == f"The document's title was changed after {WRITER} signed it."
    assert result.signatures[0].changed_after == "details"
    assert all(
        s.modification_level in ("LTA_UPDATES", "FORM_FILLING") for s in result.signatures
    )  # what pyHanko alone says


def test_an_xmp_title_added_after_signing_is_broken(signed: Signed) -> None:
    result = verify_pdf(change_xmp_title(signed.both_signed), trusted_roots(signed.host))
    assert result.outcome is Outcome.BROKEN
    assert result.problem == f"The document's XMP metadata was changed after {WRITER} signed it."


def test_rewriting_whose_box_it_is_after_the_writer_signed_is_broken(signed: Signed) -> None:
    pdf = rewrite_signoff(signed.writer_signed, host_name="Marcus Lowe")
    result = verify_pdf(pdf, trusted_roots(signed.host))
    assert result.outcome is Outcome.BROKEN
    assert (
        result.problem
        == f"The document was changed after {WRITER} signed it (more than adding signatures)."
    )


def test_a_stamp_naming_someone_else_is_not_vouched_for(signed: Signed) -> None:
    """The host's own, trusted certificate, in her own box, under a stamp that says someone
    else signed: the picture is what a reader sees, so it must name the certificate's holder."""
    import keyring

    keyring.set_keyring(signed.keychain)
    forged = sign_with_forged_stamp(
        signed.writer_signed, signed.host, "host-headteacher", "Marcus Lowe"
    )
    result = verify_pdf(forged, trusted_roots(signed.host))
    assert result.outcome is Outcome.UNVOUCHED
    host = result.signatures[1]
    assert (
        host.trusted
        and host.in_own_box
        and not host.stamp_names_signer
        and host.stamp.startswith("Marcus Lowe ")
    )
    assert (result.problem or "").startswith(
        f"The host headteacher's box was signed by '{HOST}', but its stamp reads \"Marcus Lowe "
        "Digitally signed"
    )
    assert (result.problem or "").endswith(", which does not name them.")


def test_a_pdf_that_does_not_say_whose_boxes_are(signed: Signed) -> None:
    import keyring

    keyring.set_keyring(signed.keychain)
    key, cert, chain = load_signer(signed.writer, None)
    pdf = sign_pdf(
        prepare_signature_fields(text_pdf(), FIELDS),
        key,
        cert,
        chain,
        field="writer",
        role="writer",
        when=datetime.now(UTC),
    )
    result = verify_pdf(pdf, trusted_roots(signed.host))
    assert result.outcome is Outcome.UNVOUCHED and result.signatures[0].trusted
    assert (
        result.problem
        == "This PDF does not say whose each signature box is, so Peerwalk cannot tell whether "
        f"'{WRITER}' signed in their own box ('writer')."
    )


def test_pdfsig_misses_what_we_catch(signed: Signed, tmp_path: Path) -> None:
    """The appended update that pyHanko's difference analysis catches passes pdfsig."""
    path = tmp_path / "appended.pdf"
    path.write_bytes(append_content_change(signed.both_signed))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    assert out.count("Signature is Valid") == 2 and "Not total document signed" in out
    assert verify_pdf(path.read_bytes(), []).outcome is Outcome.BROKEN


def test_flips_anywhere_never_raise(signed: Signed) -> None:
    """Whatever byte is damaged, the answer is a verdict, never an exception."""
    pdf = signed.both_signed
    for i in range(0, len(pdf), max(1, len(pdf) // 40)):
        data = bytearray(pdf)
        data[i] ^= 0x20
        result = verify_pdf(bytes(data), [])
        assert result.outcome is Outcome.UNVOUCHED or (
            result.problem and "\n" not in result.problem
        )
