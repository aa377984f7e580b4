// Our schemas and the spec describe the same bodies: the spec's own examples pass our schema
// for their action and status, and samples of our schemas pass the schema Dredd compiles from the spec. A
// failure names the transaction, the status and the side that disagrees.
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  actionName,
  checkRequestBody,
  checkResponseBody,
  isActionName,
  REQUEST_BODIES,
  RESPONSE_BODIES,
  responseBodyRule,
} from '../../common/response-schemas.ts';
import { fake } from '../../common/schemas.ts';
import { type CompiledTransaction, compileSpec } from './compiled-spec.ts';

const SAMPLES_PER_RESPONSE = 20;

const spec = await compileSpec();

const transactions = spec.transactions.map((transaction) => [transaction.name, transaction] as const);
const actionOf = (transaction: CompiledTransaction): string => actionName(transaction.origin.resourceName, transaction.origin.actionName);

// Dredd drops a transaction it cannot build a URI for, but still names its action in the annotation it logs.
const specActions = [
  ...new Set([
    ...spec.transactions.map(actionOf),
    ...spec.annotations.flatMap((annotation) => (annotation.origin ? [actionName(annotation.origin.resourceName, annotation.origin.actionName)] : [])),
  ]),
];

/** The drafter-generated schemas, validated the way Gavel would: draft-07, formats known, nothing stricter. */
const dreddAjv = new Ajv({ allErrors: true, strict: false });
formatsModule.default(dreddAjv);

describe('the spec as Dredd compiles it', () => {
  it('compiles without errors', () => {
    const errors = spec.annotations.filter((annotation) => annotation.type === 'error');
    expect(errors.map((annotation) => `${annotation.component}: ${annotation.message}`)).toEqual([]);
    expect(spec.transactions.length).toBeGreaterThan(0);
  });

  it.each(specActions)('the spec action %s has a row in common/response-schemas.ts', (action) => {
    expect(isActionName(action), `no row for "${action}"`).toBe(true);
  });

  it('every row of common/response-schemas.ts is an action of the spec', () => {
    expect(Object.keys(RESPONSE_BODIES).filter((action) => !specActions.includes(action))).toEqual([]);
  });
});

describe("the spec's example bodies pass our schema for their action and status", () => {
  it.each(transactions)('%s', (name, transaction) => {
    const action = actionOf(transaction);
    const status = Number(transaction.response.status);
    expect(isActionName(action) ? RESPONSE_BODIES[action] : {}, `${name}: our table documents no ${status}`).toHaveProperty(String(status));
    const result = checkResponseBody(action, status, transaction.response.body ?? '');
    expect(result, `${name} ${status}: the spec's example fails our schema`).toEqual({ ok: true });
  });
});

describe('samples of our schemas pass the schema Dredd compiled from the spec', () => {
  const withSchema = transactions.filter(([, transaction]) => transaction.response.schema !== undefined);
  it.each(withSchema)('%s', (name, transaction) => {
    const status = Number(transaction.response.status);
    const rule = responseBodyRule(actionOf(transaction), status);
    expect(rule, `${name}: no rule for ${status}`).toBeDefined();
    // Run-sync's 201 is the OUTPUT record as stored: any JSON, so there is no schema of ours to sample.
    if (rule?.kind !== 'json') return;
    const dreddSchema: unknown = JSON.parse(transaction.response.schema ?? '');
    const check = dreddAjv.compile(dreddSchema as object);
    const disagreements: string[] = [];
    for (let seed = 1; seed <= SAMPLES_PER_RESPONSE; seed += 1) {
      const sample = fake(rule.schema, { seed });
      if (!check(sample)) disagreements.push(`seed ${seed}: ${dreddAjv.errorsText(check.errors, { dataVar: 'body' })}`);
    }
    expect(disagreements, `${name} ${status}: samples of schemas/${rule.schema}.json fail the spec's schema`).toEqual([]);
  });
});

describe("the spec's request bodies pass our request schemas", () => {
  it.each(Object.keys(REQUEST_BODIES))('%s', (action) => {
    const sent = spec.transactions.filter((transaction) => actionOf(transaction) === action);
    expect(
      sent.map((transaction) => transaction.name),
      `Dredd compiles no transaction of ${action}`,
    ).not.toEqual([]);
    for (const transaction of sent) {
      expect(transaction.request.body, `${transaction.name}: the spec sends no request body`).not.toBe('');
      expect(checkRequestBody(action, transaction.request.body), `${transaction.name}: the spec's request body fails our schema`).toEqual({
        ok: true,
      });
    }
  });
});
