import base64
import contextlib
import uuid

import psycopg
import pytest
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from schemas.jobs import ProvisionTenant
from services.bootstrap import bootstrap
from services.core.crypto import Keyring, Sealed, open_task_payload, seal_task_payload
from services.handlers.tenant import provision_tenant
from services.repositories import db
from services.repositories.rows import MissingRowError, existing, one_row
from services.runtime.migrate import apply_migrations
from services.runtime.reencrypt import reencrypt
from tests.conftest import create_database, create_user


class RecordingPublisher:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list = []
        self.fail = fail

    def publish(self, job, countdown: float = 0, queue: str | None = None) -> None:
        if self.fail:
            raise ConnectionError("broker unreachable")
        self.sent.append(job)


def test_tenant_unit_of_work_runs_as_the_tenant(container):
    user = create_user(container)
    with container.tenant_uow(user) as uow:
        role, uid = uow.conn.execute("select current_user, auth.uid()").fetchone()
    assert (role, uid) == ("authenticated", user)


def test_settings_asked_for_hold_for_that_transaction_only(container):
    user = create_user(container)
    with container.tenant_uow(user, settings={"hnsw.ef_search": "77", "application_name": "it's quoted"}) as uow:
        inside = uow.conn.execute("select current_setting('hnsw.ef_search'), current_setting('application_name'), "
                                  "current_user").fetchone()
        assert inside == ("77", "it's quoted", "authenticated")
        conn = uow.conn
    assert conn.execute("select current_setting('hnsw.ef_search', true)").fetchone()[0] in (None, "", "40")
    assert conn.execute("select current_setting('application_name')").fetchone()[0] == "salesboy"


def test_system_unit_of_work_runs_as_service_role(container):
    with container.system_uow() as uow:
        role, jwt_role = uow.conn.execute("select current_user, auth.role()").fetchone()
    assert (role, jwt_role) == ("service_role", "service_role")


def test_jobs_are_published_only_after_commit(container):
    publisher = RecordingPublisher()
    user = create_user(container)
    job = ProvisionTenant(user_id=user)
    with db.tenant_uow(container.pool, publisher, user) as uow:
        uow.tenants.ensure_defaults(user)
        uow.publish_after_commit(job)
        assert publisher.sent == [], "published before commit"
    assert publisher.sent == [job]


def test_rollback_publishes_nothing_and_keeps_nothing(container):
    publisher = RecordingPublisher()
    user = create_user(container)
    with pytest.raises(RuntimeError, match="boom"), db.tenant_uow(container.pool, publisher, user) as uow:
        uow.tenants.ensure_defaults(user)
        uow.publish_after_commit(ProvisionTenant(user_id=user))
        raise RuntimeError("boom")
    assert publisher.sent == []
    with container.tenant_uow(user) as uow:
        assert uow.tenants.profile(user) is None


def test_failed_publish_after_commit_keeps_the_rows_and_says_so(container):
    user = create_user(container)
    job = ProvisionTenant(user_id=user)
    with pytest.raises(db.PublishAfterCommitError) as caught:
        with db.tenant_uow(container.pool, RecordingPublisher(fail=True), user) as uow:
            uow.tenants.ensure_defaults(user)
            uow.publish_after_commit(job)
    assert caught.value.jobs == [job]
    with container.tenant_uow(user) as uow:
        assert uow.tenants.profile(user) is not None


def test_a_failed_statement_the_code_went_past_commits_and_publishes_nothing(container):
    publisher = RecordingPublisher()
    user = create_user(container)
    with pytest.raises(db.FailedTransactionError), db.tenant_uow(container.pool, publisher, user) as uow:
        uow.tenants.ensure_defaults(user)
        uow.publish_after_commit(ProvisionTenant(user_id=user))
        with contextlib.suppress(psycopg.errors.UndefinedTable):
            uow.conn.execute("select * from public.no_such_table")
    assert publisher.sent == []
    with container.tenant_uow(user) as uow:
        assert uow.tenants.profile(user) is None


def test_the_connection_goes_back_to_the_pool_idle_and_transactional(container):
    user = create_user(container)
    with container.tenant_uow(user) as uow:
        conn = uow.conn
        assert conn.execute("select current_setting('transaction_isolation')").fetchone()
    assert (conn.info.transaction_status, conn.autocommit) == (TransactionStatus.IDLE, False)
    with pytest.raises(RuntimeError, match="boom"), container.tenant_uow(user) as uow:
        conn = uow.conn
        raise RuntimeError("boom")
    assert (conn.info.transaction_status, conn.autocommit) == (TransactionStatus.IDLE, False)


