"""litellm, imported on first use and set up once for Salesboy's way of calling it."""

from __future__ import annotations

import functools
import logging
import os
from typing import Any

# litellm logs two INFO lines per call (and prints them again through its own handler): per-call
# chatter that costs more than a millisecond a message. Its warnings and errors still come through.
_CHATTY_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy")


@functools.cache  # imported and set up once per process, not on every call
def load_litellm() -> Any:
    # litellm fetches a price map from the internet at import unless told not to.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    # Retries belong to the task queue (backoff, a retry budget): none hidden below it. litellm 1.110's
    # OpenAI embedding path reads `max_retries or DEFAULT_MAX_RETRIES`, so a per-call 0 still meant 3 tries;
    # only the embedding paths read this default.
    litellm.DEFAULT_MAX_RETRIES = 0
    # Otherwise every failure also prints a "Give Feedback / Get Help" banner to stdout.
    litellm.suppress_debug_info = True
    # Some model names make token_counter fetch a tokenizer from a model hub: never at run time.
    litellm.disable_hf_tokenizer_download = True
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return litellm
