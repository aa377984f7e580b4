import { sleep } from '../../../common/backoff.ts';
import { isTerminalStatus } from '../../../common/job-status.ts';
import { effectiveMethod, type FaultContext, type FaultHandler, type ProxyRequest, type ProxyResponse } from './fault-proxy.ts';
import {
  actionOf,
  bodyOf,
  dataOf,
  editData,
  editError,
  errorResponse,
  isAction,
  type JsonObject,
  jobIdOf,
  jsonObjectOf,
  jsonResponse,
  LISTS,
  readJobOf,
  tokenOf,
  withJsonBody,
  withQuery,
  withToken,
} from './proxy-edits.ts';

/**
 * Targets that each break one documented rule, and the checks that must notice. Each fault is a small, realistic
 * mistake an implementation could make; `breaks` lists the checks whose rule it breaks (other checks may fail too).
 */
export interface SuiteFault {
  id: string;
  breaks: string[];
  handler: FaultHandler;
}

const fault = (id: string, breaks: string[], handler: FaultHandler): SuiteFault => ({ id, breaks, handler });

/** Forwards the request, then changes the answer. */
const answerEdit =
  (
    applies: (request: ProxyRequest) => boolean,
    edit: (response: ProxyResponse, request: ProxyRequest, context: FaultContext) => ProxyResponse | Promise<ProxyResponse>,
  ): FaultHandler =>
  async (request, context) => {
    const response = await context.forward(request);
    return applies(request) ? edit(response, request, context) : response;
  };

/** Changes the request, then forwards it. */
const requestEdit =
  (applies: (request: ProxyRequest, context: FaultContext) => boolean, edit: (request: ProxyRequest, context: FaultContext) => ProxyRequest): FaultHandler =>
  (request, context) =>
    context.forward(applies(request, context) ? edit(request, context) : request);

const isList = (request: ProxyRequest) => isAction(request, ...LISTS);
const listIds = (lists: string[], rule: string) => lists.map((list) => `pagination.${list}-${rule}`);
const isRunRead = (request: ProxyRequest) => isAction(request, 'Run object > Get run');
const isWaitable = (request: ProxyRequest) =>
  isAction(request, 'Run object > Get run', 'Run collection > Run actor', 'Build object > Get build', 'Build collection > Build actor');
const isRunSync = (request: ProxyRequest) => isAction(request, 'Run actor synchronously > With input', 'Run actor synchronously > Without input');
const waitOf = (request: ProxyRequest) => Number(request.query.get('waitForFinish') ?? 0);
const isDispatchList = (request: ProxyRequest) => isAction(request, 'Dispatches collection > Get list of dispatches');
/** Another id of the same shape (17 alphanumerics), for a copy of an item. */
const otherId = (id: string) => `${id.slice(1)}X`.slice(0, 17).padEnd(17, 'X');
const ok = (response: ProxyResponse) => response.status >= 200 && response.status < 300;

/** A faulty server that reports one ending of a run as another: Get run answers `to` where the run is `from`. */
const reportRun = (from: string, to: string) =>
  answerEdit(isRunRead, (response) =>
    editData(response, (run) => {
      if (run.status === from) run.status = to;
    }),
  );

/** Abort handled by the proxy instead of the target: `decide` gets the job as it is and says what to answer. */
const abortFault =
  (kind: 'runs' | 'builds', decide: (job: JsonObject, context: FaultContext) => JsonObject | undefined): FaultHandler =>
  async (request, context) => {
    const action = kind === 'runs' ? 'Abort run > Abort run' : 'Abort build > Abort build';
    if (!isAction(request, action)) return rememberedJobs(request, context);
    const current = await context.forward(readJobOf(request));
    const job = dataOf(current);
    if (!ok(current) || job === undefined) return current;
    const answer = decide(job, context);
    return answer === undefined ? context.forward(request) : jsonResponse(200, { data: answer });
  };

/** Get run and Get build of a job an abort fault changed answer as the fault said, without holding the request. */
async function rememberedJobs(request: ProxyRequest, context: FaultContext): Promise<ProxyResponse> {
  const remembered = context.memory.get(jobIdOf(request)) as JsonObject | undefined;
  if (remembered === undefined || !isAction(request, 'Run object > Get run', 'Build object > Get build')) return context.forward(request);
  return editData(await context.forward(withQuery(request, { waitForFinish: undefined })), (job) => Object.assign(job, remembered));
}

