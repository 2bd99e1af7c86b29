"""The fakes keep the real adapters' shape: every method a fake offers exists on the real class with the
same parameters and return type (the same typed rows), and every port's members are on both its fake and its
real adapter. A repository method renamed, given a new parameter or a new row type fails here instead of
leaving the handler tests green."""

from __future__ import annotations

import inspect

import pytest

from services.adapters import mailer, ports
from services.adapters.storage import LocalStorage
from services.adapters.transport import GatewayTransport
from services.adapters.vectors import PgVectorStore
from services.handlers import mail
from services.repositories import bot_config, chat_logs, chats, db, inbox, kb_repository, outbox, repositories, tasks
from services.repositories.account_email_requests import AccountEmailRequestRepository
from services.whatsapp import host, leases
from tests.unit.handlers import fakes


def _parameters(function) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def _returns(function) -> str:
    # Annotations are strings here; a class with a method named `list` spells the builtin `builtins.list`.
    return str(inspect.signature(function).return_annotation).replace("builtins.", "")


def _public(cls) -> dict[str, object]:
    return {name: member for name, member in vars(cls).items()
            if not name.startswith("_") and (callable(member) or isinstance(member, property))}


def _members(protocol) -> set[str]:
    names = {name for name in vars(protocol) if not name.startswith("_") and name not in ("mro",)}
    names |= set(getattr(protocol, "__annotations__", {}))
    return names | ({"__enter__", "__exit__"} & set(vars(protocol)))


@pytest.mark.parametrize(("fake", "real"), [
    (fakes.FakeInboxRepository, inbox.InboxRepository),
    (fakes.FakeOutboxRepository, outbox.OutboxRepository),
    (fakes.FakeChatRepository, chats.ChatRepository),
    (fakes.FakeChatLogRepository, chat_logs.ChatLogRepository),
    (fakes.FakeTaskRepository, tasks.TaskRepository),
    (fakes.FakeBotConfigRepository, bot_config.BotConfigRepository),
    (fakes.FakeKnowledgeBaseRepository, kb_repository.KnowledgeBaseRepository),
    (fakes.FakeUserRepository, repositories.UserRepository),
    (fakes.FakeTenantRepository, repositories.TenantRepository),
    (fakes.FakeAuditRepository, repositories.AuditRepository),
    (fakes.FakeAlertRepository, repositories.AlertRepository),
    (fakes.FakeAccountEmailRequestRepository, AccountEmailRequestRepository),
    (fakes.FakeUnitOfWork, db.UnitOfWork),
])
def test_fake_repositories_offer_only_what_the_real_ones_do(fake, real) -> None:
    for name, member in _public(fake).items():
        assert hasattr(real, name), f"{fake.__name__}.{name} has no counterpart on {real.__name__}"
        if callable(member):
            assert _parameters(member) == _parameters(getattr(real, name)), f"{fake.__name__}.{name}"
            # The same row types out: a handler reading a field the real row lacks fails here, not in production.
            assert _returns(member) == _returns(getattr(real, name)), f"{fake.__name__}.{name} returns"


@pytest.mark.parametrize(("protocol", "implementations"), [
    (ports.UnitOfWork, [fakes.FakeUnitOfWork, db.UnitOfWork]),
    (ports.Embedder, [fakes.FakeEmbedder]),
    (ports.VectorStore, [fakes.FakeVectorStore, PgVectorStore]),
    (ports.Transport, [fakes.FakeTransport, GatewayTransport]),
    (ports.EventPublisher, [fakes.FakeEvents]),
    (ports.Storage, [fakes.FakeStorage, LocalStorage]),
    (ports.ChatModel, [fakes.FakeChat]),
    (db.Publisher, [fakes.FakePublisher]),
    (mailer.Mailer, [fakes.FakeMailer, mailer.SmtpMailer]),
    (mail.ResetSender, [fakes.FakeResetSender]),
    (ports.SessionHost, [fakes.FakeSessionHost, host.SessionHost]),
    (ports.SessionLeases, [fakes.FakeSessionLeases, leases.SessionLeases]),
])
def test_fakes_and_adapters_satisfy_the_same_port(protocol, implementations) -> None:
    members = _members(protocol)
    assert members, protocol
    for cls in implementations:
        for name in members:
            assert hasattr(cls, name) or name in getattr(cls, "__annotations__", {}) or \
                name in getattr(cls, "__dataclass_fields__", {}), f"{cls.__name__} lacks {protocol.__name__}.{name}"
            wanted = vars(protocol).get(name)
            if inspect.isfunction(wanted) and not name.startswith("__"):
                assert [p[:2] for p in _parameters(getattr(cls, name))] == [p[:2] for p in _parameters(wanted)], \
                    f"{cls.__name__}.{name} differs from {protocol.__name__}.{name}"
