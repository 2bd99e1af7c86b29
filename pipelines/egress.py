"""Rules for URLs a tenant controls (model api_base, n8n webhooks): which may Salesboy connect to.

Pure: the caller resolves host names and passes the addresses in. A tenant only ever
sees REFUSED_MESSAGE for a refused address, never which rule refused it, so the answer
cannot tell an open internal port from a closed one; the reason goes to the operator log.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# One message for a host name that cannot be found and for an internal host: two would let a tenant ask which
# internal names exist. It says both, so an owner who mistyped a public name knows to look at the spelling.
REFUSED_MESSAGE = ("this address is not allowed: Salesboy only connects to public internet hosts whose name can be "
                   "found (check the spelling, or ask your operator to allow an internal one)")
HTTPS_MESSAGE = "use an https:// address"

# Instance metadata services hand out cloud credentials: refused even when an allowlisted
# network contains them (a broad 169.254.0.0/16 entry must not open them).
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle
    "169.254.170.2",  # AWS ECS task credentials
    "169.254.169.253",  # AWS DNS / Azure wireserver neighbour
    "168.63.129.16",  # Azure wireserver
    "100.100.100.200",  # Alibaba Cloud
    "fd00:ec2::254",  # AWS over IPv6
    "fd00:ec2::23",  # AWS time/DNS over IPv6
))
CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class EgressRefused(Exception):
    """A tenant's URL may not be connected to. `str()` is safe to show the tenant; `detail` is for operators."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int


@dataclass(frozen=True)
class Allowlist:
    """What the operator lets tenants reach although it is internal (EGRESS_ALLOW)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    def allows_host(self, host: str) -> bool:
        return normal_host(host) in self.hosts

    def allows_address(self, address: IPAddress) -> bool:
        return any(address in n for n in self.networks)


def parse_allowlist(raw: str) -> Allowlist:
    """`10.0.0.0/8, n8n.internal, 192.168.1.20` -> networks and host names; a bad entry raises ValueError."""
    networks, hosts = [], set()
    for entry in (e.strip() for e in raw.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            if not _looks_like_host_name(entry):
                raise ValueError(f"EGRESS_ALLOW: {entry!r} is neither a network (CIDR) nor a host name") from None
            hosts.add(normal_host(entry))
    return Allowlist(tuple(networks), frozenset(hosts))


def _looks_like_host_name(entry: str) -> bool:
    labels = normal_host(entry).split(".")
    return all(label and len(label) <= 63 and label.replace("-", "").replace("_", "").isalnum()
               for label in labels)


def normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def target(url: str, *, https_only: bool) -> Target:
    """The scheme, host and port a URL connects to, or EgressRefused for a URL that may not be used at all."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise EgressRefused("this is not a valid URL", f"{url!r}: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EgressRefused("use an http:// or https:// address with a host name", f"{url!r}")
    if https_only and parts.scheme != "https":
        raise EgressRefused(HTTPS_MESSAGE, f"{url!r} is not https")
    return Target(parts.scheme, normal_host(parts.hostname), port or (443 if parts.scheme == "https" else 80))


def refusal_reason(address: IPAddress) -> str | None:
    """Why an address is internal (for the operator log), or None for a public internet address."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = refusal_reason(embedded)
        return f"{reason} (inside {address})" if reason else None
    checks = (
        (address in METADATA_ADDRESSES, "cloud metadata service"),
        (address.is_loopback, "loopback"),
        (address.is_unspecified, "unspecified address"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address in CARRIER_GRADE_NAT, "carrier-grade NAT (100.64.0.0/10)"),
        (address.is_private, "private network"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "not a public address"),
    )
    return next((reason for internal, reason in checks if internal), None)


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, Teredo, NAT64): it is where packets end up."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refused_addresses(host: str, addresses: list[str], allow: Allowlist) -> list[str]:
    """Each address of `host` that may not be reached, with its reason; empty when all may.

    Every address counts, not just the first: a name that resolves to one public and one
    private address could otherwise be connected to the private one on a retry.
    """
    problems = []
    for raw in addresses:
        address = ipaddress.ip_address(raw.split("%", 1)[0])  # an IPv6 zone id is not part of the address
        if is_metadata(address):
            problems.append(f"{raw}: cloud metadata service")
        elif not (allow.allows_host(host) or allow.allows_address(address)):
            reason = refusal_reason(address)
            if reason:
                problems.append(f"{raw}: {reason}")
    return problems


def is_metadata(address: IPAddress) -> bool:
    embedded = _embedded_ipv4(address)
    return address in METADATA_ADDRESSES or (embedded is not None and embedded in METADATA_ADDRESSES)
