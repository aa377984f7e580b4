import type { ServerResponse } from 'node:http';
import { type ProxiedResponse, startLoopbackProxy } from '../../support/loopback-proxy.ts';

/**
 * One change to the target's answers: which requests it hits (only Dredd's own requests, recognised by Dredd's
 * User-Agent, so the hooks' fixture setup still works; all of them when `method` and `path` are left out) and what it
 * does to the response. `break` changes the response in place, or writes a raw answer to the socket and returns 'sent'.
 */
export interface Fault {
  method?: string;
  path?: RegExp;
  /** Returns 'sent' when it wrote a raw answer itself; any other result means "send the changed response". */
  break(response: ProxiedResponse, raw: ServerResponse): unknown;
}

export interface BreakingProxy {
  url: string;
  /** How many responses each fault changed, in the order given: a fault that never fired proves nothing. */
  readonly hits: readonly number[];
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of `upstream` that passes everything through except what `faults` break; each response is
 * broken by the first fault that matches it.
 */
export async function startBreakingProxy(upstream: string, ...faults: Fault[]): Promise<BreakingProxy> {
  const hits = faults.map(() => 0);
  const proxy = await startLoopbackProxy(upstream, async (incoming, forward, raw) => {
    const response = await forward();
    const path = new URL(incoming.url ?? '/', 'http://proxy').pathname;
    const fromDredd = String(incoming.headers['user-agent'] ?? '').startsWith('Dredd/');
    const index = fromDredd ? faults.findIndex((fault) => (fault.method ?? incoming.method) === incoming.method && (fault.path ?? /./).test(path)) : -1;
    if (index < 0) return response;
    hits[index] += 1;
    return faults[index].break(response, raw) === 'sent' ? 'sent' : response;
  });
  return { ...proxy, hits };
}

/** Changes the JSON body of a response. */
export function editJson(response: ProxiedResponse, edit: (body: { data: Record<string, unknown> }) => void): void {
  const body = JSON.parse(response.body.toString('utf8')) as { data: Record<string, unknown> };
  edit(body);
  response.body = Buffer.from(JSON.stringify(body));
}
