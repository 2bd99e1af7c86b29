// Verify Salesboy's Standard Webhooks signature on the raw request body, then drop repeats.
// Secret: the environment variable SALESBOY_SIGNING_SECRET of the n8n process (community n8n
// reads it with $env; n8n Variables would need a licence). Several secrets, space-separated,
// are accepted while one is rotated.
// Accepted webhook-ids are remembered in the workflow's static data for the tolerance window,
// so a captured dispatch sent again is answered 409 before any business step runs.
const crypto = require('crypto');
const TOLERANCE_SECONDS = 300;

const item = $input.first();
const headers = item.json.headers || {};
const configured = String($env.SALESBOY_SIGNING_SECRET || '').trim();
if (!configured) {
  throw new Error('SALESBOY_SIGNING_SECRET is not set in the n8n environment');
}
const keys = configured.split(/\s+/).map((secret) =>
  secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8'));
const raw = item.binary && item.binary.data ? Buffer.from(item.binary.data.data, 'base64') : Buffer.from('');
const id = headers['webhook-id'] || '';
const timestamp = headers['webhook-timestamp'] || '';
const offered = (headers['webhook-signature'] || '').split(' ');

function reject(reason, status = 401, task = null) {
  return [{ json: { verified: false, status, reason, task_id: task && task.task_id } }];
}

if (!id || !/^\d+$/.test(timestamp) || offered.length === 0) {
  return reject('missing signature headers');
}
const now = Date.now() / 1000;
if (Math.abs(now - Number(timestamp)) > TOLERANCE_SECONDS) {
  return reject('stale timestamp');
}
const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), raw]);
let matched = false;
for (const key of keys) {
  const expected = Buffer.from(crypto.createHmac('sha256', key).update(signed).digest('base64'), 'utf8');
  for (const candidate of offered) {
    if (!candidate.startsWith('v1,')) continue;
    const given = Buffer.from(candidate.slice(3), 'utf8');
    // timingSafeEqual needs equal lengths; a length mismatch is simply not a match.
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) matched = true;
  }
}
if (!matched) {
  return reject('bad signature');
}
let task;
try {
  task = JSON.parse(raw.toString('utf8'));
} catch (error) {
  return reject('body is not JSON', 400);
}
if (!task || typeof task !== 'object' || !task.task_id || !task.callback_url) {
  return reject('body is not a Salesboy task', 400);
}
const memory = $getWorkflowStaticData('global');
const accepted = memory.acceptedWebhookIds || {};
for (const [seen, at] of Object.entries(accepted)) {
  if (now - at > TOLERANCE_SECONDS * 2) delete accepted[seen];
}
if (accepted[id]) {
  return reject('replayed: this webhook-id was already accepted', 409, task);
}
accepted[id] = Math.floor(now);
memory.acceptedWebhookIds = accepted;
return [{ json: { verified: true, webhookId: id, task } }];
