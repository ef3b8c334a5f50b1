"""Exchanging packages with partner schools: export, verify, import, conflicts.

Import is verify-then-apply: the whole file is checked (app.sync.package), then the sender and
the sites whose changes it carries are checked against what this laptop trusts, and only then
is anything written, in the caller's single transaction.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.errors import (
    AppError,
    IncompletePackage,
    IntegrityFailure,
    InvalidInput,
    NoEncryptionKey,
    NoSuchConflict,
    NotEntitled,
    NotFound,
    PackageAudience,
    ResolutionNeeded,
    SiteNotSet,
    UntrustedSender,
)
from app.identity.keystore import PassphraseProvider
from app.models import SYNCED_TABLES, Batch, Change, ReceivedPackage, SentBatch, Setting, Site
from app.models.base import table_of
from app.services.attachments import attachment_path, check_received_photo, store_bytes
from app.services.files import read_small_file
from app.services.schools import get_network, get_school
from app.sync import keys as sitekeys
from app.sync.authority import Decision, Refusal, authorise
from app.sync.canonical import CHAINED_BATCHES, dumps
from app.sync.merge import apply_ops, conflicts
from app.sync.package import AGE_MAGIC, MAX_PACKAGE_BYTES, Package, read_package, write_package
from app.sync.scope import (
    NETWORK,
    allowed_by_review,
    check_batch_scopes,
    schools_allowed,
)

EMAIL_LIMIT = 20 * 1024 * 1024


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def _settings(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Setting.key, Setting.value)).all())


def _set(session: Session, key: str, value: str) -> None:
    session.merge(Setting(key=key, value=value))


def site_id(session: Session) -> str:
    sid = _settings(session).get("site_id")
    if not sid:
        sid = str(uuid.uuid4())
        _set(session, "site_id", sid)
    return sid


def set_home(session: Session, school_ref: str, name: str = "") -> dict[str, str]:
    """Say which school this laptop belongs to (packages are addressed to schools)."""
    school = get_school(session, school_ref)
    _set(session, "school_id", school.id)
    if name:
        _set(session, "site_name", name.strip())
    return {
        "site_id": site_id(session),
        "school_id": school.id,
        "school": school.name,
        "name": name,
    }


def home(session: Session) -> tuple[str, str]:
    s = _settings(session)
    if not s.get("school_id"):
        raise SiteNotSet("Say which school this laptop belongs to first.")
    return s["school_id"], s.get("site_name", "")


def fingerprint(public_key_b64: str) -> str:
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest().upper()[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


# --- export ---------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    bytes: int
    ops: int
    photos: int
    photo_bytes: int
    recipients: list[str]
    warning: str = ""


def _seal_local_batches(session: Session, me: str, keys: sitekeys.SiteKeys) -> None:
    """Batch any of this laptop's changes still outside a batch (written without app.db's
    transaction, or before this format), then sign every open batch: after this, the
    batches only need copying into the package."""
    from app.sync.reference import log_referred_schools
    from app.sync.sealing import sign_open, stage

    log_referred_schools(session)  # schools travel once something refers to them (reference data)
    session.flush()
    stage(session, me)
    sign_open(session, me, keys)


def _held_by_school(session: Session, school_id: str) -> set[str]:
    """Batches that every laptop of this school we have heard from says it holds."""
    laptops = select(Site.site_id).where(Site.school_id == school_id, Site.trusted.is_(True))
    held: dict[str, set[str]] = defaultdict(set)
    for site, batch in session.execute(
        select(SentBatch.site_id, SentBatch.batch_id).where(SentBatch.site_id.in_(laptops))
    ):
        held[site].add(batch)
    return set.intersection(*held.values()) if held else set()


def _blobs_of(session: Session, batch_ids: list[str]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The stored (compressed) lines of these batches, and the photos their changes refer to."""
    conn = session.connection()
    out: list[tuple[str, bytes]] = []
    for i in range(0, len(batch_ids), 500):
        chunk = batch_ids[i : i + 500]
        out += [
            (r[0], r[1])
            for r in conn.exec_driver_sql(
                f"SELECT id, lines FROM batches WHERE id IN ({','.join('?' * len(chunk))})",
                tuple(chunk),
            )
        ]
    wanted = set(batch_ids)
    # Photos are named only by note_attachments creations: one indexed query, however many batches.
    rows = conn.exec_driver_sql(
        "SELECT batch_id, value FROM changes WHERE table_name = 'note_attachments' AND field = '*'"
    )
    photos = []
    for batch_id, value in rows:
        record = json.loads(value) if batch_id in wanted else None
        if isinstance(record, dict) and isinstance(record.get("sha256"), str):
            photos.append(record["sha256"])
    return sorted(out), photos


