"""pyHanko without its online clients.

``import pyhanko.sign`` imports pyHanko's timestamp client and pyhanko-certvalidator's
certificate/CRL/OCSP fetchers, which import aiohttp and build an SSL context: about 0.2 s of
every report, for clients that talk to servers over the network. Peerwalk works offline and
never uses them (reports are PAdES B-B; validation runs with ``allow_fetching=False``), so
before pyHanko is first imported small stand-ins take those two modules' places. Anything
that did try to use them gets a plain error, never a network call.
"""

from __future__ import annotations

import sys
import types
from typing import Any

TIMESTAMP_CLIENT = "pyhanko.sign.timestamps.aiohttp_client"
FETCHERS = "pyhanko_certvalidator.fetchers.aiohttp_fetchers"
OFFLINE = "Peerwalk works offline and does not contact timestamp, OCSP or CRL servers."


class HTTPTimeStamper:
    """Stands in for pyHanko's online timestamp client."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError(OFFLINE)


class AIOHttpFetcherBackend:
    """Stands in for pyhanko-certvalidator's online fetchers (never built when
    ``allow_fetching=False``)."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        pass

    def get_fetchers(self) -> Any:
        raise RuntimeError(OFFLINE)

    async def close(self) -> None:
        return None


def _stand_in(name: str, **members: Any) -> None:
    if name in sys.modules:  # the real one is loaded already: leave it
        return
    module = types.ModuleType(name, __doc__)
    for key, value in members.items():
        setattr(module, key, value)
    module.__all__ = list(members)  # type: ignore[attr-defined]
    sys.modules[name] = module


def offline() -> None:
    """Register the stand-ins (idempotent). Call before importing pyHanko."""
    _stand_in(TIMESTAMP_CLIENT, HTTPTimeStamper=HTTPTimeStamper, AIOHttpTimeStamper=HTTPTimeStamper)
    _stand_in(FETCHERS, AIOHttpFetcherBackend=AIOHttpFetcherBackend)
