-- A business's own intents (key, display name, kind task|answer|handoff, examples, optional canned
-- reply), validated by schemas/bot.py::BusinessIntent; the intent stage fits its classifier on them.
alter table public.bot_config
    add column intents jsonb not null default '[]'::jsonb check (jsonb_typeof(intents) = 'array');
