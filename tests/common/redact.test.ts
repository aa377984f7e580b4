import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../common/redact.ts';

const token = 'apify_api_S3cr3tT0ken+with/chars';
const token2 = 'second-user-token-42';
const redactor = createRedactor([token, token2, undefined]);

describe('redactor', () => {
  it('masks any token= query value, configured or not', () => {
    expect(redactor.url('http://h/v2/acts?token=whatever&limit=1')).toBe(`http://h/v2/acts?token=${REDACTED}&limit=1`);
    expect(redactor.url(new URL(`http://h/v2/acts?limit=1&token=${encodeURIComponent(token)}`))).toBe(`http://h/v2/acts?limit=1&token=${REDACTED}`);
  });

  it('keeps the punctuation around a URL in text', () => {
    expect(redactor.text('[GET /v2/acts?token=abc]; (see /x?token=def)')).toBe(`[GET /v2/acts?token=${REDACTED}]; (see /x?token=${REDACTED})`);
  });

  it('removes raw and URL-encoded occurrences of every configured secret', () => {
    const line = `user ${token} and ${encodeURIComponent(token)} and ${token2}/path`;
    const result = redactor.text(line);
    expect(result).not.toContain(token);
    expect(result).not.toContain(encodeURIComponent(token));
    expect(result).not.toContain(token2);
    expect(result).toBe(`user ${REDACTED} and ${REDACTED} and ${REDACTED}/path`);
  });

  it('masks Authorization credentials written out in text', () => {
    expect(redactor.text('Authorization: Bearer abc.def-123')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('masks credential headers in any case and keeps the rest', () => {
    const headers = redactor.headers({
      Authorization: `Bearer ${token}`,
      'x-other': `see ${token2}`,
      'content-type': 'application/json',
      'content-length': 12,
    });
    expect(headers).toEqual({
      Authorization: `Bearer ${REDACTED}`,
      'x-other': `see ${REDACTED}`,
      'content-type': 'application/json',
      'content-length': 12,
    });
  });

  it('redacts nested data and errors without touching the original', () => {
    const original = {
      uri: `/v2/acts?token=${token}`,
      headers: { authorization: `Bearer ${token}` },
      list: [token2, 3, null],
      error: new Error(`failed for ${token}`),
    };
    const copy = redactor.value(original);
    expect(JSON.stringify(copy)).not.toContain(token);
    expect(JSON.stringify(copy)).not.toContain(token2);
    expect(copy.error.message).toBe(`failed for ${REDACTED}`);
    expect(copy.error.stack).not.toContain(token);
    expect(original.uri).toContain(token);
  });

  it('does nothing without secrets or tokens in the text', () => {
    expect(createRedactor([]).text('plain text, no token here')).toBe('plain text, no token here');
  });
});

describe('redactProcessOutput', () => {
  it('redacts every string and buffer written to the wrapped streams, with every redactor installed on them', async () => {
    const { redactProcessOutput } = await import('../../common/output-redaction.ts');
    const written: string[] = [];
    const stream = {
      write(chunk: string | Buffer): boolean {
        written.push(String(chunk));
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    redactProcessOutput(redactor, [stream]);
    redactProcessOutput(createRedactor(['later-run-secret']), [stream]);
    stream.write(`GET /v2/acts?token=${token}\n`);
    stream.write(Buffer.from(`Authorization: Bearer ${token2}\n`));
    stream.write('later-run-secret\n');
    expect(written).toEqual([`GET /v2/acts?token=${REDACTED}\n`, `Authorization: Bearer ${REDACTED}\n`, `${REDACTED}\n`]);
  });
});
