// Sign the callback to Salesboy with the Standard Webhooks scheme.
// Secret: the n8n variable SALESBOY_CALLBACK_SECRET (or the environment variable of that name).
const crypto = require('crypto');

const input = $input.first().json;
const secret = (typeof $vars !== 'undefined' && $vars.SALESBOY_CALLBACK_SECRET) || $env.SALESBOY_CALLBACK_SECRET;
if (!secret) {
  throw new Error('SALESBOY_CALLBACK_SECRET is not set');
}
const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
const task = input.task;
const callback = {
  task_id: task.task_id,
  tenant: task.tenant,
  status: input.status || 'succeeded',
  result: input.result || {},
};
if (input.reply_text) callback.reply_text = input.reply_text;
const body = JSON.stringify(callback);
const id = `n8n_${task.task_id}_${crypto.randomBytes(6).toString('hex')}`;
const timestamp = Math.floor(Date.now() / 1000).toString();
const signature = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
return [{
  json: {
    url: task.callback_url,
    body,
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp,
               'webhook-signature': `v1,${signature}` },
  },
}];
