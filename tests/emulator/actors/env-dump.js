// Test actor that stores its whole environment and its V8 heap limit as the OUTPUT record, so tests can check
// exactly what a running actor sees. Only Node globals and a dynamic import: runs as CommonJS or as an ES module.
async function main() {
  const v8 = await import('node:v8');
  const output = {
    env: { ...process.env },
    heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / (1024 * 1024)),
  };
  const url = `${process.env.APIFY_API_BASE_URL}/v2/key-value-stores/${process.env.APIFY_DEFAULT_KEY_VALUE_STORE_ID}/records/OUTPUT`;
  const res = await fetch(url, {
    method: 'PUT',
    headers: { authorization: `Bearer ${process.env.APIFY_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(output),
  });
  if (!res.ok) throw new Error(`writing OUTPUT answered ${res.status}: ${await res.text()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
