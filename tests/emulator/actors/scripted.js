// Test actor whose behaviour is chosen by its input. It uses only Node globals (fetch, process, timers), so it runs
// unchanged as CommonJS or as an ES module, here and on the real platform. Input fields (all optional):
//   items: [...]             push these dataset items to the default dataset (first of all)
//   recordPid: true          then store {pid} as the PID record, so a test knows the items are in and can check that
//                            the process really ends
//   sleepMs: n               wait this long before finishing
//   allocateMb: n            keep this many megabytes of JS heap alive (to hit the run's memory limit)
//   outputKey: "KEY"         write the output under this key instead of OUTPUT
//   outputText + outputContentType   write this raw body with this content type instead of the JSON echo
//   skipOutput: true         write no output record
//   throwError: "message"    throw (exit code 1)
//   exitCode: n              exit with this code
// The default output is JSON {input, inputKey, actorId, runId}.
const env = process.env;
const apiRoot = `${env.APIFY_API_BASE_URL}/v2`;
const auth = { authorization: `Bearer ${env.APIFY_TOKEN}` };
const storeUrl = `${apiRoot}/key-value-stores/${env.APIFY_DEFAULT_KEY_VALUE_STORE_ID}/records`;

async function readInput(key) {
  const res = await fetch(`${storeUrl}/${encodeURIComponent(key)}`, { headers: auth });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`reading ${key} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
}

async function putRecord(key, body, contentType) {
  const res = await fetch(`${storeUrl}/${encodeURIComponent(key)}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': contentType },
    body,
  });
  if (!res.ok) throw new Error(`writing ${key} answered ${res.status}: ${await res.text()}`);
}

async function pushItems(items) {
  const res = await fetch(`${apiRoot}/datasets/${env.APIFY_DEFAULT_DATASET_ID}/items`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  if (!res.ok) throw new Error(`pushing items answered ${res.status}: ${await res.text()}`);
}

async function main() {
  const inputKey = env.APIFY_INPUT_KEY || 'INPUT';
  const raw = await readInput(inputKey);
  const input = raw !== null && typeof raw === 'object' ? raw : {};
  if (Array.isArray(input.items)) await pushItems(input.items);
  if (input.recordPid) await putRecord('PID', JSON.stringify({ pid: process.pid }), 'application/json');
  const retained = [];
  for (let mb = 0; mb < (input.allocateMb ?? 0); mb += 1) retained.push(new Array(128 * 1024).fill(mb + 0.5));
  if (input.sleepMs) await new Promise((resolve) => setTimeout(resolve, input.sleepMs));
  if (input.throwError) throw new Error(input.throwError);
  if (!input.skipOutput) {
    const key = input.outputKey ?? 'OUTPUT';
    if (input.outputText !== undefined) {
      await putRecord(key, input.outputText, input.outputContentType ?? 'text/plain');
    } else {
      const echo = { input: raw, inputKey, actorId: env.APIFY_ACTOR_ID, runId: env.APIFY_ACTOR_RUN_ID, retainedMb: retained.length };
      await putRecord(key, JSON.stringify(echo), 'application/json; charset=utf-8');
    }
  }
  process.exitCode = input.exitCode ?? 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
