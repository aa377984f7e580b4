import type { ApiClient, ApiRequest, ApiResponse } from '../common/http.ts';
import type { RateLimitFact } from './facts.ts';

/** Response headers that say how an endpoint limits its callers. */
const RATE_LIMIT_HEADER = /^(x-ratelimit-|retry-after$)/;

/**
 * The probe's view of the target: every request names its endpoint as a path template (`/v2/acts/{actorId}`), so the
 * rate-limit headers are recorded per endpoint, as the platform sets its limits.
 */
export class ProbeClient {
  private readonly limits = new Map<string, Record<string, string>>();

  constructor(readonly api: ApiClient) {}

  async request(template: string, params: Record<string, string>, request: Omit<ApiRequest, 'path'> = {}): Promise<ApiResponse> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`No value for {${name}} in ${template}`);
      return encodeURIComponent(value);
    });
    const response = await this.api.request({ ...request, path });
    const endpoint = `${request.method ?? 'GET'} ${template}`;
    const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => RATE_LIMIT_HEADER.test(name)));
    if (!this.limits.has(endpoint) && Object.keys(headers).length > 0) this.limits.set(endpoint, headers);
    return response;
  }

  /** `METHOD /path?query` of a response's request, as the client describes it (credentials masked). */
  describe(response: ApiResponse): string {
    const url = new URL(response.request.url);
    return `${response.request.method} ${url.pathname}${url.search}`;
  }

  rateLimits(): RateLimitFact[] {
    return [...this.limits].map(([endpoint, headers]) => ({ endpoint, headers })).sort((a, b) => a.endpoint.localeCompare(b.endpoint));
  }
}
