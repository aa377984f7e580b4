import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../../common/redact.ts';
import { startEmulator } from '../../emulator/index.ts';
import { curlCommand, rerunCommand } from '../../runner/reports/reproduce.ts';

// A failure in the report comes with its request as a curl command and the command that reruns the check. The curl
// line must run as pasted, with the token taken from $APIFY_TOKEN and nothing of the body changed by the shell.

const TOKEN = 'reproduceTestToken0000000';
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0, token: TOKEN, username: 'reproduce-user', token2: null, username2: null });
});

afterAll(async () => {
  await emulator?.close();
});

/** Runs a curl line in bash, as a reader pastes it, and returns the status and body it got. */
async function paste(line: string): Promise<{ status: number; body: string }> {
  const { stdout } = await promisify(execFile)('bash', ['-c', `${line} -s -w '\\n%{http_code}'`], {
    env: { PATH: process.env.PATH ?? '', APIFY_TOKEN: TOKEN },
  });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe('the curl line of a failure', () => {
  it('sends the token as a bearer header from $APIFY_TOKEN, and the body byte for byte', async () => {
    const target = { target: { baseUrl: emulator.url } } as Parameters<typeof curlCommand>[0];
    const body = JSON.stringify({ description: `it's "quoted" $HOME \`and\` back\\slashed` });
    const create = curlCommand(target, { method: 'POST', uri: '/v2/key-value-stores?name=curl-store' })!;
    expect(create).not.toContain(TOKEN);
    const created = await paste(create);
    expect(created.status).toBe(201);
    const storeId = (JSON.parse(created.body) as { data: { id: string } }).data.id;
    const put = await paste(
      curlCommand(target, { method: 'PUT', uri: `/v2/key-value-stores/${storeId}/records/r`, headers: { 'content-type': 'application/json' }, body })!,
    );
    expect(put.status).toBe(201);
    const read = await paste(curlCommand(target, { method: 'GET', uri: `/v2/key-value-stores/${storeId}/records/r?token=***` })!);
    expect(read).toEqual({ status: 200, body });
  });

  it("keeps a token that was a query parameter one, from $APIFY_TOKEN, and survives the reports' redaction", () => {
    const line = curlCommand({ target: { baseUrl: 'http://127.0.0.1:1' } } as Parameters<typeof curlCommand>[0], {
      method: 'GET',
      uri: '/v2/acts?token=***&limit=1',
    })!;
    expect(line).toBe('curl -X GET "http://127.0.0.1:1/v2/acts?limit=1" --url-query token="$APIFY_TOKEN"');
    expect(createRedactor(['any-secret']).text(line)).toBe(line);
    const withHeader = curlCommand({ target: { baseUrl: 'http://127.0.0.1:1' } } as Parameters<typeof curlCommand>[0], { method: 'GET', uri: '/v2/acts' })!;
    expect(withHeader).toBe('curl -X GET "http://127.0.0.1:1/v2/acts" -H "Authorization: Bearer $APIFY_TOKEN"');
    expect(createRedactor(['any-secret']).text(withHeader)).toBe(withHeader);
  });
});

describe('the rerun command', () => {
  it('selects the check alone, and names an external target', () => {
    expect(
      rerunCommand({ target: { kind: 'embedded-emulator', baseUrl: 'http://127.0.0.1:1' } } as Parameters<typeof rerunCommand>[0], {
        id: "Apify API > Users > it's",
      }),
    ).toBe("npx apify-conformance run --select 'Apify API > Users > it'\\''s'");
    expect(
      rerunCommand({ target: { kind: 'external', baseUrl: 'https://api.example.com' } } as Parameters<typeof rerunCommand>[0], {
        id: 'errors.unknown-path-404',
      }),
    ).toBe("npx apify-conformance run --base-url 'https://api.example.com' --select 'errors.unknown-path-404'");
  });
});
