"""Deployment files checked with their real tools: nginx -t, promtool, docker-compose config.

The tools come from Debian (`ops/test.sh` installs nginx-light, prometheus and docker-compose). Outside CI
a missing tool skips its test with the reason; in CI (CI=true) a missing tool fails the run.
"""

from __future__ import annotations

import configparser
import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

REPO = Path(__file__).resolve().parents[2]


def _tool(name: str, *candidates: str) -> str:
    for candidate in (name, *candidates):
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is not installed: ops/test.sh installs it from Debian")
    pytest.skip(f"{name} is not installed (ops/test.sh installs it)")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "salesboy.example.com")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_nginx_config_passes_nginx_t(tmp_path):
    nginx = _tool("nginx", "/usr/sbin/nginx")
    cert, key = _self_signed(tmp_path)
    site = (REPO / "ops" / "nginx" / "salesboy.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/salesboy.example.com/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/salesboy.example.com/privkey.pem", str(key))
    (tmp_path / "salesboy.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp_path};\n  include {tmp_path}/salesboy.conf;\n}}\n")
    result = subprocess.run([nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
    for wanted in ("proxy_buffering off", "client_max_body_size", "return 301 https://",
                   "proxy_set_header X-Forwarded-For $remote_addr", "location = /metrics"):
        assert wanted in site


def test_alert_rules_pass_promtool():
    promtool = _tool("promtool")
    rules = REPO / "ops" / "monitoring" / "alerts.yml"
    result = subprocess.run([promtool, "check", "rules", str(rules)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    names = {r["alert"] for g in yaml.safe_load(rules.read_text())["groups"] for r in g["rules"]}
    assert {"SalesboyQueueBacklog", "SalesboyStageFailures", "SalesboyQueueWithoutConsumer",
            "SalesboySessionsFailed"} <= names


def test_prometheus_config_passes_promtool_and_scrapes_every_worker(tmp_path):
    promtool = _tool("promtool")
    config = (REPO / "ops" / "monitoring" / "prometheus.yml").read_text()
    (tmp_path / "token").write_text("metrics-token")
    local = config.replace("/etc/prometheus/salesboy-alerts.yml", str(REPO / "ops" / "monitoring" / "alerts.yml"))
    local = local.replace("/prometheus/metrics-token", str(tmp_path / "token"))
    (tmp_path / "prometheus.yml").write_text(local)
    result = subprocess.run([promtool, "check", "config", str(tmp_path / "prometheus.yml")], capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stdout + result.stderr
    jobs = {job["job_name"]: job for job in yaml.safe_load(config)["scrape_configs"]}
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    workers = jobs["salesboy-workers"]["dns_sd_configs"][0]
    assert set(workers["names"]) == {"worker", "ingest", "sessions", "llm-gateway"}
    for name in workers["names"]:
        assert compose[name]["environment"]["WORKER_METRICS_PORT"] == str(workers["port"])
    assert all("credentials_file" in job["authorization"] for job in jobs.values())
    assert "./ops/monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro" in compose["prometheus"]["volumes"]


def test_grafana_dashboard_uses_exported_metrics():
    dashboard = json.loads((REPO / "ops" / "monitoring" / "grafana-dashboard.json").read_text())
    exprs = " ".join(t["expr"] for p in dashboard["panels"] for t in p["targets"])
    for metric in ("salesboy_queue_depth", "salesboy_stage_seconds_bucket", "salesboy_stage_runs_total",
                   "salesboy_stage_retries_total", "salesboy_sweeper_reenqueued_total", "salesboy_messages_total",
                   "salesboy_documents", "salesboy_chunks", "salesboy_llm_calls_total", "salesboy_llm_seconds_bucket",
                   "salesboy_llm_fallbacks_total", "salesboy_sessions"):
        assert metric in exprs


def test_compose_file_passes_docker_compose_config(tmp_path):
    compose = _tool("docker-compose")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTGRES_", "SALESBOY_", "REDIS_"))}
    result = subprocess.run([compose, "--project-directory", str(tmp_path), "-f", str(REPO / "docker-compose.yml"),
                             "config"], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr  # no .env in tmp_path: development needs none
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert {"api", "worker", "ingest", "sessions", "beat", "flower", "migrate", "postgres", "redis",
            "llm-gateway"} <= set(services)
    for name, service in services.items():
        if name != "migrate":
            assert "healthcheck" in service, f"{name} has no healthcheck"
    assert "MIGRATION_DATABASE_URL" in services["migrate"]["environment"]
    # Every worker container serves its own metrics from a folder of its own: not on a volume another
    # container mounts, where files named by pid would collide.
    for name in ("worker", "ingest", "sessions", "llm-gateway"):
        env = services[name]["environment"]
        folder = env["PROMETHEUS_MULTIPROC_DIR"]
        mounted = [v.split(":")[1] for s in services.values() for v in s.get("volumes") or []]
        assert not any(folder.startswith(m) for m in mounted), f"{name}'s metrics folder is on a shared volume"
        assert env["WORKER_METRICS_PORT"] and env["WORKER_METRICS_HOST"] == "0.0.0.0"
    assert "monitoring" in services["prometheus"]["profiles"]
    # The API and the workers call models through the gateway's socket on the shared data volume; the
    # gateway, which is handed each business's key with the call, gets no database credential.
    gateway = services["llm-gateway"]["environment"]
    assert not gateway["DATABASE_URL"]
    socket_folder = gateway["LLM_GATEWAY_SOCKET"].rsplit("/", 3)[0]
    for name in ("api", "worker", "llm-gateway"):
        assert services[name]["environment"]["LLM_GATEWAY_SOCKET"] == gateway["LLM_GATEWAY_SOCKET"]
        assert any(v.split(":")[1] == socket_folder for v in services[name]["volumes"]), name
    assert all("MIGRATION_DATABASE_URL" not in (s.get("environment") or {}) for n, s in services.items()
               if n != "migrate")


def test_image_has_chromium_and_runs_unprivileged():
    dockerfile = (REPO / "ops" / "Dockerfile").read_text()
    assert "chromium chromium-driver" in dockerfile and "npm ci" in dockerfile
    assert dockerfile.rstrip().splitlines()[-1].startswith("CMD")
    assert "\nUSER salesboy\n" in dockerfile


def test_systemd_units_parse_and_cover_every_process():
    units = {p.name: p for p in (REPO / "ops" / "systemd").iterdir()}
    for wanted in ("salesboy-api.service", "salesboy-worker.service", "salesboy-ingest.service",
                   "salesboy-sessions.service", "salesboy-beat.service", "salesboy-flower.service",
                   "salesboy-migrate.service", "salesboy-llm-gateway.service", "salesboy.target"):
        assert wanted in units
    for name, path in units.items():
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read_string(path.read_text())
        assert "Unit" in parser
        if name.endswith(".service"):
            assert parser["Service"]["User"] == "salesboy"
            if name != "salesboy-migrate.service":
                assert "migrate.env" not in path.read_text()
    verify = shutil.which("systemd-analyze")
    if verify and os.path.isdir("/run/systemd/system"):
        result = subprocess.run([verify, "verify", *map(str, units.values())], capture_output=True, text=True)
        assert "syntax" not in result.stderr.lower(), result.stderr
