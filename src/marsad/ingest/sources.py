"""Helpers shared by the readers: outlets from names and URLs, record sources."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from marsad.model import Outlet
from marsad.text.normalize import match_key

_SLUG_JUNK = re.compile(r"[^\w.]+")


def domain_of(url: str | None) -> str | None:
    """Host name of ``url`` without ``www.``, lower-cased; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


def outlet_from(name: str | None, url: str | None) -> Outlet | None:
    """An outlet as the input names it: id from the URL's domain, else from the name."""
    domain = domain_of(url)
    clean_name = " ".join(name.split()) if name else None
    if domain:
        return Outlet(id=domain, name=clean_name or domain)
    if clean_name:
        slug = _SLUG_JUNK.sub("-", match_key(clean_name).lower()).strip("-")
        return Outlet(id=slug or clean_name, name=clean_name)
    return None