def test_a_query_that_forgets_its_filter_still_sees_one_tenant(container):
    a, b = create_user(container), create_user(container)
    for user in (a, b):
        provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    with container.tenant_uow(a) as uow:
        users = {r[0] for r in uow.conn.execute("select user_id from public.profiles").fetchall()}
    assert users == {a}


def test_unit_of_work_refuses_unknown_roles(container):
    with pytest.raises(ValueError, match="unsupported database role"):
        db.UnitOfWork(container.pool, RecordingPublisher(), role="postgres", claims={})


def test_repositories_need_an_open_unit_of_work(container):
    uow = container.system_uow()
    with pytest.raises(RuntimeError, match="outside its `with` block"):
        _ = uow.tenants


def test_tenant_uow_rejects_a_bad_user_id(container):
    with pytest.raises(ValueError):
        container.tenant_uow("not-a-uuid")


def test_provisioning_is_idempotent_and_audited(container):
    user = create_user(container)
    job = ProvisionTenant(user_id=user)
    assert provision_tenant(job, tenant_uow=container.tenant_uow) is True
    assert provision_tenant(job, tenant_uow=container.tenant_uow) is False
    with container.tenant_uow(user) as uow:
        actions = [r.action for r in uow.audit.recent()]
        status = uow.conn.execute("select status from public.sessions").fetchone()[0]
        enabled = uow.conn.execute("select enabled from public.bot_config").fetchone()[0]
    assert actions == ["tenant.provisioned"]
    assert (status, enabled) == ("STOPPED", True)


def test_audit_entries_are_visible_to_their_owner_only(container):
    a, b = create_user(container), create_user(container)
    with container.tenant_uow(a) as uow:
        entry = uow.audit.log(a, "settings.changed", {"field": "tone"})
    with container.tenant_uow(a) as uow:
        mine = uow.audit.recent()
    with container.tenant_uow(b) as uow:
        theirs = uow.audit.recent()
    assert [(r.id, r.action, r.detail) for r in mine] == [(entry, "settings.changed", {"field": "tone"})]
    assert theirs == []
    with container.system_uow() as uow:
        assert entry in [r.id for r in uow.audit.recent(500)]


def test_a_tenant_cannot_write_audit_entries_for_another(container):
    a, b = create_user(container), create_user(container)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="another user"):
        with container.tenant_uow(a) as uow:
            uow.audit.log(b, "forged")
    with pytest.raises(psycopg.errors.NullValueNotAllowed):
        with container.system_uow() as uow:
            uow.audit.log(None, "nobody")  # type: ignore[arg-type]


def test_the_service_role_may_audit_for_any_tenant(container):
    a = create_user(container)
    with container.system_uow() as uow:
        uow.audit.log(a, "session.restarted", {"by": "watchdog"})
    with container.tenant_uow(a) as uow:
        assert [r.action for r in uow.audit.recent()] == ["session.restarted"]


def test_deleting_an_account_deletes_what_it_owns(container):
    user = create_user(container)
    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    with container.system_uow() as uow:
        uow.conn.execute("delete from auth.users where id = %s", [user])
        left = uow.conn.execute(
            "select (select count(*) from public.profiles where user_id = %(u)s)"
            " + (select count(*) from public.audit_logs where user_id = %(u)s)", {"u": user}).fetchone()[0]
    assert left == 0


def test_sessions_meant_to_run_are_those_starting_showing_a_qr_code_or_working(container):
    users = {status: create_user(container) for status in ("STARTING", "SCAN_QR_CODE", "WORKING", "STOPPED")}
    for status, user in users.items():
        with container.tenant_uow(user) as uow:
            uow.tenants.ensure_defaults(user)
            uow.tenants.set_session(user, status=status, host="sessions.test", error=None, qr_shown=False)
    with container.system_uow() as uow:
        meant = set(uow.tenants.sessions_meant_to_run())
    assert meant >= {users["STARTING"], users["SCAN_QR_CODE"], users["WORKING"]}
    assert users["STOPPED"] not in meant
    with container.tenant_uow(users["WORKING"]) as uow:  # a tenant sees its own row only
        assert uow.tenants.sessions_meant_to_run() == [users["WORKING"]]


