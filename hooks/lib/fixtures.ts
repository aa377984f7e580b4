import type { RequestQueue } from '../../common/api-types.ts';
import type { ConformanceConfig } from '../../common/config.ts';
import type { Feature } from '../../common/features.ts';
import type {
  ActorRecord,
  CleanupReport,
  DispatchRecord,
  FixtureInput,
  JobRecord,
  StorageKind,
  StorageRecord,
  TaskRecord,
  WebhookRecord,
} from '../../common/fixtures/index.ts';
import { FixtureSession, fixtureRequest, fixtureVersion, OTHER_RECIPE, PLAIN_RECIPE, type SharedActor } from '../../common/fixtures/index.ts';
import type { ApiClient } from '../../common/http.ts';
import { Inconclusive } from '../../common/inconclusive.ts';

/** A run that is RUNNING (its actor sleeps) and the actor it belongs to. */
export interface LiveRun {
  actor: ActorRecord;
  run: JobRecord;
}

/** A request queue made for the hooks, with the requests it holds (the first one as `request`). */
export interface QueueWithRequest {
  queue: RequestQueue;
  request: { id: string; uniqueKey: string; url: string };
  requests: Array<{ id: string; uniqueKey: string; url: string }>;
}

/** A webhook that has fired, with its first dispatch. */
export interface FiredWebhook {
  webhook: WebhookRecord;
  dispatch: DispatchRecord;
}

/** Upper bound on the run time of fixture runs that are meant to be aborted: if cleanup fails, they still stop. */
const LONG_RUN_TIMEOUT_SECS = 900;

/**
 * The fixtures the Dredd transactions run against, all created through the API under test. Shared ones (the main actor,
 * the built actor every run uses, finished runs, the metamorph target, actors that fail or sleep when given no input)
 * are created once, concurrently, on first use; `warmUp` starts them all. Everything that runs or reads a build uses the
 * run's shared actors (common/fixtures/shared-actors.ts): the hooks build nothing of their own but what Build actor and
 * Abort build are about. Fresh ones (a running run to abort, a throwaway actor to delete) are created for each
 * transaction that consumes them, so no transaction depends on another or on document order.
 */
export class HookFixtures {
  readonly session: FixtureSession;
  private readonly shared = new Map<string, Promise<unknown>>();
  private versionCounter = 0;

  constructor(
    api: ApiClient,
    readonly config: ConformanceConfig,
  ) {
    this.session = new FixtureSession(api, config, { scope: 'dredd' });
  }

  /**
   * Starts now the shared fixtures of the features the target implements; a failure surfaces in each transaction that
   * needs that fixture.
   */
  warmUp(isImplemented: (features: Feature[]) => boolean): void {
    const shared: [Feature[], () => Promise<unknown>][] = [
      [['runs'], () => this.runnable()],
      [['runs'], () => this.finishedRun()],
      [['runs.metamorph'], () => this.metamorphTarget()],
      [['runs'], () => this.failingActor()],
      [['runs'], () => this.slowActor()],
      [['tasks'], () => this.finishedTaskRun()],
      [['webhooks.dispatches'], () => this.firedWebhook()],
    ];
    for (const [features, start] of shared) if (isImplemented(features)) void start().catch(() => undefined);
  }

  /**
   * The main actor: fixture code in versions 0.0 (build tag latest) and 1.0 (build tag beta), for the transactions about
   * actors, versions and starting builds. Nothing runs it: what runs uses `runnable()`.
   */
  mainActor(): Promise<ActorRecord> {
    return this.share('main actor', () => this.session.createActor('main', { versions: [fixtureVersion('0.0'), fixtureVersion('1.0', { buildTag: 'beta' })] }));
  }

  /** The run's shared built actor (the plain recipe) and its SUCCEEDED build: what the transactions run and read. */
  runnable(): Promise<SharedActor> {
    return this.share('shared actor', () => this.session.sharedActor(PLAIN_RECIPE));
  }

  /** A SUCCEEDED run of the shared actor, with an OUTPUT record and one dataset item. */
  finishedRun(): Promise<JobRecord> {
    return this.share('finished run', () => this.runToEnd({ output: { finished: true }, items: [{ n: 1 }] }, 'SUCCEEDED'));
  }

  /** The actor a run is metamorphed into, built. */
  metamorphTarget(): Promise<SharedActor> {
    return this.share('metamorph target', () => this.session.sharedActor(OTHER_RECIPE));
  }

