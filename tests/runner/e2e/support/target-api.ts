/** The few calls the end-to-end tests make on a separately started target, to see what a run left on it. */
export interface ActorListItem {
  id: string;
  name: string;
  [member: string]: unknown;
}

export class TargetApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Every actor the token's user owns, oldest first. */
  async listOwnActors(): Promise<ActorListItem[]> {
    const body = await this.call('GET', '/v2/acts?my=1&limit=1000', 200);
    return (body as { data: { items: ActorListItem[] } }).data.items;
  }

  async createActor(name: string): Promise<ActorListItem> {
    const body = await this.call('POST', '/v2/acts', 201, { name, description: 'planted by tests/runner/e2e' });
    return (body as { data: ActorListItem }).data;
  }

  private async call(method: string, path: string, expectedStatus: number, json?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    if (response.status !== expectedStatus) throw new Error(`${method} ${path}: expected HTTP ${expectedStatus}, got ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  }
}
