// send_email: the email the business configured in Salesboy (task_settings: subject, text, link,
// an attached knowledge base document), to the address the customer gave. Never the customer's
// own words echoed back. A missing setting fails the task with a readable reason.
const task = $input.first().json.task;
const settings = task.settings || {};
const to = ((task.payload || {}).emails || [])[0];
if (!to) throw new Error('the customer gave no email address to send to');
if (!settings.sender) throw new Error('no sender address: set task_settings.sender_email or owner_email in Salesboy');
const item = {
  json: {
    task,
    to,
    from: settings.sender,
    subject: settings.email_subject || 'The details you asked for',
    text: settings.email_text || '',
    reply: `Done! I've emailed the details to ${to}.`,
  },
};
const attachment = task.attachment;
if (attachment && attachment.data_base64) {
  item.binary = { attachment: { data: attachment.data_base64, mimeType: attachment.mime_type || 'application/octet-stream',
                                fileName: attachment.filename || 'attachment' } };
}
return [item];
