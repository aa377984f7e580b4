import type { ActionName } from '../../common/response-schemas.ts';

/**
 * Which documented action (spec/apify-v2-actors.apib, keyed as in common/response-schemas.ts) a request addresses, so
 * every response a suite receives can be validated against what that action documents. The effective method is the
 * `method` query parameter when one is given ("Any endpoint can be called with another HTTP method").
 */
const SEGMENT = '[^/]+';
const ROUTES: Array<{ method: string; path: RegExp; action: ActionName }> = [
  { method: 'GET', path: route(''), action: 'Actor collection > Get list of actors' },
  { method: 'POST', path: route(''), action: 'Actor collection > Create actor' },
  { method: 'GET', path: route('/*'), action: 'Actor object > Get actor' },
  { method: 'PUT', path: route('/*'), action: 'Actor object > Update actor' },
  { method: 'DELETE', path: route('/*'), action: 'Actor object > Delete actor' },
  { method: 'GET', path: route('/*/versions'), action: 'Version collection > Get list of versions' },
  { method: 'POST', path: route('/*/versions'), action: 'Version collection > Create version' },
  { method: 'GET', path: route('/*/versions/*'), action: 'Version object > Get version' },
  { method: 'PUT', path: route('/*/versions/*'), action: 'Version object > Update version' },
  { method: 'DELETE', path: route('/*/versions/*'), action: 'Version object > Delete version' },
  { method: 'GET', path: route('/*/webhooks'), action: 'Webhook collection > Get list of webhooks' },
  { method: 'GET', path: route('/*/builds'), action: 'Build collection > Get list of builds' },
  { method: 'POST', path: route('/*/builds'), action: 'Build collection > Build actor' },
  { method: 'GET', path: route('/*/builds/*'), action: 'Build object > Get build' },
  { method: 'POST', path: route('/*/builds/*/abort'), action: 'Abort build > Abort build' },
  { method: 'GET', path: route('/*/runs'), action: 'Run collection > Get list of runs' },
  { method: 'POST', path: route('/*/runs'), action: 'Run collection > Run actor' },
  { method: 'POST', path: route('/*/run-sync'), action: 'Run actor synchronously > With input' },
  { method: 'GET', path: route('/*/run-sync'), action: 'Run actor synchronously > Without input' },
  { method: 'GET', path: route('/*/runs/*'), action: 'Run object > Get run' },
  { method: 'POST', path: route('/*/runs/*/abort'), action: 'Abort run > Abort run' },
  { method: 'POST', path: route('/*/runs/*/metamorph'), action: 'Metamorph run > Metamorph run' },
];

/** `*` stands for one path segment (an id, a `username~name`, a version number). */
function route(rest: string): RegExp {
  return new RegExp(`^/v2/acts${rest.replaceAll('*', SEGMENT)}/?$`);
}

/** The documented action of a request, or undefined for other endpoints (storages, unknown paths, other methods). */
export function documentedAction(method: string, path: string, query: Record<string, unknown> = {}): ActionName | undefined {
  const override = typeof query.method === 'string' ? query.method.toUpperCase() : undefined;
  const effective = override ?? method.toUpperCase();
  return ROUTES.find((candidate) => candidate.method === effective && candidate.path.test(path))?.action;
}
