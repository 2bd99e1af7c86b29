// The outcome of the business step "__STEP__", decided from the step's own output: n8n can send an
// error item down a step's success output (a missing or placeholder credential does), so the
// output is checked, not the branch it left by. Only a checked output reports `succeeded`.
const task = $('Verify signature').first().json.task;
const prepared = __FAILED__ ? {} : $('Prepare').first().json;
const first = $input.first();
const out = (first && first.json) || {};
function describe(error) {
  if (!error) return '';
  if (typeof error === 'string') return error;
  return [error.message, error.description].filter(Boolean).join(': ') || JSON.stringify(error);
}
function problem() {
  if (__FAILED__) return describe(out.error) || 'the step failed without saying why';
  if (out.error) return describe(out.error);
__CHECK__
  return null;
}
const reason = problem();
if (reason) {
  return [{ json: { task, status: 'failed', result: { error: `__STEP__: ${reason}`.slice(0, 1000) }, reply_text: null } }];
}
return [{ json: { task, status: 'succeeded', result: __RESULT__, reply_text: prepared.reply || null } }];