def export_package(  # noqa: PLR0912, PLR0913 (a use case's plain arguments, keyword-only)
    session: Session,
    data_dir: Path,
    out: Path,
    *,
    for_school: str | None = None,
    network: str | None = None,
    review: str | None = None,
    full: bool = False,
    encrypt_to: list[str] | None = None,
    package_passphrase: str | None = None,
    key_passphrase: PassphraseProvider | None = None,
    clock: Callable[[], datetime] = _now,
) -> ExportResult:
    """Write a signed package of what the recipients may see (and, for one school, have not
    yet been sent). Raises AppError/NotFound/InvalidInput with one sentence."""
    session.info["record_changes"] = False
    my_school, my_name = home(session)
    me = site_id(session)
    if bool(for_school) + bool(network) > 1:
        raise PackageAudience(
            "Choose one school or one network for the package, not both.", reason="both"
        )
    net = get_network(session, network) if network else None
    if for_school:
        recipients = [get_school(session, for_school).id]
    elif net is not None:
        from app.models import NetworkMember

        recipients = sorted(
            set(
                session.scalars(
                    select(NetworkMember.school_id).where(
                        NetworkMember.network_id == net.id, NetworkMember.deleted.is_(False)
                    )
                )
            )
            - {my_school}
        )
    elif review:
        from app.services.reviews import get_review

        recipients = sorted(schools_allowed(session, get_review(session, review).id) - {my_school})
    else:
        raise PackageAudience(
            "Say who the package is for: a school, a network or a review's schools.", reason="none"
        )
    review_id = None
    if review:
        from app.services.reviews import get_review

        review_id = get_review(session, review).id
    keys = sitekeys.load_or_create(data_dir, key_passphrase, me)
    _seal_local_batches(session, me, keys)
    recipient_sites = set(
        session.scalars(
            select(Site.site_id).where(Site.school_id.in_(recipients), Site.trusted.is_(True))
        )
    )
    allowed = allowed_by_review(session)
    chosen: list[Any] = []
    for b in session.execute(
        select(
            Batch.id,
            Batch.site_id,
            Batch.scope,
            Batch.ops_hash,
            Batch.op_count,
            Batch.signature,
            Batch.version,
        )
    ):
        if b.site_id in recipient_sites and len(recipients) == 1:
            continue  # they made these
        if review_id and b.scope not in (review_id, NETWORK):
            continue
        if b.scope != NETWORK and not set(recipients) <= allowed.get(
            b.scope, set()
        ):  # UNSHARED too
            continue
        chosen.append(b)
    if for_school and not full:
        sent = _held_by_school(session, recipients[0])
        chosen = [b for b in chosen if b.id not in sent]
    batches, shas = _blobs_of(session, [b.id for b in chosen])
    photos = {
        sha: attachment_path(data_dir, sha)
        for sha in shas
        if attachment_path(data_dir, sha).exists()
    }
    sites = {
        me: {
            "site_id": me,
            "public_key": keys.public_key,
            "name": my_name,
            "school_id": my_school,
            # Its name, for a laptop that does not hold the school yet to ask about trust in words.
            "school_name": _held_school_name(session, my_school)[:200],
            "age_recipient": keys.age_recipient,
        }
    }
    for s in session.scalars(
        select(Site).where(Site.site_id.in_({b.site_id for b in chosen} - {me}))
    ):
        sites[s.site_id] = {
            "site_id": s.site_id,
            "public_key": s.public_key,
            "name": s.name,
            "school_id": s.school_id,
            "age_recipient": s.age_recipient,
        }
    manifest = {
        "package_id": str(uuid.uuid4()),
        "created_at": clock().isoformat(timespec="seconds"),
        "sender": sites[me],
        "recipients": recipients,
        "sites": sorted(sites.values(), key=lambda s: s["site_id"]),
        # What this laptop holds: a partner's next export to us leaves these out.
        "has": sorted(session.scalars(select(Batch.id))),
        "batches": sorted((_entry(b) for b in chosen), key=lambda b: b["id"]),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    size = write_package(out, manifest, batches, photos, keys)
    if encrypt_to or package_passphrase:
        size = _encrypt_file(session, out, encrypt_to or [], package_passphrase)
    photo_bytes = sum(p.stat().st_size for p in photos.values())
    warning = ""
    if size > EMAIL_LIMIT:
        warning = (
            f"This package is {size / 1024**2:.0f} MB, too large for most email; "
            f"{photo_bytes / 1024**2:.0f} MB of it is {len(photos)} photos. Use a USB stick, or "
            "export one review at a time."
        )
    return ExportResult(
        out, size, sum(b.op_count for b in chosen), len(photos), photo_bytes, recipients, warning
    )


def _entry(b: Any) -> dict[str, Any]:
    """A batch as the manifest lists it; a format-1 batch (signed before format 2) has no
    version, so it is checked as it was signed."""
    entry = {
        "id": b.id,
        "site_id": b.site_id,
        "scope": b.scope,
        "ops_hash": b.ops_hash,
        "op_count": b.op_count,
        "signature": b.signature,
    }
    return {**entry, "version": b.version} if b.version == CHAINED_BATCHES else entry


def _encrypt_file(session: Session, path: Path, schools: list[str], passphrase: str | None) -> int:
    """Replace the plain package at ``path`` by its encrypted form, whole. On any failure the
    plain package is removed: it must not be left where an encrypted one was asked for."""
    import pyrage

    from app.services.files import write_atomically

    try:
        data = path.read_bytes()
        if passphrase:
            sealed = pyrage.passphrase.encrypt(data, passphrase)
        else:
            recipients = []
            for ref in schools:
                school = get_school(session, ref)
                # Only laptops that sent us a package themselves (trusted): a school's key heard
                # second-hand from a relayer could be the relayer's own.
                keys = [
                    s.age_recipient
                    for s in session.scalars(
                        select(Site).where(Site.school_id == school.id, Site.trusted.is_(True))
                    )
                    if s.age_recipient
                ]
                if not keys:
                    raise NoEncryptionKey(
                        f"No package has come from {school.name} yet, so there is no key to "
                        "encrypt to; encrypt with a passphrase instead.",
                        school=school.name,
                    )
                recipients += [pyrage.x25519.Recipient.from_str(k) for k in keys]
            sealed = pyrage.encrypt(data, recipients)
        write_atomically(path, sealed)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return len(sealed)


# --- verify and import ----------------------------------------------------------------


@dataclass
class Checked:
    package: Package
    sender_known: bool
    sender: dict[str, Any] = field(default_factory=dict)
    decision: Decision = field(default_factory=Decision)


def _read_file(path: Path) -> bytes:
    return read_small_file(path, "Peerwalk package", MAX_PACKAGE_BYTES)


def _decrypt(
    session: Session,
    data_dir: Path,
    raw: bytes,
    key_passphrase: PassphraseProvider | None,
    package_passphrase: str | None,
) -> bytes:
    import pyrage

    if package_passphrase:
        try:
            plain: bytes = pyrage.passphrase.decrypt(raw, package_passphrase)
            return plain
        except Exception:
            raise IntegrityFailure("The passphrase does not open this package.") from None
    if sitekeys.site_public(data_dir) is None:
        raise IntegrityFailure(
            "This package is encrypted and this laptop has no key for it; ask the sender for its "
            "passphrase."
        )
    keys = sitekeys.load_or_create(data_dir, key_passphrase, site_id(session))
    try:
        opened: bytes = pyrage.decrypt(raw, [pyrage.x25519.Identity.from_str(keys.age_identity)])
        return opened
    except Exception:
        raise IntegrityFailure(
            "This package is encrypted for someone else: this laptop's key does not open it."
        ) from None


def _is_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(AGE_MAGIC)) == AGE_MAGIC
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a Peerwalk package.") from None
    except OSError as exc:
        raise InvalidInput(f"The package {path.name} could not be read ({exc.strerror}).") from None