def test_unknown_user_cannot_be_provisioned(container):
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        provision_tenant(ProvisionTenant(user_id=uuid.uuid4()), tenant_uow=container.tenant_uow)


def test_reencrypt_moves_every_message_to_the_current_key(pg_server, settings):
    url = create_database(pg_server, "reencrypt")  # it rewrites every tenant's rows: keep them apart
    apply_migrations(url)
    container = bootstrap(settings, database_url=url, redis_url=settings.redis_url)
    user = create_user(container)
    old = "old1:" + base64.b64encode(b"o" * 32).decode()
    new = "new2:" + base64.b64encode(b"n" * 32).decode()
    before = Keyring.parse(old)
    with container.tenant_uow(user) as uow:
        sealed = before.seal("my address is 12 Marina Road", tenant=user, chat="234801@c.us")
        uow.chat_logs.log(user_id=user, chat_id="234801@c.us", direction="inbound", body=sealed, inbox_id=None,
                          outcome="ignored", reason="test", intent=None, trace={})
        inbox_id = uow.conn.execute(
            """insert into public.inbox (user_id, provider_message_id, chat_id, body_ciphertext, body_nonce,
                   body_key_id, sent_at, trace_id) values (%s, 'wamid.x', '234801@c.us', %s, %s, %s, now(), 't')
               returning id""", [user, sealed.ciphertext, sealed.nonce, sealed.key_id]).fetchone()[0]
        uow.tasks.add_task(user_id=user, inbox_id=inbox_id, chat_id="234801@c.us", task_type="send_email",
                           payload=seal_task_payload(before, {"message": "email me"}, tenant=user,
                                                        chat="234801@c.us"), trace_id="t")
        # A task written before payloads were sealed: its customer text sits in plaintext.
        uow.conn.execute("""insert into public.tasks (user_id, inbox_id, chat_id, task_type, payload, trace_id)
                            values (%s, %s, '234801@c.us', 'create_order', %s, 't')""",
                         [user, inbox_id, Jsonb({"message": "two bags of rice"})])
    container.close()
    rotated = bootstrap(settings.model_copy(update={"chat_encryption_keys": type(settings.chat_encryption_keys)(
        f"{new},{old}")}), database_url=url, redis_url=settings.redis_url)
    try:
        report = reencrypt(rotated, batch_size=1)
        with rotated.tenant_uow(user) as uow:
            row = uow.conn.execute("select ciphertext, nonce, key_id from public.chat_logs where user_id = %s",
                                   [user]).fetchone()
    finally:
        rotated.close()
    with psycopg.connect(url, row_factory=dict_row) as conn:
        uow_rows = conn.execute("select * from public.tasks where user_id = %s order by task_type", [user]).fetchall()
    assert report.rows["tasks"] == 2
    assert [r["payload"] for r in uow_rows] == [{}, {}] and {r["payload_key_id"] for r in uow_rows} == {"new2"}
    assert [open_task_payload(Keyring.parse(new), r)["message"] for r in uow_rows] == ["two bags of rice",
                                                                                        "email me"]
    assert report.rows["chat_logs"] >= 1 and row[2] == "new2"
    assert Keyring.parse(new).open(Sealed(row[0], row[1], row[2]), tenant=user, chat="234801@c.us") == \
        "my address is 12 Marina Road"


def test_a_unit_of_work_has_no_connection_outside_its_block(container):
    uow = container.system_uow()
    with pytest.raises(RuntimeError, match="outside its `with` block"):
        _ = uow.conn
    with uow:
        assert uow.conn.execute("select 1").fetchone() == (1,)
    with pytest.raises(RuntimeError, match="outside its `with` block"):
        _ = uow.conn


def test_a_statement_that_returns_no_row_is_an_error_not_a_none(container):
    with container.system_uow() as uow:
        assert one_row(uow.conn.execute("select 41 + 1")) == (42,)
        with pytest.raises(MissingRowError, match="no row"):
            one_row(uow.conn.execute("select 1 where false"))
        gone = uow.alerts.get(uuid.uuid4())
        with pytest.raises(MissingRowError, match="alert is gone"):
            existing(gone, "alert")
        row = {"id": 1}
        assert existing(row, "row") is row
