// Runs an n8n Code node's JavaScript the way n8n does ("run once for all items"):
// reads {code, input, env, nodes, now, staticData} as JSON on stdin, prints the returned items
// and the workflow static data after the run.
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const spec = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (spec.now) Date.now = () => spec.now;
  const items = spec.input;
  const staticData = spec.staticData || {};
  const $input = { first: () => items[0], all: () => items };
  const $ = (name) => ({ first: () => spec.nodes[name][0], all: () => spec.nodes[name] });
  const $getWorkflowStaticData = () => staticData;
  const run = new Function('$input', '$env', '$', '$getWorkflowStaticData', 'require', spec.code);
  try {
    const result = run($input, spec.env || {}, $, $getWorkflowStaticData, require);
    process.stdout.write(JSON.stringify({ ok: true, result, staticData }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error.message || error), staticData }));
  }
});
