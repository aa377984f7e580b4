import type { ApiClient, ApiRequest, ApiResponse } from '../../common/http.ts';
import { isJsonMediaType } from '../../common/http.ts';
import { type BodyRule, responseBodyRule } from '../../common/response-schemas.ts';
import { validate } from '../../common/schemas.ts';
import { readSpecContract, requestAction } from '../../common/spec-contract.ts';
import { CheckFailure, describeResponse } from './expect.ts';

const contract = readSpecContract();

/**
 * A client whose every response body is validated against what the spec documents for it, before anyone reads it: the
 * documented action's schema for its status, the error envelope for any 4xx/5xx. The suites and their fixtures' set-up
 * use only such clients, so no body reaches a check unvalidated; clean-up, which judges nothing, does not. A violation
 * throws CheckFailure naming the action, the schema errors and the request.
 */
export function withSchemaValidation(api: ApiClient): ApiClient {
  return {
    baseUrl: api.baseUrl,
    redactor: api.redactor,
    url: (path, query) => api.url(path, query),
    async request<T>(request: ApiRequest): Promise<ApiResponse<T>> {
      const response = await api.request<T>(request);
      const action = requestAction(contract, request.method ?? 'GET', request.path, request.query?.method)?.name;
      const rule: BodyRule | undefined = action
        ? responseBodyRule(action, response.status)
        : response.status >= 400
          ? { kind: 'json', schema: 'error' }
          : undefined;
      const problem = rule && bodyProblem(rule, response);
      if (problem) {
        const what = action ? `the HTTP ${response.status} body of "${action}"` : `an HTTP ${response.status} error body`;
        throw new CheckFailure(`expected ${what} to be ${describeRule(rule)}; got ${problem}\n  ${describeResponse(response)}`);
      }
      return response;
    },
  };
}

function describeRule(rule: BodyRule): string {
  if (rule.kind === 'no-body') return 'empty';
  if (rule.kind === 'any-json') return 'a JSON document (when its Content-Type says JSON)';
  if (rule.kind === 'any') return 'any body';
  if (rule.kind === 'json-if-json') return `a body matching schemas/${rule.schema}.json when its Content-Type says JSON`;
  if (rule.kind === 'text') return 'plain text (Content-Type text/plain)';
  return `a JSON body matching schemas/${rule.schema}.json`;
}

/** What is wrong with the body under the rule, or undefined. */
function bodyProblem(rule: BodyRule, response: ApiResponse): string | undefined {
  if (rule.kind === 'no-body') return response.text === '' ? undefined : `${response.text.length} characters of body`;
  if (rule.kind === 'any') return undefined;
  if (rule.kind === 'text')
    return /^text\/plain\b/i.test(response.headers['content-type'] ?? '') ? undefined : `Content-Type ${response.headers['content-type'] ?? '(none)'}`;
  const json = isJsonMediaType(response.headers['content-type']);
  if (rule.kind === 'json-if-json' && !json) return undefined;
  if (rule.kind === 'any-json') return json && response.jsonError ? `unparsable JSON (${response.jsonError})` : undefined;
  if (!json) return `Content-Type ${response.headers['content-type'] ?? '(none)'}`;
  if (response.body === undefined) return response.jsonError ? `unparsable JSON (${response.jsonError})` : 'an empty body';
  const result = validate(rule.schema, response.body);
  return result.ok ? undefined : result.errors.slice(0, 5).join('; ');
}
