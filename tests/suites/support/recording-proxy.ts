import { startLoopbackProxy } from '../../support/loopback-proxy.ts';

/** A loopback pass-through proxy in front of a target that records every request it forwards. */
export interface RecordingProxy {
  url: string;
  /** Every request forwarded, as `<effective method> <path>`: the `method` query parameter wins, as the API reads it. */
  readonly seen: readonly string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const seen: string[] = [];
  const proxy = await startLoopbackProxy(upstream, (incoming, forward) => {
    const url = new URL(incoming.url ?? '/', 'http://proxy');
    seen.push(`${(url.searchParams.get('method') ?? incoming.method ?? 'GET').toUpperCase()} ${url.pathname}`);
    return forward();
  });
  return { ...proxy, seen };
}
