"""Who may read `/metrics` (the API's and each worker's own): the same rule everywhere.

With METRICS_TOKEN set, only `Authorization: Bearer <token>`. Without it, only a direct request from this
machine: a request carrying a proxy's forwarding header came from elsewhere, whatever its socket says.
"""

from __future__ import annotations

import hmac
import ipaddress

FORWARDING_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded")


def scrape_allowed(token: str | None, authorization: str, forwarded: bool, remote_addr: str) -> bool:
    if token is not None:
        sent = authorization.removeprefix("Bearer ").encode()
        return hmac.compare_digest(sent, token.encode())
    if forwarded:
        return False
    try:
        return ipaddress.ip_address(remote_addr or "").is_loopback
    except ValueError:
        return False
