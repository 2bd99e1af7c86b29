"""The egress check's verdicts kept for a few seconds per URL (RecentVerdicts), and why that is safe."""

from __future__ import annotations

import pytest

from pipelines.egress import REFUSED_MESSAGE, EgressRefused, parse_allowlist
from services.adapters.egress import EgressPolicy, GuardedNetworkBackend, RecentVerdicts


class _Resolver:
    """Answers each host from a table (a list is a sequence of answers, one a lookup), counting lookups."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self._answers = answers
        self.lookups: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.lookups.append((host, port))
        found = self._answers[host]
        return found.pop(0) if len(found) > 1 else found[0]


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _verdicts(answers: dict[str, list[list[str]]], **kwargs) -> tuple[RecentVerdicts, _Resolver, _Clock]:
    resolver, clock = _Resolver(answers), _Clock()
    policy = EgressPolicy(parse_allowlist(""), https_only=False, resolver=resolver)
    return RecentVerdicts(policy, ttl=5.0, clock=clock, **kwargs), resolver, clock


def test_an_allowed_url_is_resolved_once_a_ttl():
    verdicts, resolver, clock = _verdicts({"models.example": [["93.184.215.14"]]})
    for _ in range(3):
        verdicts.check_url("https://models.example/v1")
    assert len(resolver.lookups) == 1
    clock.now += 4.9
    verdicts.check_url("https://models.example/v1")
    assert len(resolver.lookups) == 1
    clock.now += 0.1  # the verdict has expired: checked again
    verdicts.check_url("https://models.example/v1")
    assert len(resolver.lookups) == 2


def test_verdicts_are_kept_per_url():
    verdicts, resolver, _clock = _verdicts({"a.example": [["93.184.215.14"]], "b.example": [["10.0.0.5"]]})
    verdicts.check_url("https://a.example/v1")
    verdicts.check_url("https://a.example:8443/v1")  # another port is another URL
    with pytest.raises(EgressRefused):
        verdicts.check_url("https://b.example/v1")  # an allowed neighbour says nothing about this one
    verdicts.check_url("https://a.example/v1")
    assert resolver.lookups == [("a.example", 443), ("a.example", 8443), ("b.example", 443)]


def test_a_refusal_is_kept_too_and_raised_afresh_each_time():
    verdicts, resolver, clock = _verdicts({"inside.example": [["169.254.169.254"], ["93.184.215.14"]]})
    raised = []
    for _ in range(2):
        with pytest.raises(EgressRefused) as refused:
            verdicts.check_url("https://inside.example/v1")
        raised.append(refused.value)
    assert len(resolver.lookups) == 1  # one lookup and one operator log line a ttl, however many calls
    assert raised[0] is not raised[1]
    assert [str(e) for e in raised] == [REFUSED_MESSAGE] * 2
    assert "cloud metadata" in raised[1].detail
    clock.now += 5.0
    verdicts.check_url("https://inside.example/v1")  # the host moved to a public address: allowed once expired
    assert len(resolver.lookups) == 2


def test_the_oldest_verdict_goes_first_when_full():
    verdicts, resolver, _clock = _verdicts({f"h{i}.example": [["93.184.215.14"]] for i in range(3)}, size=2)
    for i in range(3):
        verdicts.check_url(f"https://h{i}.example/")
    verdicts.check_url("https://h2.example/")  # kept
    verdicts.check_url("https://h0.example/")  # pushed out by h2: checked again
    assert [host for host, _port in resolver.lookups] == ["h0.example", "h1.example", "h2.example", "h0.example"]


class _Inner:
    def __init__(self) -> None:
        self.connected: list[str] = []

    def connect_tcp(self, host, port, **kwargs):
        self.connected.append(host)
        return object()


def test_a_kept_verdict_never_carries_a_rebound_name_to_an_internal_address():
    """The kept verdict only answers early; the connection is made to an address checked as it connects."""
    resolver = _Resolver({"rebind.example": [["93.184.215.14"], ["127.0.0.1"], ["93.184.215.14"]]})
    policy = EgressPolicy(parse_allowlist(""), https_only=False, resolver=resolver)
    verdicts, inner = RecentVerdicts(policy, clock=_Clock()), _Inner()
    backend = GuardedNetworkBackend(policy, inner)  # type: ignore[arg-type]  # a stand-in network
    verdicts.check_url("https://rebind.example/v1")  # public: allowed, and kept
    verdicts.check_url("https://rebind.example/v1")  # still allowed from what was kept
    with pytest.raises(EgressRefused):
        backend.connect_tcp("rebind.example", 443)  # now loopback: resolved and refused as it connects
    backend.connect_tcp("rebind.example", 443)
    assert inner.connected == ["93.184.215.14"]  # only ever the address just checked


def _unknown_host(host: str, port: int) -> list[str]:
    raise OSError(-2, "Name or service not known")  # what socket.getaddrinfo raises for a name that does not exist


@pytest.mark.parametrize("resolver", [_unknown_host, lambda host, port: []])
def test_a_name_that_cannot_be_found_says_so_in_the_one_refusal_message(resolver):
    policy = EgressPolicy(parse_allowlist(""), https_only=False, resolver=resolver)
    with pytest.raises(EgressRefused) as refused:
        policy.check_url("https://api.exmaple-models.com/v1")
    assert str(refused.value) == REFUSED_MESSAGE  # the same words an internal address gets: nothing to probe with
    assert "check the spelling" in str(refused.value)
    assert refused.value.detail.startswith("api.exmaple-models.com: ")  # the operator sees the resolver's reason
