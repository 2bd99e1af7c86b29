// human_handoff: an email to the owner with the customer's request and the conversation so far.
const task = $input.first().json.task;
const settings = task.settings || {};
const contact = task.contact || {};
if (!settings.owner_email) throw new Error('no owner email to notify: set task_settings.owner_email in Salesboy');
const who = contact.phone || contact.chat_id;
return [{
  json: {
    task,
    to: settings.owner_email,
    from: settings.sender || settings.owner_email,
    subject: `A customer wants a person: ${who}`,
    text: `${who} asked to talk to a person:\n\n${(task.payload || {}).message || ''}\n\nConversation:\n` +
          `${task.conversation_summary || ''}\n\nReply to them on WhatsApp.\n`,
    reply: null,
  },
}];
