import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';

// The checks' HTTP client, the hooks' fixtures and the runner reach the target through undici's global dispatcher. On a
// network that needs a proxy they take HTTP_PROXY / HTTPS_PROXY and NO_PROXY (either case). Dredd 14 itself uses a proxy
// only to fetch API descriptions: its replays go to the server under test directly.

const INSTALLED = Symbol.for('apify-conformance.proxy-from-environment');

/**
 * Once per process: when a proxy is set in the environment, every request goes through it (NO_PROXY honoured). Called
 * by each entry point before anything wraps the dispatcher (the runner's exchange recorder composes on top of it).
 */
export function useProxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  const state = globalThis as { [INSTALLED]?: true };
  if (state[INSTALLED]) return;
  state[INSTALLED] = true;
  const proxied = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].some((name) => (env[name] ?? '').trim() !== '');
  if (proxied) setGlobalDispatcher(new EnvHttpProxyAgent());
}
