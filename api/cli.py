"""The `salesboy` command. Every subcommand reads the same settings (env + .env)."""

from __future__ import annotations

import os
import sys

import click

from schemas.settings import Settings, SettingsError, load_settings


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """Salesboy: a self-hosted AI sales assistant for WhatsApp."""


@main.command()
@click.option("--no-flower", is_flag=True, help="Do not start Flower.")
def up(no_flower: bool) -> None:
    """Start everything: embedded services, migrations, API, workers, beat, Flower."""
    from services.embedded import EmbeddedServiceError
    from services.logging import configure_logging
    from services.migrate import MigrationError
    from services.supervisor import StartupError, Supervisor

    settings = _settings()
    configure_logging(settings.log_level, settings.resolved_log_dir, "supervisor")
    try:
        code = Supervisor(settings, with_flower=not no_flower).run()
    except (StartupError, EmbeddedServiceError, MigrationError) as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(code)


@main.command()
def migrate() -> None:
    """Apply pending database migrations."""
    from services.embedded import EmbeddedServiceError
    from services.migrate import MigrationError, apply_migrations
    from services.runtime import resolve_database_url

    settings = _settings()
    try:
        url, started = resolve_database_url(settings, start=True)
        try:
            report = apply_migrations(url)
        finally:
            if started is not None:
                started.stop()
    except (EmbeddedServiceError, MigrationError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{len(report.applied)} applied, {len(report.skipped)} skipped, {len(report.already)} already applied")
    for label in report.applied:
        click.echo(f"  applied {label}")
    for label in report.skipped:
        click.echo(f"  skipped {label}")


@main.command()
def seed() -> None:
    """Create (or reset) the demo tenant and print its login."""
    from services.bootstrap import bootstrap
    from services.embedded import EmbeddedServiceError
    from services.migrate import apply_migrations
    from services.runtime import resolve_database_url
    from services.seed import seed_demo_tenant

    settings = _settings()
    try:
        url, started = resolve_database_url(settings, start=True)
    except EmbeddedServiceError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        apply_migrations(url)
        # Seeding publishes nothing, so no broker is needed here.
        container = bootstrap(settings, database_url=url, redis_url=settings.local_redis_url)
        try:
            tenant = seed_demo_tenant(container)
        finally:
            container.close()
    finally:
        if started is not None:
            started.stop()
    state = "created" if tenant.created else "already existed; password reset"
    click.echo(f"demo tenant {state}\n  email:    {tenant.email}\n  password: {tenant.password}")


def _exec_workers(*args: str) -> None:
    # Worker processes are the workers package's own entry point; exec keeps the
    # pid, so signals from a supervisor reach Celery directly.
    os.execv(sys.executable, [sys.executable, "-m", "workers", *args])  # noqa: S606


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run a Celery worker (options: --queues, --pool, --concurrency, --name)."""
    _exec_workers("worker", *ctx.args)


@main.command()
def beat() -> None:
    """Run the periodic scheduler (the stuck-work sweeper)."""
    _exec_workers("beat")


@main.command()
def flower() -> None:
    """Run Flower (queue monitoring for operators), with basic auth."""
    _exec_workers("flower")


if __name__ == "__main__":
    main()