def _school_label(session: Session, school_id: str) -> str:
    from app.models import School

    name = session.scalar(select(School.name).where(School.id == school_id)) if school_id else None
    return f"{name} ({school_id})" if name else (school_id or "no school")


def _held_school_name(session: Session, school_id: str) -> str:
    from app.models import School

    name = session.scalar(select(School.name).where(School.id == school_id)) if school_id else None
    return name or ""


def _sender_school(session: Session, sender: dict[str, Any]) -> str:
    """The sender's school in words for the trust question: its name as held here; else the
    name the sender's signed manifest gives (one more claim of the sender's, checked like the
    rest by the fingerprint), said to be not yet on this laptop; else its number."""
    school_id = str(sender.get("school_id", ""))
    if not school_id:
        return "no school"
    held = _held_school_name(session, school_id)
    if held:
        return held
    named = " ".join(str(sender.get("school_name") or "").split())
    where = f"school {school_id}, not yet on this laptop"
    return f"{named}, {where}" if named else where


def _screen_sender(session: Session, manifest: dict[str, Any], trust_new_sender: bool) -> None:
    """Decide from the signed manifest alone whether this sender may be heard at all: a
    stranger, a laptop known only second-hand, or a trusted laptop that now states another
    school or encryption key is refused before any change is read, unless the user trusts it
    (again) now. Raises UntrustedSender."""
    sender = manifest["sender"]
    row = session.get(Site, sender["site_id"])
    name = sender.get("name") or "an unknown sender"
    fp = fingerprint(sender["public_key"])
    if row is not None and row.trusted:
        if row.public_key != sender["public_key"]:
            raise IntegrityFailure(
                f"The package claims to be from {row.name or 'a known laptop'} but is signed with "
                "a different key; it was not imported."
            )
        changed = []
        if row.school_id != sender.get("school_id", ""):
            changed.append(
                f"now says it belongs to {_school_label(session, sender.get('school_id', ''))}, "
                f"not {_school_label(session, row.school_id)}"
            )
        if row.age_recipient != sender.get("age_recipient", "") and row.age_recipient:
            changed.append("now gives a different key for encrypted packages")
        if not changed or trust_new_sender:
            return
        raise UntrustedSender(
            f"{row.name or name}'s laptop {' and '.join(changed)}; nothing was imported. "
            f"Trust it again only if {row.name or name} confirms this (key fingerprint {fp}).",
            name=row.name or name,
            school_id=sender.get("school_id", ""),
            fingerprint=fp,
            reason="changed",
        )
    if trust_new_sender:
        return
    heard = (
        f", heard of only through {_site_name(session, row.relayed_by)}"
        if row is not None and row.relayed_by
        else ""
    )
    raise UntrustedSender(
        f"This package is from {name} "
        f"({_sender_school(session, sender)}){heard}, whom this laptop has "
        "not trusted before; "
        f"check the key fingerprint {fp} with them before trusting them.",
        name=name,
        school_id=sender.get("school_id", ""),
        fingerprint=fp,
        reason="new",
    )


