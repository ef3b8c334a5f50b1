"""Whose each box is: the record's round trip, and matching a certificate to a box."""

from __future__ import annotations

from app.reports.signoff import (
    Box,
    CertificateHolder,
    SignOff,
    box_mismatch,
    refusal,
    same_name,
    school_id_of,
)

CLAIRE = Box(
    "host-headteacher",
    "host-headteacher",
    "Receiving headteacher",
    "Claire Goodwin",
    "p-claire",
    "137451",
    "Colne Valley High School",
)
ROB = Box("writer", "writer", "Writer", "Rob Ellis", "p-rob", "137450", "Blackwater Academy")


def test_record_round_trip_and_refusals() -> None:
    record = SignOff("review", (ROB, CLAIRE))
    assert SignOff.from_json(record.to_json()) == record
    assert (
        SignOff.from_json(
            '{"format": "peerwalk-sign-off", "version": 2, "review": "r", "boxes": []}'
        )
        is None
    )
    assert SignOff.from_json("not json") is None
    assert record.box("host-headteacher") == CLAIRE and record.box("nope") is None


def test_names_and_schools() -> None:
    assert same_name("Gwenllian Ŵyn  Roberts", "gwenllian ŵyn roberts")
    assert same_name("Ŵ", "W\u0302")  # composed or not, the same letter
    assert not same_name("", "")
    assert school_id_of("Colne Valley High School (137451)") == "137451"
    assert school_id_of("Ysgol Gymraeg Bro Ŵyr") == ""


def test_a_certificate_fits_its_own_box_only() -> None:
    claire = CertificateHolder("Claire Goodwin", "Colne Valley High School (137451)")
    assert box_mismatch(CLAIRE, claire) is None and refusal(CLAIRE, claire) is None
    assert (
        refusal(ROB, claire)
        == "This box is for Rob Ellis, the writer; your signing identity is Claire Goodwin."
    )
    assert box_mismatch(
        CLAIRE, CertificateHolder("Claire Goodwin", "Blackwater Academy (137450)")
    ) == ("the certificate that signed it names 'Claire Goodwin' of Blackwater Academy (137450)")
    assert refusal(CLAIRE, CertificateHolder("Claire Goodwin")) == (
        "This box is for Claire Goodwin of Colne Valley High School (137451), the host "
        "headteacher; "
        "your signing identity's certificate names Claire Goodwin of no school."
    )
    # a partner's published certificate names its person: the same name is not enough
    other = CertificateHolder("Claire Goodwin", "", person_id="p-someone-else", school_id="137451")
    assert (
        box_mismatch(CLAIRE, other)
        == "it was signed with the certificate of another person called 'Claire Goodwin'"
    )
    assert (
        box_mismatch(
            CLAIRE,
            CertificateHolder("Claire Goodwin", "", person_id="p-claire", school_id="137451"),
        )
        is None
    )
    nobody = Box("host-headteacher", "host-headteacher", "Receiving headteacher", "")
    assert (
        refusal(nobody, claire)
        == "The host headteacher's box names nobody, so it cannot be signed; your signing "
        "identity is Claire Goodwin."
    )
