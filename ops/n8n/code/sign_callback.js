// Sign the callback to Salesboy with the Standard Webhooks scheme.
// Secret: the environment variable SALESBOY_CALLBACK_SECRET of the n8n process.
const crypto = require('crypto');

const input = $input.first().json;
const secret = String($env.SALESBOY_CALLBACK_SECRET || '').trim();
if (!secret) {
  throw new Error('SALESBOY_CALLBACK_SECRET is not set in the n8n environment');
}
const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
const task = input.task;
const callback = {
  task_id: task.task_id,
  tenant: task.tenant,
  // Only a Result node that checked the business step's own output says succeeded.
  status: input.status === 'succeeded' ? 'succeeded' : 'failed',
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