/** The job with `changes`, which later reads of it show as well. */
function changed(job: JsonObject, changes: JsonObject, context: FaultContext): JsonObject {
  context.memory.set(String(job.id), changes);
  return { ...job, ...changes };
}

const aborted = () => ({ status: 'ABORTED', finishedAt: new Date().toISOString() });

export const SUITE_FAULTS: SuiteFault[] = [
  // pagination
  fault(
    'count-off-by-one',
    listIds(['actors', 'runs', 'builds', 'webhooks'], 'count-equals-items'),
    answerEdit(isList, (response) =>
      editData(response, (page) => {
        page.count = Number(page.count) + 1;
      }),
    ),
  ),
  fault(
    'desc-not-echoed',
    listIds(['actors', 'runs', 'builds', 'webhooks'], 'offset-and-desc-echo'),
    answerEdit(isList, (response) =>
      editData(response, (page) => {
        page.desc = false;
      }),
    ),
  ),
  fault(
    'limit-not-clamped',
    listIds(['actors', 'runs', 'builds', 'webhooks'], 'limit-clamped'),
    answerEdit(isList, (response, request) =>
      editData(response, (page) => {
        const requested = Number(request.query.get('limit') ?? 0);
        if (requested > Number(page.limit)) page.limit = requested;
      }),
    ),
  ),
  fault(
    'total-is-page-size',
    listIds(['actors', 'runs', 'builds'], 'total-counts-all'),
    answerEdit(isList, (response) =>
      editData(response, (page) => {
        page.total = (page.items as unknown[]).length;
      }),
    ),
  ),
  fault('desc-ignored', listIds(['actors', 'runs', 'builds'], 'ordered-and-desc-reverses'), async (request, context) => {
    const desc = request.query.get('desc');
    if (!isList(request) || (desc !== 'true' && desc !== '1')) return context.forward(request);
    return editData(await context.forward(withQuery(request, { desc: undefined })), (page) => {
      page.desc = true;
    });
  }),
  fault('offset-ignored', listIds(['runs', 'builds'], 'pages-concatenate'), async (request, context) => {
    const offset = request.query.get('offset');
    if (!isList(request) || offset === null) return context.forward(request);
    return editData(await context.forward(withQuery(request, { offset: undefined })), (page) => {
      page.offset = Number(offset);
    });
  }),
  fault('my-ignored', ['pagination.my-keeps-only-own'], async (request, context) => {
    const own = await context.forward(request);
    const my = request.query.get('my');
    if (!isAction(request, 'Actor collection > Get list of actors') || (my !== '1' && my !== 'true') || context.tokens.second === undefined) return own;
    const others = dataOf(await context.forward(withToken(request, context.tokens.second)));
    return editData(own, (page) => {
      const items = [...(page.items as unknown[]), ...((others?.items as unknown[]) ?? [])];
      Object.assign(page, { items, count: items.length, total: Number(page.total) + Number(others?.total ?? 0) });
    });
  }),

  // method override
  fault(
    'method-override-ignored',
    ['method-override.post-starts-run', 'method-override.post-aborts-run', 'method-override.put-updates-actor', 'method-override.delete-deletes-actor'],
    requestEdit(
      (request) => request.query.has('method'),
      (request) => withQuery(request, { method: undefined }),
    ),
  ),
  fault(
    'method-not-allowed-as-404',
    ['method-override.disallowed-method-405'],
    answerEdit(
      () => true,
      (response) => (response.status === 405 ? errorResponse(404, 'record-not-found', 'Nothing here') : response),
    ),
  ),

  // rate limits
  fault('rate-limit-off', ['rate-limit.burst-gets-429'], async (request, context) => {
    for (let attempt = 0; ; attempt += 1) {
      const response = await context.forward(request);
      if (response.status !== 429 || attempt === 100) return response;
      await sleep(50 + Math.random() * 200);
    }
  }),
  fault(
    'rate-limit-wrong-type',
    ['rate-limit.burst-gets-429'],
    answerEdit(
      () => true,
      (response) =>
        response.status === 429
          ? editError(response, (error) => {
              error.type = 'too-many-requests';
            })
          : response,
    ),
  ),
  fault('rate-limit-never-recovers', ['rate-limit.backoff-succeeds'], async (request, context) => {
    const key = `${effectiveMethod(request)} ${actionOf(request) ?? request.path} ${tokenOf(request)}`;
    if (context.memory.has(key)) return errorResponse(429, 'rate-limit-exceeded', 'You have exceeded the rate limit');
    const response = await context.forward(request);
    if (response.status === 429) context.memory.set(key, true);
    return response;
  }),

  // waitForFinish
  fault(
    'default-wait-is-cap',
    ['wait-for-finish.run-default-returns-at-once'],
    requestEdit(
      (request) => isAction(request, 'Run object > Get run', 'Run collection > Run actor') && !request.query.has('waitForFinish'),
      (request, context) => withQuery(request, { waitForFinish: String(context.maxWaitSecs) }),
    ),
  ),
  fault(
    'wait-ignored',
    [
      'wait-for-finish.run-terminal-when-job-ends-first',
      'wait-for-finish.run-returns-when-wait-ends',
      'wait-for-finish.run-clamped-to-cap',
      'wait-for-finish.build-held-until-end-or-wait',
    ],
    requestEdit(isWaitable, (request) => withQuery(request, { waitForFinish: undefined })),
  ),
  fault(
    'wait-returns-early',
    ['wait-for-finish.run-returns-when-wait-ends'],
    requestEdit(
      (request) => isWaitable(request) && waitOf(request) > 0,
      (request) => withQuery(request, { waitForFinish: String(Math.floor(waitOf(request) / 2)) }),
    ),
  ),
  fault(
    'cap-below-documented',
    ['wait-for-finish.run-clamped-to-cap'],
    requestEdit(
      (request) => isWaitable(request) && waitOf(request) > 0,
      (request, context) => withQuery(request, { waitForFinish: String(Math.min(waitOf(request), Math.floor(context.maxWaitSecs / 2))) }),
    ),
  ),
  fault(
    'build-actor-slow',
    ['wait-for-finish.build-default-returns-at-once'],
    answerEdit(
      (request) => isAction(request, 'Build collection > Build actor') && !request.query.has('waitForFinish'),
      async (response, _request, context) => {
        await sleep(context.maxWaitSecs * 1000);
        return response;
      },
    ),
  ),
  fault('wait-above-cap-rejected', ['wait-for-finish.build-clamped-to-cap'], async (request, context) => {
    if (isWaitable(request) && waitOf(request) > context.maxWaitSecs)
      return errorResponse(400, 'invalid-value', `waitForFinish must be at most ${context.maxWaitSecs}`);
    return context.forward(request);
  }),

  // abort
  fault(
    'abort-ignored',
    ['abort.running-run-ends-aborted', 'abort.started-run-ends-aborted'],
    abortFault('runs', (job) => (isTerminalStatus(job.status) ? undefined : job)),
  ),
  fault(
    'abort-does-not-stop-code',
    ['abort.aborted-code-stops'],
    abortFault('runs', (job, context) => (isTerminalStatus(job.status) ? undefined : changed(job, aborted(), context))),
  ),
  fault(
    'abort-finished-run-changes-status',
    ['abort.succeeded-run-unchanged', 'abort.failed-run-unchanged', 'abort.timed-out-run-unchanged', 'abort.aborted-run-unchanged'],
    abortFault('runs', (job, context) => (isTerminalStatus(job.status) ? changed(job, aborted(), context) : undefined)),
  ),
  fault(
    'abort-finished-run-changes-later',
    ['abort.succeeded-run-unchanged', 'abort.failed-run-unchanged', 'abort.timed-out-run-unchanged', 'abort.aborted-run-unchanged'],
    abortFault('runs', (job, context) => {
      if (!isTerminalStatus(job.status)) return undefined;
      changed(job, aborted(), context);
      return job;
    }),
  ),
  fault(
    'abort-finished-build-changes-status',
    ['abort.finished-build-unchanged'],
    abortFault('builds', (job, context) => (isTerminalStatus(job.status) ? changed(job, aborted(), context) : undefined)),
  ),
  fault(
    'build-abort-ignored',
    ['abort.running-build-ends-aborted'],
    abortFault('builds', (job) => (isTerminalStatus(job.status) ? undefined : job)),
  ),

  // lifecycle
  fault(
    'status-skips-back',
    ['lifecycle.statuses-move-forward'],
    answerEdit(isRunRead, (response, _request, context) =>
      editData(response, (run) => {
        if (!isTerminalStatus(run.status)) return;
        const reads = Number(context.memory.get(String(run.id)) ?? 0) + 1;
        context.memory.set(String(run.id), reads);
        if (reads === 2) Object.assign(run, { status: 'RUNNING', finishedAt: null });
      }),
    ),
  ),
  fault(
    'finished-at-missing',
    ['lifecycle.finished-at-when-terminal'],
    answerEdit(isRunRead, (response) =>
      editData(response, (run) => {
        run.finishedAt = null;
      }),
    ),
  ),
  fault('exit-code-ignored', ['lifecycle.exit-code-decides'], reportRun('FAILED', 'SUCCEEDED')),
  fault('timed-out-reported-as-failed', ['lifecycle.timeout-times-out'], reportRun('TIMED-OUT', 'FAILED')),
  fault(
    'timeout-not-enforced',
    ['lifecycle.timeout-times-out'],
    requestEdit(
      (request) => isAction(request, 'Run collection > Run actor'),
      (request) => withQuery(request, { timeout: undefined }),
    ),
  ),
  fault(
    'input-content-type-lost',
    ['lifecycle.input-stored-with-content-type'],
    requestEdit(
      (request) => isAction(request, 'Run collection > Run actor'),
      (request) => ({ ...request, headers: { ...request.headers, 'content-type': 'text/plain' } }),
    ),
  ),
  fault(
    'metamorph-new-run-id',
    ['lifecycle.metamorph-keeps-run-id'],
    answerEdit(
      (request) => isAction(request, 'Metamorph run > Metamorph run'),
      (response) =>
        editData(response, (run) => {
          run.id = 'NewRunId000000000';
        }),
    ),
  ),
  fault(
    'metamorph-drops-input',
    ['lifecycle.metamorph-stores-input'],
    requestEdit(
      (request) => isAction(request, 'Metamorph run > Metamorph run'),
      (request) => {
        const headers = { ...request.headers };
        delete headers['content-type'];
        return { ...request, headers, body: Buffer.alloc(0) };
      },
    ),
  ),

  // run-sync
  fault(
    'run-sync-wraps-output',
    ['run-sync.post-returns-output-record', 'run-sync.output-record-key', 'run-sync.get-runs-without-input'],
    answerEdit(isRunSync, (response) => (response.status === 201 ? jsonResponse(201, { data: bodyOf(response) ?? response.body.toString('utf8') }) : response)),
  ),
  fault(
    'run-sync-forces-json',
    ['run-sync.keeps-record-content-type'],
    answerEdit(isRunSync, (response) => ({ ...response, headers: { ...response.headers, 'content-type': 'application/json' } })),
  ),
  fault(
    'output-record-key-ignored',
    ['run-sync.output-record-key'],
    requestEdit(isRunSync, (request) => withQuery(request, { outputRecordKey: undefined })),
  ),
  fault(
    'run-sync-get-200',
    ['run-sync.get-runs-without-input'],
    answerEdit(
      (request) => isAction(request, 'Run actor synchronously > Without input'),
      (response) => (response.status === 201 ? { ...response, status: 200 } : response),
    ),
  ),
  fault(
    'run-sync-failed-as-201',
    ['run-sync.failed-run-400'],
    answerEdit(isRunSync, (response) => (response.status === 400 ? jsonResponse(201, {}) : response)),
  ),
  fault(
    'run-sync-timeout-as-200',
    ['run-sync.timeout-408'],
    answerEdit(isRunSync, (response) => (response.status === 408 ? jsonResponse(200, {}) : response)),
  ),

  // auth
  fault(
    'token-not-required',
    ['auth.token-required', 'auth.token-required-to-change'],
    requestEdit(
      (request) => tokenOf(request) === undefined,
      (request, context) => withToken(request, context.tokens.main),
    ),
  ),
  fault(
    'unknown-token-accepted',
    ['auth.invalid-token-rejected'],
    requestEdit(
      (request, context) => isStranger(request, context),
      (request, context) => withToken(request, context.tokens.main),
    ),
  ),
  fault(
    'bearer-ignored',
    ['auth.query-and-bearer'],
    requestEdit(
      (request) => request.headers.authorization !== undefined,
      (request) => withToken(request, undefined),
    ),
  ),
  fault('run-requires-token', ['auth.run-and-build-readable-without-token'], async (request, context) => {
    if (isAction(request, 'Run object > Get run', 'Build object > Get build') && tokenOf(request) === undefined)
      return errorResponse(401, 'token-not-provided', 'Authentication token was not provided');
    return context.forward(request);
  }),
  fault('other-users-actor-visible', ['auth.other-users-actor-invisible', 'auth.other-users-actor-unchangeable'], async (request, context) => {
    const response = await context.forward(request);
    const byOtherUser =
      tokenOf(request) === context.tokens.second && isAction(request, 'Actor object > Get actor', 'Actor object > Update actor', 'Actor object > Delete actor');
    return byOtherUser && response.status === 404 ? context.forward(withToken(request, context.tokens.main)) : response;
  }),

  // errors
  fault(
    'not-found-wrong-type',
    ['errors.unknown-ids-404'],
    answerEdit(
      () => true,
      (response) =>
        response.status === 404
          ? editError(response, (error) => {
              error.type = error.type === 'record-not-found' ? 'not-found' : error.type;
            })
          : response,
    ),
  ),
  fault(
    'unknown-path-200',
    ['errors.unknown-path-404'],
    answerEdit(
      (request) => actionOf(request) === undefined,
      (response) => {
        const type = (bodyOf(response) as { error?: { type?: unknown } } | undefined)?.error?.type;
        return response.status === 404 && type === 'page-not-found' ? jsonResponse(200, { data: {} }) : response;
      },
    ),
  ),
  fault(
    'malformed-json-accepted',
    ['errors.malformed-json-400'],
    requestEdit(
      (request) => request.body.length > 0 && /json/.test(request.headers['content-type'] ?? '') && !parses(request.body),
      (request) => withJsonBody(request, {}),
    ),
  ),
  fault(
    'non-object-body-accepted',
    ['errors.non-object-body-400'],
    requestEdit(
      (request) => request.body.length > 0 && parses(request.body) && jsonObjectOf(request) === undefined,
      (request) => withJsonBody(request, {}),
    ),
  ),
  fault(
    'incomplete-version-accepted',
    ['errors.incomplete-version-400'],
    requestEdit(
      (request) => isAction(request, 'Version collection > Create version'),
      (request) => withJsonBody(request, { versionNumber: '3.9', sourceType: 'SOURCE_CODE', ...jsonObjectOf(request) }),
    ),
  ),

  // round trips
  fault(
    'create-actor-drops-description',
    ['round-trip.actor-create-read'],
    requestEdit(
      (request) => isAction(request, 'Actor collection > Create actor'),
      (request) => withJsonBody(request, { ...jsonObjectOf(request), description: undefined }),
    ),
  ),
  fault(
    'update-actor-wipes-fields',
    ['round-trip.actor-partial-update'],
    requestEdit(
      (request) => isAction(request, 'Actor object > Update actor'),
      (request) => withJsonBody(request, { title: null, description: null, restartOnError: null, ...jsonObjectOf(request) }),
    ),
  ),
  fault('tilde-not-resolved', ['round-trip.tilde-name-resolves'], async (request, context) =>
    request.path.includes('~') ? errorResponse(404, 'record-not-found', 'Actor was not found') : context.forward(request),
  ),
  fault(
    'create-version-drops-build-tag',
    ['round-trip.version-create-read'],
    requestEdit(
      (request) => isAction(request, 'Version collection > Create version'),
      (request) => withJsonBody(request, { ...jsonObjectOf(request), buildTag: undefined }),
    ),
  ),
  fault(
    'update-version-wipes-fields',
    ['round-trip.version-partial-update'],
    requestEdit(
      (request) => isAction(request, 'Version object > Update version'),
      (request) => withJsonBody(request, { sourceFiles: [], envVars: null, ...jsonObjectOf(request) }),
    ),
  ),
  // tasks, webhooks, last run, logs, users
  fault(
    'task-input-not-merged',
    ['tasks.run-input-overrides-task-input'],
    answerEdit(
      (request) => request.method === 'GET' && request.path.endsWith('/records/INPUT'),
      (response) => {
        const { note: _dropped, ...rest } = (bodyOf(response) ?? {}) as JsonObject;
        return jsonResponse(response.status, rest);
      },
    ),
  ),
  fault(
    'task-input-wrapped',
    ['tasks.input-is-bare'],
    answerEdit(
      (request) => isAction(request, 'Task input object > Get task input'),
      (response) => jsonResponse(response.status, { data: bodyOf(response) }),
    ),
  ),
  fault(
    'task-input-update-replaces',
    ['tasks.input-update-merges'],
    answerEdit(
      (request) => isAction(request, 'Task input object > Update task input'),
      (response, request) => jsonResponse(response.status, jsonObjectOf(request) ?? {}),
    ),
  ),
  fault(
    'task-run-forgets-task',
    ['tasks.run-records-task'],
    answerEdit(isRunRead, (response) =>
      editData(response, (run) => {
        run.actorTaskId = null;
      }),
    ),
  ),
  fault(
    'task-run-sync-failure-as-201',
    ['tasks.run-sync-answers-like-actor'],
    answerEdit(
      (request) => isAction(request, 'Run task synchronously > Run task synchronously (POST)'),
      (response) => (response.status === 400 ? jsonResponse(201, {}) : response),
    ),
  ),
  fault(
    'webhook-fires-twice',
    ['webhooks.succeeded-fires-once'],
    answerEdit(isDispatchList, (response) =>
      editData(response, (page) => {
        page.items = (page.items as JsonObject[]).flatMap((item) => [item, { ...item, id: otherId(String(item.id)) }]);
      }),
    ),
  ),
  fault(
    'webhook-fires-succeeded-on-failure',
    ['webhooks.failed-fires-failed-only'],
    answerEdit(isDispatchList, (response) =>
      editData(response, (page) => {
        for (const item of page.items as JsonObject[]) item.eventType = 'ACTOR.RUN.SUCCEEDED';
      }),
    ),
  ),
  fault(
    'webhook-condition-ignored',
    ['webhooks.condition-of-another-actor-silent'],
    answerEdit(isDispatchList, (response, request) =>
      editData(response, (page) => {
        const items = page.items as JsonObject[];
        if (items.length > 0) return;
        const webhookId = request.path.split('/')[3] ?? '';
        const at = new Date().toISOString();
        items.push({
          id: otherId(webhookId),
          createdAt: at,
          webhookId,
          userId: webhookId,
          status: 'SUCCEEDED',
          eventType: 'ACTOR.RUN.SUCCEEDED',
          eventData: { actorId: webhookId },
          calls: [],
        });
        page.count = items.length;
        page.total = items.length;
      }),
    ),
  ),
  fault(
    'webhook-not-retried',
    ['webhooks.failed-call-retried'],
    answerEdit(isDispatchList, (response) =>
      editData(response, (page) => {
        for (const item of page.items as JsonObject[]) {
          item.calls = ((item.calls as JsonObject[] | null) ?? []).slice(0, 1);
          item.status = 'FAILED';
        }
      }),
    ),
  ),
  fault(
    'dispatch-object-differs',
    ['webhooks.dispatch-list-and-object-agree'],
    answerEdit(
      (request) => isAction(request, 'Webhook dispatch object > Get webhook dispatch'),
      (response) =>
        editData(response, (dispatch) => {
          dispatch.status = 'FAILED';
        }),
    ),
  ),
  fault('dispatches-of-other-users-readable', ['webhooks.dispatches-private'], async (request, context) =>
    context.forward(
      tokenOf(request) === context.tokens.second && isAction(request, 'Webhook dispatch object > Get webhook dispatch')
        ? withToken(request, context.tokens.main)
        : request,
    ),
  ),
  fault(
    'webhook-idempotency-ignored',
    ['webhooks.idempotency-key-one-webhook'],
    requestEdit(
      (request) => isAction(request, 'Webhook list > Create webhook'),
      (request) => withJsonBody(request, { ...jsonObjectOf(request), idempotencyKey: undefined }),
    ),
  ),
  fault(
    'last-run-ignores-status',
    ['last-run.status-filter'],
    requestEdit(
      (request) => isAction(request, 'Last run object and its storages > Get last run'),
      (request) => withQuery(request, { status: undefined }),
    ),
  ),
  fault(
    'log-stream-ignored',
    ['logs.stream-follows-run'],
    requestEdit(
      (request) => isAction(request, 'Log > Get log'),
      (request) => withQuery(request, { stream: undefined }),
    ),
  ),
  fault('users-me-is-main-user', ['users.me-is-token-user'], async (request, context) =>
    context.forward(isAction(request, 'Private data > Get private user data') ? withToken(request, context.tokens.main) : request),
  ),
  fault(
    'user-public-data-leaks-email',
    ['users.public-data-without-private'],
    answerEdit(
      (request) => isAction(request, 'Public data > Get public user data'),
      (response) =>
        editData(response, (user) => {
          user.email = 'leaked@example.com';
        }),
    ),
  ),
];

/** A request with a token that belongs to none of the target's users. */
function isStranger(request: ProxyRequest, context: FaultContext): boolean {
  const token = tokenOf(request);
  return token !== undefined && token !== context.tokens.main && token !== context.tokens.second;
}

function parses(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
