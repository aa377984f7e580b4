import type { ActionName } from '../../../common/response-schemas.ts';
import { readSpecContract, requestAction } from '../../../common/spec-contract.ts';
import type { ProxyRequest, ProxyResponse } from './fault-proxy.ts';

// Small edits the faults of faults.ts are made of: reading and changing requests and JSON answers.

export type JsonObject = Record<string, unknown>;

const contract = readSpecContract();

export function actionOf(request: ProxyRequest): string | undefined {
  return requestAction(contract, request.method, request.path, request.query.get('method') ?? undefined)?.name;
}

export function isAction(request: ProxyRequest, ...actions: ActionName[]): boolean {
  const action = actionOf(request);
  return action !== undefined && (actions as string[]).includes(action);
}

export const LISTS: ActionName[] = [
  'Actor collection > Get list of actors',
  'Run collection > Get list of runs',
  'Build collection > Get list of builds',
  'Webhook collection > Get list of webhooks',
];

/** A copy of the request with query parameters set (a string) or removed (undefined). */
export function withQuery(request: ProxyRequest, changes: Record<string, string | undefined>): ProxyRequest {
  const query = new URLSearchParams(request.query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) query.delete(name);
    else query.set(name, value);
  }
  return { ...request, query };
}

export function withJsonBody(request: ProxyRequest, body: unknown): ProxyRequest {
  return { ...request, headers: { ...request.headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

/** The request's JSON body when it is a JSON object, else undefined. */
export function jsonObjectOf(request: ProxyRequest): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The token a request carries (Bearer header or `token` query parameter). */
export function tokenOf(request: ProxyRequest): string | undefined {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  return bearer?.[1] ?? request.query.get('token') ?? undefined;
}

/** The same request carrying `token` as a Bearer header, or no token at all. */
export function withToken(request: ProxyRequest, token: string | undefined): ProxyRequest {
  const headers = { ...request.headers };
  delete headers.authorization;
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return { ...withQuery(request, { token: undefined }), headers };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ProxyResponse {
  return { status, headers: { ...headers, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

export function errorResponse(status: number, type: string, message: string): ProxyResponse {
  return jsonResponse(status, { error: { type, message } });
}

export function bodyOf(response: ProxyResponse): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** `data` of a `{data: {...}}` answer, else undefined. */
export function dataOf(response: ProxyResponse): JsonObject | undefined {
  const body = bodyOf(response);
  if (typeof body !== 'object' || body === null || !('data' in body)) return undefined;
  const data = (body as { data: unknown }).data;
  return typeof data === 'object' && data !== null ? (data as JsonObject) : undefined;
}

/** The answer with its `data` object changed by `edit` (left alone when it has none). */
export function editData(response: ProxyResponse, edit: (data: JsonObject) => void): ProxyResponse {
  const data = dataOf(response);
  if (data === undefined) return response;
  edit(data);
  return jsonResponse(response.status, { data }, response.headers);
}

/** The answer with the `error` object of its body changed by `edit`. */
export function editError(response: ProxyResponse, edit: (error: JsonObject) => void): ProxyResponse {
  const body = bodyOf(response) as { error?: JsonObject } | undefined;
  if (body?.error === undefined) return response;
  edit(body.error);
  return jsonResponse(response.status, body, response.headers);
}

/** The job a runs/builds abort request addresses, read (without waiting) with the request's own credentials. */
export function readJobOf(abortRequest: ProxyRequest): ProxyRequest {
  return { ...withQuery(abortRequest, { method: undefined }), method: 'GET', path: abortRequest.path.replace(/\/abort$/, ''), body: Buffer.alloc(0) };
}

export function jobIdOf(request: ProxyRequest): string {
  return /\/(?:runs|builds)\/([^/]+)/.exec(request.path)?.[1] ?? '';
}