def _site_name(session: Session, site: str) -> str:
    row = session.get(Site, site)
    return (row.name or "another laptop") if row is not None else "another laptop"


def check_package(
    session: Session,
    data_dir: Path,
    path: Path,
    *,
    key_passphrase: PassphraseProvider | None = None,
    package_passphrase: str | None = None,
    trust_new_sender: bool = True,
) -> Checked:
    """Everything import checks, changing nothing: the file, its signatures and hashes, its
    sender (refused from the manifest alone unless trusted, or ``trust_new_sender``), and every
    change against who may make it (docs/authority.md). Raises IntegrityFailure (its kinds
    UntrustedSender and NotEntitled) or AppError."""
    source: bytes | Path = path
    if _is_encrypted(path):
        source = _decrypt(session, data_dir, _read_file(path), key_passphrase, package_passphrase)
    my_school, _ = home(session)
    me = site_id(session)

    def screen(manifest: dict[str, Any]) -> None:
        recipients = manifest.get("recipients")
        if not isinstance(recipients, list) or my_school not in recipients:
            raise IntegrityFailure(
                "This package is not addressed to this school; it was not imported."
            )
        if manifest["sender"].get("site_id") == me:
            raise IntegrityFailure("This package was made on this laptop.")
        if session.get(ReceivedPackage, str(manifest.get("package_id"))) is not None:
            from app.errors import AlreadyImported

            raise AlreadyImported(str(manifest.get("package_id")))
        _screen_sender(session, manifest, trust_new_sender)

    pkg = read_package(
        source, screen, held=lambda manifest: _already_held(session, data_dir, manifest)
    )
    for data in pkg.attachments.values():
        check_received_photo(data)  # before anything is stored: a bad photo refuses the package
    sender = pkg.sender
    mine = sitekeys.site_public(data_dir)
    known = {s.site_id: s for s in session.scalars(select(Site))}
    for s in pkg.manifest["sites"]:
        if s["site_id"] == me and (mine is None or s["public_key"] != mine["public_key"]):
            raise IntegrityFailure(
                "The package carries changes that claim to be from this laptop but are not signed "
                "by it."
            )
        row = known.get(s["site_id"])
        if row is not None and row.trusted and row.public_key != s["public_key"]:
            raise IntegrityFailure(
                "The package carries changes that claim to be from "
                f"{row.name or 'a known laptop'} but are signed with a different key."
            )
    decision = authorise(
        session,
        pkg.manifest,
        pkg.ops,
        me=me,
        my_school=my_school,
        sender_school=sender.get("school_id", ""),
    )
    live = [o for o in pkg.ops if o["batch"] not in decision.held]
    check_batch_scopes(session, {b["id"]: b["scope"] for b in pkg.manifest["batches"]}, live)
    _check_against_log(session, live)
    if decision.refusal is not None:
        raise NotEntitled(_refusal_sentence(pkg, decision.refusal))
    if decision.orphan is not None:
        raise IncompletePackage(
            f"{sender.get('name') or 'The sender'}'s package changes a review this laptop does "
            "not have, without the review itself; nothing was imported. Ask the sender to "
            "export everything again."
        )
    sender_row = known.get(sender["site_id"])
    return Checked(
        pkg, sender_known=bool(sender_row and sender_row.trusted), sender=sender, decision=decision
    )


