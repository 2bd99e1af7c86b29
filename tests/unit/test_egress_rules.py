"""Which addresses a tenant's URL may reach: the pure rules."""

from __future__ import annotations

import ipaddress

import pytest

from pipelines.egress import (
    HTTPS_MESSAGE,
    EgressRefused,
    parse_allowlist,
    refusal_reason,
    refused_addresses,
    target,
)

INTERNAL = ["127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "169.254.1.1", "fe80::1", "fd00:ec2::254", "fc00::1", "100.64.0.1", "100.100.100.200", "0.0.0.0", "::",
            "224.0.0.1", "239.1.2.3", "ff02::1", "240.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::", "64:ff9b::a00:1", "2001:db8::1"]
PUBLIC = ["8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:4700::1111", "2a00:1450:4001:81b::200e"]


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses_are_refused(address):
    assert refusal_reason(ipaddress.ip_address(address)) is not None
    assert refused_addresses("example.com", [address], parse_allowlist(""))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert refusal_reason(ipaddress.ip_address(address)) is None
    assert refused_addresses("example.com", [address], parse_allowlist("")) == []


def test_one_internal_address_among_public_ones_refuses_the_host():
    assert refused_addresses("mixed.example", ["8.8.8.8", "10.0.0.5"], parse_allowlist("")) == [
        "10.0.0.5: private network"]


def test_the_operator_allowlist_opens_networks_and_host_names_but_never_metadata():
    allow = parse_allowlist(" 10.0.0.0/8, 127.0.0.1 ,n8n.internal., 169.254.0.0/16")
    assert refused_addresses("x.example", ["10.9.8.7", "127.0.0.1"], allow) == []
    assert refused_addresses("x.example", ["127.0.0.2"], allow)
    assert refused_addresses("N8N.internal", ["192.168.5.5"], allow) == []
    assert refused_addresses("x.example", ["169.254.10.10"], allow) == []
    assert refused_addresses("x.example", ["169.254.169.254"], allow) == ["169.254.169.254: cloud metadata service"]
    assert refused_addresses("n8n.internal", ["::ffff:169.254.169.254"], allow)


def test_a_bad_allowlist_entry_is_an_error():
    with pytest.raises(ValueError, match="neither a network"):
        parse_allowlist("10.0.0.0/8, not a host!")


def test_url_shape():
    assert target("https://Hooks.Example.com./webhook/x", https_only=True).host == "hooks.example.com"
    assert target("http://[::1]:8080/v1", https_only=False).port == 8080
    assert target("http://h.example/", https_only=False).port == 80
    with pytest.raises(EgressRefused, match=HTTPS_MESSAGE):
        target("http://h.example/", https_only=True)
    for bad in ("ftp://h.example/", "https:///nohost", "file:///etc/passwd", "https://h.example:99999/"):
        with pytest.raises(EgressRefused):
            target(bad, https_only=False)
