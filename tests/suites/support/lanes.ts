import { type EmbeddedTarget, MAX_WAIT_SECS, startEmbeddedTarget, TOKENS } from './embedded-target.ts';
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts';
import { openSuiteSession, type SuiteSession } from './suite-session.ts';

/** An emulator, a fault proxy in front of it, and the suites pointed at the proxy: one fault at a time runs on it. */
export interface Lane {
  proxy: FaultProxy;
  session: SuiteSession;
}

/**
 * Lanes that run faults side by side. Each has its own emulator, so one lane's bursts and waits never touch another's
 * rate limits or jobs; `use` lends a free lane to one task at a time.
 */
export class LanePool {
  private readonly free: Lane[] = [];
  private readonly waiting: Array<(lane: Lane) => void> = [];

  private constructor(private readonly lanes: Array<Lane & { target: EmbeddedTarget }>) {
    this.free.push(...lanes);
  }

  static async open(count: number): Promise<LanePool> {
    const lanes = await Promise.all(
      Array.from({ length: count }, async () => {
        const target = await startEmbeddedTarget();
        const proxy = await startFaultProxy(target.url, { tokens: TOKENS, maxWaitSecs: MAX_WAIT_SECS });
        const session = await openSuiteSession(target.env(proxy.url));
        return { target, proxy, session };
      }),
    );
    return new LanePool(lanes);
  }

  async use<T>(task: (lane: Lane) => Promise<T>): Promise<T> {
    const lane = this.free.pop() ?? (await new Promise<Lane>((resolve) => this.waiting.push(resolve)));
    try {
      return await task(lane);
    } finally {
      lane.proxy.use(undefined);
      const next = this.waiting.shift();
      if (next) next(lane);
      else this.free.push(lane);
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      this.lanes.map(async ({ session, proxy, target }) => {
        await session.close();
        await proxy.close();
        await target.close();
      }),
    );
  }
}