def _refusal_sentence(pkg: Package, refusal: Refusal) -> str:
    sender = pkg.sender
    sites = {s["site_id"]: s for s in pkg.manifest["sites"]}
    who = sender.get("name") or "The sender"
    author = (
        ""
        if refusal.site == sender["site_id"]
        else f" (relaying {sites.get(refusal.site, {}).get('name') or 'another laptop'}'s changes)"
    )
    allowed = "no laptop may do" if refusal.who == "nobody" else f"only {refusal.who} may do"
    return (
        f"{who}'s package{author} tries to {refusal.what}, which {allowed}; nothing was imported."
    )


def _already_held(
    session: Session, data_dir: Path, manifest: dict[str, Any]
) -> tuple[set[str], set[str]]:
    """Batches (by id) and photos (by hash) of the signed manifest that this laptop holds: the
    package's copies are not read at all. A batch is held whole or not at all."""
    from app.models import Attachment

    ids = [b["id"] for b in manifest["batches"]]
    batches: set[str] = set()
    for i in range(0, len(ids), 500):
        batches.update(session.scalars(select(Batch.id).where(Batch.id.in_(ids[i : i + 500]))))
    shas = [
        a.get("sha256")
        for a in manifest.get("attachments", [])
        if isinstance(a, dict) and isinstance(a.get("sha256"), str)
    ]
    photos: set[str] = set()
    for i in range(0, len(shas), 500):
        photos.update(
            session.scalars(
                select(Attachment.sha256).where(Attachment.sha256.in_(shas[i : i + 500]))
            )
        )
    return batches, {sha for sha in photos if attachment_path(data_dir, sha).exists()}


def _check_against_log(session: Session, ops: list[dict[str, Any]]) -> None:
    """A laptop numbers its changes once: a change that reuses a number this laptop already
    holds for a different change (a laptop restored from an old backup, or a forgery) would
    make two histories of one site. Raises IntegrityFailure."""
    by_site: dict[str, dict[int, str]] = defaultdict(dict)
    for op in ops:
        by_site[op["site_id"]][op["seq"]] = op["id"]
    tbl = table_of(Change)
    for site, seqs in by_site.items():
        rows = session.execute(
            select(tbl.c.seq, tbl.c.id).where(
                tbl.c.site_id == site, tbl.c.seq.between(min(seqs), max(seqs))
            )
        )
        for seq, change_id in rows:
            if seq in seqs and seqs[seq] != change_id:
                raise IntegrityFailure(
                    "The package holds changes numbered like different ones already here from the "
                    "same laptop "
                    "(was that laptop restored from an old backup?); it was not imported."
                )


