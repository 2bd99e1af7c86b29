"""Which model entries a business may save and use."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from pipelines.model_rules import HOSTED_PROVIDERS, model_problem
from schemas.bot import BotSettings
from schemas.messages import API_KEY_ENV_GONE, ModelSpec, model_specs


def test_hosted_providers_are_litellm_provider_names():
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    names = {getattr(p, "value", p) for p in litellm.provider_list}
    assert set(HOSTED_PROVIDERS) <= names
    assert "operator" not in names  # operator/<name> can never be mistaken for a litellm model


def test_api_key_env_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="api_key_env is no longer accepted"):
        ModelSpec.model_validate({"model": "openai/x", "api_key_env": "DATABASE_URL"})
    with pytest.raises(ValidationError) as caught:
        BotSettings.model_validate({"models": [{"model": "openai/x", "api_base": "https://h.example/v1",
                                                "api_key_env": "OPENAI_API_KEY"}]})
    assert API_KEY_ENV_GONE in caught.value.errors()[0]["msg"]


@pytest.mark.parametrize(("entry", "problem"), [
    ({"model": "operator/house"}, None),
    ({"model": "operator/gone"}, "no operator model named 'gone'"),
    ({"model": "openai/gpt-4o-mini"}, None),
    ({"model": "gemini/gemini-2.0-flash"}, None),
    ({"model": "openai/llama3", "api_base": "https://llm.example/v1"}, None),
    ({"model": "ollama/llama3"}, "need the api_base of your own OpenAI-compatible server"),
    ({"model": "hosted_vllm/x"}, "need the api_base"),
    ({"model": "ollama/llama3", "api_base": "https://llm.example"}, "must be OpenAI-compatible"),
    ({"model": "gpt-4o-mini"}, "write the provider first"),
])
def test_model_problems(entry, problem):
    found = model_problem(ModelSpec.model_validate(entry), ["house"])
    assert (found is None) if problem is None else (problem in found), found


def test_an_operator_model_takes_no_endpoint_of_the_business():
    with pytest.raises(ValidationError, match="set by the operator"):
        ModelSpec(model="operator/house", api_base="http://10.0.0.1/v1")


def test_stored_entries_are_read_as_written():
    specs = model_specs(["operator/house", {"model": "openai/x", "api_base": "https://h.example/v1"}])
    assert [(s.operator_name, s.provider) for s in specs] == [("house", None), (None, "openai")]
