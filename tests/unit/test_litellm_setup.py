"""litellm as Salesboy sets it up: per-call pricing and log payloads skipped while nobody reads them."""

from __future__ import annotations

import litellm.main
import pytest
from litellm.litellm_core_utils.litellm_logging import Logging
from litellm.secret_managers.main import get_secret_bool

from services.adapters.litellm_setup import (
    BASE_HTTP_HANDLER_SWITCH,
    _tokenizer_on_first_use,
    _TokenizerOnFirstUse,
    load_litellm,
)


def test_pricing_and_success_logging_are_skipped_only_while_no_callback_is_registered(monkeypatch):
    litellm = load_litellm()
    assert Logging._salesboy_lean  # the pinned litellm still has the methods this relies on
    bare = Logging.__new__(Logging)  # never set up: litellm's own methods would fail on it
    assert bare.response_cost_calculator(result=object()) is None
    assert bare.success_handler(object(), None, None) is None

    monkeypatch.setattr(litellm, "success_callback", [lambda *args, **kwargs: None])
    with pytest.raises(AttributeError):  # a callback is registered: litellm's own pricing runs again
        bare.response_cost_calculator(result=object())


def test_openai_compatible_calls_take_litellms_httpx_path():
    """LiteLLMChat's own-server clients are litellm HTTPHandlers, which only this path posts through."""
    load_litellm()
    assert get_secret_bool(BASE_HTTP_HANDLER_SWITCH) is True  # what litellm's main.py reads on every call


def test_the_default_tokenizer_loads_when_first_used_and_then_encodes_as_litellms_own(monkeypatch):
    load_litellm()
    monkeypatch.setattr(litellm.main, "_encoding_cache", None)
    monkeypatch.delitem(vars(litellm.main), "encoding", raising=False)
    _tokenizer_on_first_use()
    deferred = litellm.main._get_encoding()  # what every call on litellm's httpx path is handed
    assert isinstance(deferred, _TokenizerOnFirstUse) and deferred._tokenizer is None
    assert deferred.encode("hello world") == litellm.main.encoding.encode("hello world") != []
