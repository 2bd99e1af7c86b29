"""litellm's retry path (num_retries >= 1 runs completion_with_retries, which imports tenacity) against a
local OpenAI-compatible server: a rate limit or a server error, then an answer; and a provider that always
fails, whose own error is what gets recorded."""

from __future__ import annotations

import uuid

import pytest

from pipelines.egress import parse_allowlist
from schemas.messages import ModelSpec
from services.adapters.egress import EgressPolicy
from services.adapters.llm import AllModelsFailedError, LiteLLMChat
from tests.conftest import LLM_KEY
from tests.fakes.gateway_server import chat_completion


@pytest.fixture
def chat(llm):
    llm.reset()
    llm.routes[("POST", "/v1/chat/completions")] = lambda body: (200, chat_completion(body["model"], "answered"))
    yield LiteLLMChat(
        operator_models=[],
        egress=EgressPolicy(parse_allowlist("127.0.0.1/32"), https_only=False),
        own_key=lambda user: LLM_KEY,
        timeout=5,
        retries=2,
    )
    llm.reset()


def _ask(chat, llm):
    return chat.complete(
        [ModelSpec(model="openai/own", api_base=llm.base_url)],
        [{"role": "user", "content": "hi"}],
        tenant=uuid.uuid4(),
        temperature=0,
        max_tokens=20,
    )


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_failing_call_is_retried_and_then_answered(chat, llm, status):
    llm.fail_next(status, times=1)
    done = _ask(chat, llm)
    assert done.text == "answered" and done.attempts == []
    assert len(llm.requests) == 2  # the call and litellm's first retry, none hidden in a client


@pytest.mark.parametrize("status", [429, 500])
def test_a_provider_that_always_fails_is_recorded_with_its_own_error(chat, llm, status):
    llm.fail_next(status, times=20)
    with pytest.raises(AllModelsFailedError) as failed:
        _ask(chat, llm)
    (attempt,) = failed.value.attempts
    assert f"injected failure {status}" in attempt["error"], attempt
    assert "tenacity" not in attempt["error"].lower() and "import" not in attempt["error"].lower()
    assert LLM_KEY not in attempt["error"]
    assert len(llm.requests) == 3  # the call and litellm's two retries, none hidden in a client
