import { check } from '../../common/check.ts';
import type { DispatchRecord, SoloActor } from '../../common/fixtures/index.ts';
import { expectThat } from '../support/expect.ts';
import { poll } from '../support/poll.ts';
import { canReachLocalReceiver, LOCAL_RECEIVER_REASON, type Receiver, startReceiver } from '../support/receiver.ts';
import { type SuiteTarget, sharedActor, soloActor, useTarget } from '../support/target.ts';

// Webhooks fire: one dispatch per matching event, one POST of the payload per call, failed calls retried and recorded.
const SPEC = 'spec/06-webhooks.apib#webhooks';
const target = useTarget();
const { config, fixtures } = target;
const local = { condition: canReachLocalReceiver(config), reason: LOCAL_RECEIVER_REASON };
// The solo actor: nothing but this file runs it meanwhile, so every dispatch of a webhook on it is for this file's runs.
const watched = soloActor(target);
const other = sharedActor(target);
/** Long enough for a dispatch to be made and its calls to be retried (the platform's first retry comes after about a minute). */
const dispatchWaitSecs = config.maxWaitSecs + 90;

/** A webhook of the solo actor for `eventTypes` calling `receiver`, then one run with `input`; the webhook's settled dispatches. */
async function fire(solo: SoloActor, receiver: Receiver, eventTypes: string[], input: Record<string, unknown>): Promise<DispatchRecord[]> {
  const { actor } = solo;
  const webhook = await fixtures.createWebhook({ eventTypes, condition: { actorId: actor.id }, requestUrl: receiver.url });
  const run = await solo.startRun(input);
  await fixtures.waitForRun(actor.id, run.id);
  return fixtures.waitForDispatches(webhook.id, (dispatches) => dispatches.length > 0 && dispatches.every((d) => d.status !== 'ACTIVE'), dispatchWaitSecs);
}

/** Waits a little past the last dispatch, so a second, wrong delivery would have shown up too. */
async function settle(target: SuiteTarget, receiver: Receiver, calls: number): Promise<void> {
  await poll(async () => (receiver.calls.length >= calls ? true : undefined), 50, Date.now() + target.config.maxWaitSecs * 1000);
  await new Promise((resolve) => setTimeout(resolve, 300));
}

check(
  {
    id: 'webhooks.succeeded-fires-once',
    title: 'a succeeding run fires ACTOR.RUN.SUCCEEDED exactly once, as one POST with userId, createdAt, eventType, eventData and resource',
    spec: SPEC,
    features: ['webhooks.dispatches'],
  },
  async () => {
    const receiver = await startReceiver();
    const solo = await watched();
    const { actor } = solo;
    const dispatches = await fire(solo, receiver, ['ACTOR.RUN.SUCCEEDED'], {});
    await settle(target, receiver, 1);
    expectThat(dispatches.length === 1, 'one dispatch', `${dispatches.length}: ${dispatches.map((d) => d.eventType).join(', ')}`);
    expectThat(receiver.calls.length === 1, 'one call to the receiver', `${receiver.calls.length}`);
    const payload = JSON.parse(receiver.calls[0]!.body) as Record<string, unknown>;
    const members = ['userId', 'createdAt', 'eventType', 'eventData', 'resource'];
    expectThat(
      members.every((member) => member in payload) && payload.eventType === 'ACTOR.RUN.SUCCEEDED',
      `a payload with ${members.join(', ')} and eventType ACTOR.RUN.SUCCEEDED`,
      receiver.calls[0]!.body.slice(0, 300),
    );
    const resource = payload.resource as { actId?: string; status?: string };
    expectThat(
      resource.actId === actor.id && resource.status === 'SUCCEEDED',
      `resource: the run of ${actor.id}, SUCCEEDED`,
      JSON.stringify(resource).slice(0, 200),
    );
  },
  { skipUnless: local },
);

check(
  {
    id: 'webhooks.failed-fires-failed-only',
    title: 'a failing run fires ACTOR.RUN.FAILED and not ACTOR.RUN.SUCCEEDED',
    spec: SPEC,
    features: ['webhooks.dispatches'],
  },
  async () => {
    const receiver = await startReceiver();
    const dispatches = await fire(await watched(), receiver, ['ACTOR.RUN.SUCCEEDED', 'ACTOR.RUN.FAILED'], { exitCode: 1 });
    const events = dispatches.map((dispatch) => dispatch.eventType);
    expectThat(events.length === 1 && events[0] === 'ACTOR.RUN.FAILED', 'one ACTOR.RUN.FAILED dispatch', events.join(', ') || 'none');
  },
  { skipUnless: local },
);

check(
  {
    id: 'webhooks.condition-of-another-actor-silent',
    title: "a webhook whose condition names another actor does not fire for this actor's run",
    spec: SPEC,
    features: ['webhooks.dispatches'],
  },
  async () => {
    const receiver = await startReceiver();
    const [{ actor: hooked }, unhooked] = await Promise.all([watched(), other()]);
    const webhook = await fixtures.createWebhook({ eventTypes: ['ACTOR.RUN.SUCCEEDED'], condition: { actorId: hooked.id }, requestUrl: receiver.url });
    const run = await fixtures.startRun(unhooked.id, {});
    await fixtures.waitForRun(unhooked.id, run.id);
    // A correct webhook never fires, so the check waits out a short window for a wrong one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const dispatches = await fixtures.waitForDispatches(webhook.id, () => true);
    expectThat(
      dispatches.length === 0 && receiver.calls.length === 0,
      'no dispatch and no call',
      `${dispatches.length} dispatches, ${receiver.calls.length} calls`,
    );
  },
  { skipUnless: local },
);

check(
  {
    id: 'webhooks.failed-call-retried',
    title: 'a call answered 500 is retried, and the dispatch records each call with its status',
    spec: SPEC,
    features: ['webhooks.dispatches'],
    tags: ['slow'],
  },
  async () => {
    const receiver = await startReceiver((index) => (index === 0 ? 500 : 200));
    const [dispatch] = await fire(await watched(), receiver, ['ACTOR.RUN.SUCCEEDED'], {});
    const statuses = dispatch?.calls?.map((call) => call.responseStatus) ?? [];
    expectThat(
      dispatch?.status === 'SUCCEEDED' && JSON.stringify(statuses) === '[500,200]',
      'a SUCCEEDED dispatch with calls answered 500 then 200',
      `${dispatch?.status ?? 'no dispatch'} with calls ${JSON.stringify(statuses)}`,
    );
    expectThat(receiver.calls.length === 2, 'two calls to the receiver', `${receiver.calls.length}`);
  },
  { skipUnless: local, timeoutMs: (dispatchWaitSecs + 60) * 1000 },
);
