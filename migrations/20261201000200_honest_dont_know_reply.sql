-- The old default promised "Someone from our team will get back to you." although, with hand-off on
-- unknown questions off (the default), nobody is told of the question. The new default promises nothing;
-- BotSettings.unknown_reply adds the promise when the chat is handed to the team. Owners' own texts stay.
alter table public.bot_config
    alter column dont_know_reply set default 'Sorry, I don''t have that information.';

update public.bot_config
   set dont_know_reply = 'Sorry, I don''t have that information.'
 where dont_know_reply = 'Sorry, I don''t have that information. Someone from our team will get back to you.';