def describe(pkg: Package) -> dict[str, Any]:
    counts: dict[str, int] = defaultdict(int)
    for op in pkg.ops:
        counts[op["table"]] += 1
    s = pkg.sender
    return {
        "package_id": pkg.manifest["package_id"],
        "sender": {
            "name": s.get("name", ""),
            "school_id": s.get("school_id", ""),
            "fingerprint": fingerprint(s["public_key"]),
        },
        "created_at": pkg.manifest.get("created_at"),
        "changes": pkg.manifest["ops"]["count"],
        "photos": len(pkg.manifest["attachments"]),
        "by_table": dict(counts),
    }


def verify_package(
    session: Session,
    data_dir: Path,
    path: Path,
    *,
    key_passphrase: PassphraseProvider | None = None,
    package_passphrase: str | None = None,
) -> dict[str, Any]:
    """Every check import makes (file, signatures, hashes, changes, addressee, replay), and
    nothing written: what `peerwalk verify FILE.peerwalk` shows. Returns the package's
    description (sender with key fingerprint, counts) and whether its sender is trusted here.
    Raises IntegrityFailure (a bad or misaddressed package), InvalidInput (no such file),
    AppError (this laptop has no school yet; a key that cannot be unlocked)."""
    checked = check_package(
        session,
        data_dir,
        path,
        key_passphrase=key_passphrase,
        package_passphrase=package_passphrase,
    )
    return {**describe(checked.package), "sender_trusted": checked.sender_known}


def import_package(
    session: Session,
    data_dir: Path,
    path: Path,
    *,
    trust_new_sender: bool = False,
    key_passphrase: PassphraseProvider | None = None,
    package_passphrase: str | None = None,
    clock: Callable[[], datetime] = _now,
) -> dict[str, Any]:
    """Verify, then apply in the caller's transaction. Idempotent and order-independent."""
    checked = check_package(
        session,
        data_dir,
        path,
        key_passphrase=key_passphrase,
        package_passphrase=package_passphrase,
        trust_new_sender=trust_new_sender,
    )
    try:
        return _apply(session, data_dir, checked, clock())
    except SQLAlchemyError:
        # Everything was checked first, so this is a bug or a full disk; the caller's
        # transaction rolls back and nothing is kept.
        raise IntegrityFailure("The package could not be applied; nothing changed.") from None
    except OSError as exc:
        raise AppError(
            f"The package's photos could not be saved ({exc.strerror}); nothing changed."
        ) from None


def _apply(session: Session, data_dir: Path, checked: Checked, now: datetime) -> dict[str, Any]:
    pkg, sender, waiting = checked.package, checked.sender, checked.decision.held
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    me = site_id(session)
    for s in pkg.manifest["sites"]:
        if s["site_id"] == me:
            continue
        row = session.get(Site, s["site_id"])
        if row is None:
            # Heard of through this package: provisional until the laptop speaks for itself.
            row = Site(
                site_id=s["site_id"],
                public_key=s["public_key"],
                first_seen=now,
                relayed_by=sender["site_id"],
            )
            row.name, row.school_id, row.age_recipient = (
                s.get("name", ""),
                s.get("school_id", ""),
                s.get("age_recipient", ""),
            )
            session.add(row)
        if s["site_id"] == sender["site_id"]:
            # Only a laptop speaking for itself (its own signed manifest), trusted by the user,
            # pins its key, name, school and encryption key: a relayer's word never does.
            row.public_key, row.name, row.school_id, row.age_recipient = (
                s["public_key"],
                s.get("name", ""),
                s.get("school_id", ""),
                s.get("age_recipient", ""),
            )
            row.trusted, row.relayed_by = True, ""
    known_has = set(
        session.scalars(select(SentBatch.batch_id).where(SentBatch.site_id == sender["site_id"]))
    )
    acks = [
        {"site_id": sender["site_id"], "batch_id": b}
        for b in set(pkg.manifest.get("has", [])) - known_has
    ]
    if acks:
        session.execute(insert(table_of(SentBatch)), acks)
    batch_ids = [b["id"] for b in pkg.manifest["batches"] if b["id"] not in waiting]
    held: set[str] = set()
    for i in range(0, len(batch_ids), 500):
        held.update(session.scalars(select(Batch.id).where(Batch.id.in_(batch_ids[i : i + 500]))))
    fresh = [
        {
            **{k: b[k] for k in ("id", "site_id", "scope", "ops_hash", "op_count", "signature")},
            "version": b.get("version", 1),
            "lines": pkg.blobs[b["id"]],
            "parts": 1,
        }
        for b in pkg.manifest["batches"]
        if b["id"] not in held and b["id"] not in waiting
    ]
    if fresh:
        session.execute(insert(table_of(Batch)), fresh)
    for sha, data in pkg.attachments.items():
        store_bytes(data_dir, sha, data)
    _register_attachments(session, pkg)
    merged = apply_ops(
        session, [o for o in pkg.ops if o["batch"] not in waiting] if waiting else pkg.ops
    )
    from app.services.status import follow_reviews

    # Notes, statements and sign-off events that arrived move each review's status on here.
    follow_reviews(session, {b["scope"] for b in pkg.manifest["batches"]})
    summary = {
        **describe(pkg),
        "new_changes": merged.new_ops,
        "created": dict(merged.created),
        "updated": dict(merged.updated),
        "conflicts": merged.conflicts,
        "waiting": _waiting(pkg, checked.decision),
    }
    session.add(
        ReceivedPackage(
            package_id=pkg.manifest["package_id"],
            sender_site=sender["site_id"],
            imported_at=now,
            summary=dumps(summary).decode(),
        )
    )
    session.flush()
    problems = session.execute(text("PRAGMA foreign_key_check")).all()
    if problems and waiting:
        names = ", ".join(sorted(w["name"] for w in summary["waiting"]))
        raise IntegrityFailure(
            "The package's changes depend on changes relayed from laptops this laptop has not "
            f"met yet ({names}); import a package from them first."
        )
    if problems:
        raise IncompletePackage(
            "The package refers to records this laptop does not have; ask the sender to export "
            "everything again."
        )
    return summary


