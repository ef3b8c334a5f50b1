"""The words a signature's visible stamp shows, read back from its appearance stream.

A forger can draw any picture in a signature box ("Signed by Marcus Lowe, Headteacher") over a
certificate for someone else. Verification reads the text the stamp draws (Tj, TJ, ' and "
operators, through nested form XObjects) and decodes it with each font's /ToUnicode map, or
as single bytes for simple fonts without one, so it can check that the stamp names the
certificate's holder. A stamp that is only a picture has no text, and says nobody's name.
"""

from __future__ import annotations

import re
from typing import Any

MAX_DEPTH = 4  # nested form XObjects followed
MAX_STREAM = 1_000_000  # bytes of content read per stream
_TF_OPERANDS = 2  # Tf sets the font: its name and its size

_TOKEN = re.compile(
    rb"""
    (?P<ws>\s+|%[^\r\n]*)
  | (?P<str>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dict><<|>>)
  | (?P<arr>[\[\]])
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES = {
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"f": b"\f",
    b"(": b"(",
    b")": b")",
    b"\\": b"\\",
}


def _literal(data: bytes, i: int) -> tuple[bytes, int]:
    """A literal string starting after its "(" at ``i``: its bytes and the index after ")"."""
    out, depth = bytearray(), 1
    while i < len(data):
        c = data[i : i + 1]
        if c == b"\\":
            nxt = data[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                m = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
                digits = m.group(0) if m else b"0"
                out.append(int(digits, 8) & 0xFF)
                i += 1 + len(digits)
            else:
                i += 2  # a line continuation or an unknown escape
            continue
        if c == b"(":
            depth += 1
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out += c
        i += 1
    return bytes(out), i


def _tokens(data: bytes) -> list[tuple[str, Any]]:
    """Operands and operators of a content stream (inline images end the reading)."""
    out: list[tuple[str, Any]] = []
    i = 0
    while i < len(data):
        m = _TOKEN.match(data, i)
        if m is None:
            break
        kind = m.lastgroup or "other"
        i = m.end()
        if kind == "str":
            value, i = _literal(data, i)
            out.append(("str", value))
        elif kind == "hex":
            digits = re.sub(rb"\s", b"", m.group(0)[1:-1])
            out.append(("str", bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())))
        elif kind == "op":
            if m.group(0) == b"BI":
                break
            out.append(("op", m.group(0).decode("latin-1")))
        elif kind in ("name", "arr", "num", "dict"):
            out.append((kind, m.group(0).decode("latin-1")))
    return out


def _cmap(font: Any) -> tuple[dict[bytes, str], int]:
    """A font's /ToUnicode map (code bytes -> text) and its code length in bytes."""
    try:
        stream = font.get("/ToUnicode")
        data = stream.get_object().data if stream is not None else b""
    except Exception:
        data = b""
    mapping: dict[bytes, str] = {}
    width = 1
    for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
        lo = re.search(rb"<([0-9A-Fa-f]+)>", block)
        if lo:
            width = max(1, len(lo.group(1)) // 2)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[bytes.fromhex(src.decode())] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block
        ):
            start, end, n = int(lo, 16), int(hi, 16), len(lo) // 2
            base = _utf16(dst)
            for k, code in enumerate(range(start, min(end, start + 65535) + 1)):
                mapping[code.to_bytes(n, "big")] = (
                    base[:-1] + chr(ord(base[-1]) + k) if base else ""
                )
    return mapping, width


def _utf16(hexdigits: bytes) -> str:
    try:
        return bytes.fromhex(hexdigits.decode()).decode("utf-16-be").replace("\x00", "")
    except (ValueError, UnicodeDecodeError):
        return ""


def _decode(raw: bytes, font: tuple[dict[bytes, str], int] | None) -> str:
    if font is None or not font[0]:
        if raw.startswith(
            b"\xfe\xff"
        ):  # a text string in UTF-16 (what pyHanko writes for non-Latin-1 text)
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    mapping, width = font
    return "".join(mapping.get(raw[i : i + width], "") for i in range(0, len(raw), width))


def _walk(xobject: Any, depth: int, out: list[str]) -> None:
    try:
        data = xobject.data[:MAX_STREAM]
        resources = xobject.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else {}
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else {}
    except Exception:  # an unreadable stream shows no text
        return
    current: tuple[dict[bytes, str], int] | None = None
    operands: list[tuple[str, Any]] = []
    for kind, value in _tokens(data):
        if kind != "op":
            operands.append((kind, value))
            continue
        if value == "Tf" and len(operands) >= _TF_OPERANDS and operands[-2][0] == "name":
            try:
                current = _cmap(fonts[operands[-2][1]].get_object())
            except Exception:
                current = None
        elif value in ("Tj", "'", '"', "TJ"):
            strings = [v for k, v in operands if k == "str"]
            out.append("".join(_decode(s, current) for s in strings))
        elif value in ("ET", "T*", "Td", "TD", "Tm"):
            out.append(" ")
        elif value == "Do" and operands and operands[-1][0] == "name" and depth < MAX_DEPTH:
            try:
                child = xobjects[operands[-1][1]].get_object()
                if child.get("/Subtype") == "/Form":
                    _walk(child, depth + 1, out)
            except Exception:
                pass
        operands = []


def stamp_text(widget: Any) -> str:
    """The text a signature field's normal appearance draws ("" for none), spaces collapsed.
    ``widget`` is the field's (merged) widget dictionary from pyHanko. Never raises."""
    try:
        ap = widget.get("/AP")
        normal = ap.get_object().get("/N") if ap is not None else None
        if normal is None:
            return ""
        normal = normal.get_object()
        if "/Subtype" not in normal and hasattr(normal, "values"):  # appearance states: take any
            normal = next(iter(normal.values())).get_object()
    except Exception:
        return ""
    out: list[str] = []
    _walk(normal, 0, out)
    return " ".join("".join(out).split())
