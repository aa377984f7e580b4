import type { CheckResult, Exchange } from '../results.ts';
import type { Summary } from './summary.ts';

// What a report gives a reader to reproduce a failure: the request as a curl command (the token as $APIFY_TOKEN, so it
// runs as pasted once the variable is set, and no report ever holds it) and the command that reruns the check alone.

/** The request as a curl command against the run's target; undefined without a request. */
export function curlCommand(summary: Pick<Summary, 'target'>, request: Exchange['request']): string | undefined {
  if (request === undefined) return undefined;
  const url = `${summary.target.baseUrl}${request.uri}`;
  // A token that was a query parameter stays one, added by curl (--url-query): written into the URL (or right after a
  // quote, which HTML escapes as `&quot;`), `token=...` would be masked by the reports' redaction like any token.
  const tokenInQuery = /[?&]token=/.test(url);
  const withoutToken = url.replace(/([?&])token=[^&#]*&?/, '$1').replace(/[?&](?=#|$)/, '');
  const parts = [`curl -X ${request.method}`, doubleQuoted(withoutToken)];
  parts.push(tokenInQuery ? '--url-query token="$APIFY_TOKEN"' : `-H ${doubleQuoted('Authorization: Bearer $APIFY_TOKEN')}`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!/^(authorization|content-length|host|user-agent)$/i.test(name)) parts.push(`-H ${singleQuoted(`${name}: ${value}`)}`);
  }
  if (request.body) parts.push(`--data-raw ${singleQuoted(request.body)}`);
  return parts.join(' ');
}

/** The command that runs this one check again against the same target, with the run's other settings. */
export function rerunCommand(summary: Pick<Summary, 'target'>, check: Pick<CheckResult, 'id'>): string {
  const target = summary.target.kind === 'external' ? ` --base-url ${singleQuoted(summary.target.baseUrl)}` : '';
  return `npx apify-conformance run${target} --select ${singleQuoted(check.id)}`;
}

// Double quotes keep $APIFY_TOKEN for the shell to expand; everything else the shell would read is escaped.
function doubleQuoted(text: string): string {
  return `"${text.replace(/[\\"`]/g, '\\$&').replace(/\$(?!APIFY_TOKEN\b)/g, '\\$')}"`;
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
