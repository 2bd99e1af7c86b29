-- With models configured: 1 = the intent and the answer come from one structured model call (rag.respond),
-- 2 = intent.classify calls a model, then rag.respond calls one for the answer.
alter table public.bot_config
    add column model_calls smallint not null default 1 check (model_calls in (1, 2));
