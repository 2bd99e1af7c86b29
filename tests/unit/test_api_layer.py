"""`api/` only speaks HTTP: every transaction and every SQL statement lives in a use case under services/.

The views pass the container's `tenant_uow`/`system_uow` to a use case as a dependency; calling one, or
running SQL, in a module under api/ fails this test, so a transaction opened in a view cannot come back.
"""

from __future__ import annotations

import ast
from pathlib import Path

API = Path(__file__).resolve().parents[2] / "api"
OPENS_A_TRANSACTION = {"tenant_uow", "system_uow"}
RUNS_SQL = {"execute", "executemany", "cursor"}


def database_calls(source: str) -> list[tuple[int, str]]:
    """(line, what) for each call that opens a unit of work or runs SQL, however the callee is reached."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name in OPENS_A_TRANSACTION or (name in RUNS_SQL and isinstance(func, ast.Attribute)):
            found.append((node.lineno, name))
    return found


def test_the_check_sees_each_way_a_view_could_reach_the_database():
    view = '''
def a(user_id):
    with container().tenant_uow(user_id) as uow:
        uow.conn.execute("select 1")
def b():
    with c.system_uow() as uow:
        pass
def c(tenant_uow, conn):
    with tenant_uow(1):
        conn.cursor().executemany("insert", [])
'''
    assert sorted(name for _, name in database_calls(view)) == [
        "cursor", "execute", "executemany", "system_uow", "tenant_uow", "tenant_uow"]


def test_passing_the_factories_to_a_use_case_is_allowed():
    assert database_calls("tasks.find(container().tenant_uow, user_id, wanted)\n"
                          "accounts.summary(c.system_uow, user_id)\n") == []


def test_no_module_under_api_opens_a_unit_of_work_or_runs_sql():
    modules = sorted(API.rglob("*.py"))
    assert API / "rest.py" in modules and API / "dashboard" / "contacts.py" in modules
    offences = [f"{path.relative_to(API.parent)}:{line}: {name}(...)"
                for path in modules for line, name in database_calls(path.read_text())]
    assert offences == [], "move these into a use case under services/:\n" + "\n".join(offences)
