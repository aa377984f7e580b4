// The reference model of one request queue under the 2020 operations, written from spec/05-request-queues.apib alone
// (the suites never share code with an implementation): requests by uniqueKey, queue order with forefront, handled
// requests out of the head, counts, and whether a second client has called.

export interface ModelRequest {
  /** The id the target gave the request, once it has answered the add. */
  id: string | undefined;
  handled: boolean;
  /** Queue position: forefront places get ever smaller numbers, others ever larger. */
  order: number;
  userData: Record<string, unknown>;
}

export class QueueModel {
  readonly requests = new Map<string, ModelRequest>();
  private first = 0;
  private last = 0;
  private readonly clients = new Set<string>();

  /** Add request: a new key joins the queue; a known key changes nothing. Returns the flags the answer must carry. */
  add(key: string, forefront: boolean, userData: Record<string, unknown>): { wasAlreadyPresent: boolean; wasAlreadyHandled: boolean } {
    const known = this.requests.get(key);
    if (known !== undefined) return { wasAlreadyPresent: true, wasAlreadyHandled: known.handled };
    this.requests.set(key, { id: undefined, handled: false, order: this.place(forefront), userData });
    return { wasAlreadyPresent: false, wasAlreadyHandled: false };
  }

  /** Update request: handled leaves the head; unhandled goes back in, at the front with forefront, else at the end. */
  update(key: string, handled: boolean, forefront: boolean, userData: Record<string, unknown>): { wasAlreadyPresent: boolean; wasAlreadyHandled: boolean } {
    const request = this.mustHave(key);
    const wasAlreadyHandled = request.handled;
    request.handled = handled;
    request.userData = userData;
    if (!handled) request.order = this.place(forefront);
    return { wasAlreadyPresent: true, wasAlreadyHandled };
  }

  delete(key: string): void {
    this.mustHave(key);
    this.requests.delete(key);
  }

  /** The keys of the head: unhandled requests in queue order, at most `limit`. */
  head(limit: number): string[] {
    return [...this.requests.entries()]
      .filter(([, request]) => !request.handled)
      .sort(([, a], [, b]) => a.order - b.order)
      .slice(0, limit)
      .map(([key]) => key);
  }

  counts(): { totalRequestCount: number; handledRequestCount: number; pendingRequestCount: number } {
    const total = this.requests.size;
    const handled = [...this.requests.values()].filter((request) => request.handled).length;
    return { totalRequestCount: total, handledRequestCount: handled, pendingRequestCount: total - handled };
  }

  /** Records a call with a clientKey. */
  calledBy(clientKey: string): void {
    this.clients.add(clientKey);
  }

  get hadMultipleClients(): boolean {
    return this.clients.size > 1;
  }

  keys(): string[] {
    return [...this.requests.keys()];
  }

  private mustHave(key: string): ModelRequest {
    const request = this.requests.get(key);
    if (request === undefined) throw new Error(`the sequence addresses ${key}, which the model does not hold`);
    return request;
  }

  private place(forefront: boolean): number {
    if (forefront) {
      this.first -= 1;
      return this.first;
    }
    this.last += 1;
    return this.last;
  }
}
