"""`salesboy eval` as an operator runs it: a suite through the signed webhook and the real workers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from schemas.jobs import ProvisionTenant
from services.handlers.tenant import provision_tenant
from services.usecases.evaluation import THROWAWAY_DOMAIN
from tests.conftest import REPO_ROOT, create_user, subprocess_env, worker_settings_env

COFFEE = REPO_ROOT / "evals" / "coffee_roaster"
# Each test runs the `salesboy` command as its own process, beside the worker.
pytestmark = pytest.mark.slow


@pytest.fixture
def eval_env(database_url, redis_url, shared_data_dir, gateway, n8n, llm, worker):
    """The settings the running workers have: the command finds the same database, broker and secrets."""
    return subprocess_env(SALESBOY_ENV="test", SALESBOY_DATA_DIR=str(shared_data_dir), DATABASE_URL=database_url,
                          REDIS_URL=redis_url, LOG_LEVEL="WARNING",
                          **worker_settings_env(gateway.url, n8n.url.rsplit("/", 1)[0], llm.base_url))


def salesboy_eval(*args, env, cwd, timeout=600):
    done = subprocess.run([sys.executable, "-m", "api.cli", "eval", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr + done.stdout
    return done


def _count(value: float | None, total: int) -> int:
    return round(value * total) if value is not None else 0


def test_a_suite_runs_end_to_end_and_every_figure_is_computed(eval_env, owner_database_url, tmp_path):
    done = salesboy_eval(str(COFFEE), "--limit", "9", "--json", env=eval_env, cwd=tmp_path)
    report = json.loads(done.stdout)
    everything = report["figures"]["all"]
    assert (everything["cases"], everything["questions"], everything["out_of_scope"]) == (9, 3, 3)
    assert everything["intent_cases"] == 9 and everything["not_finished"] == 0, report["misses"]
    for name in ("hit_at_3", "fact", "intent_accuracy", "oos_abstention", "false_abstention"):
        assert 0.0 <= everything[name] <= 1.0
    # Each figure agrees with the misses listed: they come from the same outcomes, not from constants.
    misses = report["misses"]
    by_what = {what: sum(m["what"] == what for m in misses) for what in
               ("intent", "hit@3", "fact", "abstention", "false abstention")}
    assert by_what["intent"] == 9 - _count(everything["intent_accuracy"], 9)
    assert by_what["hit@3"] == 3 - _count(everything["hit_at_3"], 3)
    assert by_what["fact"] == 3 - _count(everything["fact"], 3)
    assert by_what["abstention"] == 3 - _count(everything["oos_abstention"], 3)
    assert by_what["false abstention"] == _count(everything["false_abstention"], 3)
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 9
    assert all(m["trace"].startswith("status=") for m in misses)
    assert sum(f["cases"] for name, f in report["figures"].items() if name != "all") == 9
    assert "signed WhatsApp webhook" in report["method"]
    assert any("removed" in note for note in report["notes"])
    with psycopg.connect(owner_database_url) as conn:
        left = conn.execute("select count(*) from auth.users where email like %s",
                            [f"%@{THROWAWAY_DOMAIN}"]).fetchone()[0]
    assert left == 0

    text = salesboy_eval(str(COFFEE), "--limit", "3", "--split", "test", env=eval_env, cwd=tmp_path).stdout
    assert "suite coffee_roaster: 3 case(s), split test" in text
    assert "hit@3" in text and "intent accuracy" in text and "misses:" in text


def test_a_fact_the_documents_do_not_hold_is_reported_as_a_miss(eval_env, container, owner_database_url,
                                                               tmp_path):
    suite = tmp_path / "wrong_facts"
    shutil.copytree(COFFEE, suite)
    wrong = [{"kind": "question", "text": "How long does delivery take within Germany?",
              "facts": ["delivered by carrier pigeon"], "source": "faq.md", "split": "dev"},
             {"kind": "question", "text": "How much is the Hafen Espresso in 250 g?", "facts": ["999.99"],
              "source": "price_list.csv", "split": "test"}]
    (suite / "cases.jsonl").write_text("".join(json.dumps(c) + "\n" for c in wrong))
    email = f"eval-owner-{suite.stat().st_ino}@example.test"
    user = create_user(container, email)

    provision_tenant(ProvisionTenant(user_id=user), tenant_uow=container.tenant_uow)
    report = json.loads(salesboy_eval(str(suite), "--tenant", email, "--json", env=eval_env, cwd=tmp_path).stdout)
    assert report["figures"]["all"]["fact"] == 0.0
    assert report["figures"]["dev"]["questions"] == 1 and report["figures"]["test"]["questions"] == 1
    fact_misses = [m for m in report["misses"] if m["what"] == "fact"]
    assert sorted(m["expected"] for m in fact_misses) == ["999.99", "delivered by carrier pigeon"]
    # A named account is the owner's: kept, with the documents the suite uploaded.
    with psycopg.connect(owner_database_url) as conn:
        documents = conn.execute("select count(*) from public.knowledge_base where user_id = %s", [user]).fetchone()
        config = conn.execute("select debounce_seconds, enabled from public.bot_config where user_id = %s",
                              [user]).fetchone()
    assert documents[0] == 3 and config == (0, True)


def test_a_dataset_suite_without_its_data_stops_with_the_way_to_fix_it(eval_env, tmp_path):
    done = subprocess.run([sys.executable, "-m", "api.cli", "eval", str(REPO_ROOT / "evals" / "banking77"),
                           "--data", str(tmp_path / "nowhere")], env=eval_env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode != 0
    assert "BANKING77" in done.stderr and "--data" in done.stderr and "BANKING77_DIR" in done.stderr


def test_a_suite_dir_without_a_manifest_is_refused(eval_env, tmp_path):
    done = subprocess.run([sys.executable, "-m", "api.cli", "eval", str(tmp_path)], env=eval_env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "suite.toml" in done.stderr
    assert Path(tmp_path).is_dir()


def test_intents_only_scores_the_intent_stage_decision_in_process(eval_env, tmp_path):
    report = json.loads(salesboy_eval(str(COFFEE), "--intents-only", "--limit", "20", "--json",
                                      env=eval_env, cwd=tmp_path).stdout)
    everything = report["figures"]["all"]
    assert "in-process" in report["method"]
    assert (everything["cases"], everything["intent_cases"], everything["questions"]) == (20, 20, 0)
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 20
    right = sum(row.get(expected, 0) for expected, row in report["confusion"].items())
    assert everything["intent_accuracy"] == round(right / 20, 4)
    assert {m["what"] for m in report["misses"]} <= {"intent"}