  /** An actor whose runs fail (exit code 1) when they get no input: run-sync without input answers 400. */
  failingActor(): Promise<SharedActor> {
    return this.share('failing actor', () => this.session.sharedActor({ name: 'fails', defaults: { exitCode: 1 } }));
  }

  /** An actor whose runs without input outlive the target's run-sync cap: run-sync without input answers 408. */
  slowActor(): Promise<SharedActor> {
    return this.share('slow actor', () => this.session.sharedActor({ name: 'sleeps', defaults: this.outlivesCap() }));
  }

  /** Input that keeps a run going past the target's run-sync and waitForFinish cap. */
  outlivesCap(): FixtureInput {
    return { sleepMillis: (this.longestCapSecs() + 120) * 1000 };
  }

  /** A run timeout (seconds) comfortably longer than `outlivesCap()` sleeps, so the run is still RUNNING at the cap. */
  outlivesCapTimeoutSecs(): number {
    return this.longestCapSecs() + 300;
  }

  /** The longer of the target's two caps: run-sync may hold a request longer than waitForFinish does. */
  private longestCapSecs(): number {
    return Math.max(this.config.maxWaitSecs, this.config.runSyncMaxWaitSecs);
  }

  /** A task of the shared actor whose input is `{"hello": "world"}`. */
  mainTask(): Promise<TaskRecord> {
    return this.share('main task', async () => this.session.createTask((await this.runnable()).actor.id, 'main', { input: { hello: 'world' } }));
  }

  /** A SUCCEEDED run of the main task, with one dataset item. */
  finishedTaskRun(): Promise<JobRecord> {
    return this.share('finished task run', async () => {
      const task = await this.mainTask();
      const started = await this.session.startTaskRun(task.id, { items: [{ n: 1 }] });
      const run = await this.session.waitForRun(String(started.actId), started.id);
      if (run.status !== 'SUCCEEDED') throw new Error(`Fixture task run ${run.id} ended ${run.status}, expected SUCCEEDED`);
      return run;
    });
  }

  /** A task of the shared actor whose runs fail: its input says exit code 1. */
  failingTask(): Promise<TaskRecord> {
    return this.share('failing task', async () => this.session.createTask((await this.runnable()).actor.id, 'fails', { input: { exitCode: 1 } }));
  }

  /** A task of the shared actor whose runs outlive the target's run-sync cap (and do not time out before it). */
  slowTask(): Promise<TaskRecord> {
    return this.share('slow task', async () =>
      this.session.createTask((await this.runnable()).actor.id, 'sleeps', {
        input: { ...this.outlivesCap() },
        options: { timeoutSecs: this.outlivesCapTimeoutSecs() },
      }),
    );
  }

  /** A fresh task of the shared actor, for a transaction that changes or deletes it. */
  async throwawayTask(purpose: string): Promise<TaskRecord> {
    return this.session.createTask((await this.runnable()).actor.id, purpose, { input: { hello: 'world', limit: 10 } });
  }

  /**
   * A webhook on a task of its own that has fired: the task ran and succeeded, and its ACTOR.RUN.SUCCEEDED dispatch is
   * listed. The call goes to the target's own API (items pushed to the finished task run's dataset), which any target
   * can reach.
   */
  firedWebhook(): Promise<FiredWebhook> {
    return this.share('fired webhook', async () => {
      const [{ actor }, receiver] = await Promise.all([this.runnable(), this.finishedTaskRun()]);
      const task = await this.session.createTask(actor.id, 'hooked');
      const webhook = await this.session.createWebhook(this.receiverWebhook({ actorTaskId: task.id }, String(receiver.defaultDatasetId)));
      const run = await this.session.startTaskRun(task.id);
      await this.session.waitForRun(String(run.actId), run.id);
      const [dispatch] = await this.session.waitForDispatches(webhook.id);
      return { webhook, dispatch: dispatch! };
    });
  }

  /** A fresh webhook that never fires (its event never happens), for a transaction that changes or deletes it. */
  async throwawayWebhook(): Promise<WebhookRecord> {
    const receiver = await this.finishedTaskRun();
    // Bound to a run that has ended: even an update that changes its event types makes it fire for nothing else.
    return this.session.createWebhook(this.receiverWebhook({ actorRunId: receiver.id }, String(receiver.defaultDatasetId)));
  }

  /** An ACTOR.RUN.SUCCEEDED webhook whose calls push the payload to a dataset of the target. */
  private receiverWebhook(condition: { actorId?: string; actorTaskId?: string; actorRunId?: string }, datasetId: string) {
    return {
      eventTypes: ['ACTOR.RUN.SUCCEEDED'],
      condition,
      requestUrl: `${this.config.baseUrl}/v2/datasets/${datasetId}/items`,
      doNotRetry: true,
    };
  }

