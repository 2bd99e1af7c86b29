// Verify Salesboy's Standard Webhooks signature on the raw request body.
// Secret: the n8n variable SALESBOY_SIGNING_SECRET (or the environment variable of that name).
const crypto = require('crypto');
const TOLERANCE_SECONDS = 300;

const item = $input.first();
const headers = item.json.headers || {};
const secret = (typeof $vars !== 'undefined' && $vars.SALESBOY_SIGNING_SECRET) || $env.SALESBOY_SIGNING_SECRET;
if (!secret) {
  throw new Error('SALESBOY_SIGNING_SECRET is not set');
}
const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
const raw = item.binary && item.binary.data ? Buffer.from(item.binary.data.data, 'base64') : Buffer.from('');
const id = headers['webhook-id'] || '';
const timestamp = headers['webhook-timestamp'] || '';
const offered = (headers['webhook-signature'] || '').split(' ');

function reject(reason) {
  return [{ json: { verified: false, reason } }];
}

if (!id || !/^\d+$/.test(timestamp) || offered.length === 0) {
  return reject('missing signature headers');
}
if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
  return reject('stale timestamp');
}
const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), raw]);
const expected = Buffer.from(crypto.createHmac('sha256', key).update(signed).digest('base64'), 'utf8');
let matched = false;
for (const candidate of offered) {
  if (!candidate.startsWith('v1,')) continue;
  const given = Buffer.from(candidate.slice(3), 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch is simply not a match.
  if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) matched = true;
}
if (!matched) {
  return reject('bad signature');
}
let task;
try {
  task = JSON.parse(raw.toString('utf8'));
} catch (error) {
  return reject('body is not JSON');
}
return [{ json: { verified: true, webhookId: id, task } }];