def _waiting(pkg: Package, decision: Decision) -> list[dict[str, Any]]:
    """Changes relayed from laptops not met yet: not applied, and sent again next time."""
    if not decision.held:
        return []
    sites = {s["site_id"]: s for s in pkg.manifest["sites"]}
    counts: dict[str, int] = defaultdict(int)
    for o in pkg.ops:
        if o["batch"] in decision.held:
            counts[o["site_id"]] += 1
    relayer = pkg.sender.get("name", "")
    return [
        {
            "site_id": site,
            "name": sites.get(site, {}).get("name") or "a laptop",
            "school_id": sites.get(site, {}).get("school_id", ""),
            "relayed_by": relayer,
            "changes": n,
        }
        for site, n in sorted(counts.items())
    ]


def _register_attachments(session: Session, pkg: Package) -> None:
    from app.models import Attachment
    from app.photos import jpeg_size

    for sha, data in pkg.attachments.items():
        if session.get(Attachment, sha) is None:
            width, height = jpeg_size(data)  # checked in check_package
            session.add(
                Attachment(
                    sha256=sha, media_type="image/jpeg", width=width, height=height, size=len(data)
                )
            )
    session.flush()


# --- conflicts ------------------------------------------------------------------------


def list_conflicts(session: Session) -> list[dict[str, Any]]:
    return conflicts(session)


def resolve_conflict(
    session: Session, conflict_id: str, *, keep: str | None = None, text_value: str | None = None
) -> dict[str, Any]:
    """Resolve by keeping one version (its id, or a unique prefix) or by new text. The
    resolution is an op that has seen every version, so it travels and clears the conflict
    everywhere. Raises NotFound / InvalidInput."""
    found = [
        c
        for c in conflicts(session)
        if c["id"] == conflict_id or c["id"].split(":")[1].startswith(conflict_id)
    ]
    if len(found) != 1:
        raise NoSuchConflict(f"There is no open conflict '{conflict_id}'.", conflict_id=conflict_id)
    conflict = found[0]
    if (keep is None) == (text_value is None):
        raise ResolutionNeeded("Say which version to keep, or give new text, not both.")
    if keep is not None:
        chosen = [v for v in conflict["versions"] if v["version_id"].startswith(keep)]
        if len(chosen) != 1:
            raise NotFound(f"'{keep}' is not one of this conflict's versions.")
        value = chosen[0]["value"]
    else:
        value = text_value.strip() if text_value else ""
        if not value:
            raise InvalidInput("The new text is empty.")
    model = SYNCED_TABLES[conflict["table"]]
    obj = session.get(model, conflict["record_id"])
    if obj is None:
        raise NotFound("The record in conflict no longer exists here.")
    recorder = session.info["recorder"]
    recorder.force(session, obj, conflict["field"], value)
    return {"id": conflict["id"], "value": value}