  /** A fresh run of the shared actor, RUNNING (it sleeps until aborted or metamorphed). */
  async runningRun(): Promise<LiveRun> {
    const { actor, build } = await this.runnable();
    const started = await this.session.startRun(
      actor.id,
      { sleepMillis: LONG_RUN_TIMEOUT_SECS * 1000 },
      {
        build: build.buildNumber,
        timeoutSecs: LONG_RUN_TIMEOUT_SECS,
      },
    );
    const run = await this.session.waitForRun(actor.id, started.id, { until: (job) => job.status === 'RUNNING' });
    return { actor, run };
  }

  /** A fresh build of the main actor's version 0.0, just started. */
  async startedBuild(): Promise<{ actor: ActorRecord; build: JobRecord }> {
    const actor = await this.mainActor();
    return { actor, build: await this.session.startBuild(actor.id, { version: '0.0' }) };
  }

  /** A fresh actor for a transaction that changes or deletes it. */
  throwawayActor(purpose: string): Promise<ActorRecord> {
    return this.session.createActor(purpose);
  }

  /** A fresh version of the main actor, for a transaction that deletes it; returns its number. */
  async throwawayVersion(): Promise<{ actor: ActorRecord; versionNumber: string }> {
    const actor = await this.mainActor();
    const version = await this.session.createVersion(actor.id, fixtureVersion(this.nextVersionNumber()));
    return { actor, versionNumber: version.versionNumber };
  }

  /** A named request queue holding the requests `a` and `b`, for the transactions that only read. */
  mainQueue(): Promise<QueueWithRequest> {
    return this.share('main queue', () => this.fixtureQueue('rq-main', ['a', 'b']));
  }

  /** A fresh named request queue for a transaction that changes or deletes it, holding the given requests. */
  async fixtureQueue(purpose: string, uniqueKeys: string[] = ['a']): Promise<QueueWithRequest> {
    const queue = await this.session.createRequestQueue(purpose);
    const requests = [];
    for (const uniqueKey of uniqueKeys)
      requests.push({ ...fixtureRequest(uniqueKey), id: (await this.session.addRequest(queue.id, fixtureRequest(uniqueKey))).requestId });
    return { queue, request: requests[0]!, requests };
  }

  /** A version number no fixture uses yet (9.1, 9.2, ...). */
  nextVersionNumber(): string {
    this.versionCounter += 1;
    return `9.${this.versionCounter}`;
  }

  /** A fresh named key-value store or dataset, for a transaction that reads, changes or deletes it. */
  throwawayStorage(kind: StorageKind, purpose: string): Promise<StorageRecord> {
    return this.session.createStorage(kind, purpose);
  }

  /** A fresh store holding `records` (key, JSON value), for a transaction that reads or deletes them. */
  async storeWithRecords(purpose: string, records: Record<string, unknown>): Promise<StorageRecord> {
    const store = await this.throwawayStorage('key-value-stores', purpose);
    for (const [key, value] of Object.entries(records)) await this.session.putRecord(store.id, key, JSON.stringify(value), 'application/json');
    return store;
  }

  /** A fresh dataset holding `items`. */
  async datasetWithItems(purpose: string, items: readonly Record<string, unknown>[]): Promise<StorageRecord> {
    const dataset = await this.throwawayStorage('datasets', purpose);
    await this.session.pushItems(dataset.id, items);
    return dataset;
  }

  cleanup(): Promise<CleanupReport> {
    return this.session.cleanup();
  }

  private async runToEnd(input: FixtureInput, status: string): Promise<JobRecord> {
    const { actor, build } = await this.runnable();
    const started = await this.session.startRun(actor.id, input, { build: build.buildNumber });
    const run = await this.session.waitForRun(actor.id, started.id);
    if (run.status !== status) throw new Error(`Fixture run ${run.id} ended ${run.status}, expected ${status}`);
    return run;
  }

  private share<T>(name: string, create: () => Promise<T>): Promise<T> {
    let promise = this.shared.get(name) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = create().catch((error: unknown) => {
        // The transactions waiting now share the failure; the next one to need the fixture tries again.
        this.shared.delete(name);
        const message = `Creating the ${name} fixture failed: ${error instanceof Error ? error.message : String(error)}`;
        // By name: a failure another process published comes back as an Error named after the original.
        throw error instanceof Error && error.name === 'Inconclusive' ? new Inconclusive(message) : new Error(message);
      });
      this.shared.set(name, promise);
    }
    return promise;
  }
}
