"""Each pipeline's order is written once (schemas/pipelines.py); everything else must agree with it."""

from __future__ import annotations

import dataclasses
import re
from typing import get_args

import psycopg
import pytest

from schemas import pipelines
from schemas.jobs import QueuedJob
from schemas.kb import DocumentStatus
from workers.app import create_worker_app


def _job_types(cls=QueuedJob):
    for sub in cls.__subclasses__():
        if "task_name" in vars(sub):
            yield sub
        yield from _job_types(sub)


def test_job_types_handlers_and_celery_tasks_are_the_same_set(settings, container, database_url, redis_url):
    job_types = set(_job_types())
    assert set(container.handlers) == job_types
    app = create_worker_app(settings, database_url=database_url, redis_url=redis_url)
    assert {j.task_name for j in job_types} <= set(app.tasks)
    assert {name for name in app.tasks if not name.startswith("celery.")} == {j.task_name for j in job_types}


def test_every_job_a_pipeline_resumes_has_a_give_up_handler(container):
    resumed = {*pipelines.DOCUMENT_NEXT_JOB.values(), *pipelines.MESSAGE_NEXT_JOB.values(),
               *pipelines.REPLY_NEXT_JOB.values(), *pipelines.TASK_NEXT_JOB.values()}
    assert resumed <= set(container.give_up_handlers)


def test_the_app_is_built_whole_and_never_rewired(container):
    # Everything exists once bootstrap() returns: no handler builds an adapter on first use.
    assert container.session_host.running() == []  # built, but no browser runs until a session command comes
    with pytest.raises(dataclasses.FrozenInstanceError):
        container.kb = None
    with pytest.raises(TypeError):
        container.handlers[QueuedJob] = print


def test_the_statuses_match_the_schemas_and_the_sql_constraints(owner_database_url):
    assert set(pipelines.STATUSES["knowledge_base"]) == set(get_args(DocumentStatus))
    with psycopg.connect(owner_database_url) as conn:
        for table, statuses in pipelines.STATUSES.items():
            (definition,) = conn.execute(
                """select pg_get_constraintdef(c.oid) from pg_constraint c
                   join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
                   where n.nspname = 'public' and t.relname = %s and c.contype = 'c'
                     and pg_get_constraintdef(c.oid) like '%%status%%'""", [table]).fetchone()
            assert set(re.findall(r"'(\w+)'::text", definition)) == set(statuses), table
