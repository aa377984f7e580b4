/**
 * The parts of Dredd 14's hook API the hooks use (Dredd ships no type definitions). Field names and meanings follow
 * dredd/build/TransactionRunner.js, which builds these objects.
 */

export interface TransactionOrigin {
  filename: string;
  apiName: string;
  resourceGroupName: string;
  resourceName: string;
  actionName: string;
  exampleName: string;
}

export interface DreddRequest {
  method: string;
  /** Path and query as sent (relative to the endpoint); Dredd prints it. */
  uri: string;
  headers: Record<string, string>;
  body: string;
  bodyEncoding?: string;
}

export interface ExpectedResponse {
  statusCode?: string;
  headers: Record<string, string>;
  body?: string;
  /** JSON Schema as a string (API Blueprint) or an object. */
  bodySchema?: string | Record<string, unknown>;
}

export interface RealResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
  bodyEncoding?: string;
}

/** The test record Dredd reports; hooks may change it before it is emitted. */
export interface DreddTest {
  status: string;
  title: string;
  message: string;
  valid?: boolean;
  origin?: TransactionOrigin;
}

export interface DreddTransaction {
  /** `Resource group > Resource > Action[ > Example N]` (Dredd drops the API name when it tests one document). */
  name: string;
  id: string;
  origin: TransactionOrigin;
  host: string;
  port: string;
  protocol: string;
  /** Endpoint path prefix plus `request.uri`: what Dredd actually requests. */
  fullPath: string;
  request: DreddRequest;
  expected: ExpectedResponse;
  real?: RealResponse;
  skip: boolean;
  /** Set in a hook to fail the transaction (a string is the reason). */
  fail?: boolean | string;
  test?: DreddTest;
}

export type TransactionHook = (transaction: DreddTransaction, done: () => void) => void;
export type AllTransactionsHook = (transactions: DreddTransaction[], done: () => void) => void;

/** Anything Dredd may hold as a hook; its arity decides how Dredd calls it (1: sync, 2: callback, 0: never). */
export type RegisteredHook = (...args: never[]) => unknown;

export interface DreddHooks {
  before(name: string, hook: TransactionHook): void;
  beforeValidation(name: string, hook: TransactionHook): void;
  after(name: string, hook: TransactionHook): void;
  beforeAll(hook: AllTransactionsHook): void;
  afterAll(hook: AllTransactionsHook): void;
  beforeEach(hook: TransactionHook): void;
  beforeEachValidation(hook: TransactionHook): void;
  afterEach(hook: TransactionHook): void;
  log(message: string): void;
  /** A copy of Dredd's configuration; `endpoint` is the server under test. */
  configuration: { endpoint: string; [option: string]: unknown };
  beforeHooks: Record<string, RegisteredHook[]>;
  beforeValidationHooks: Record<string, RegisteredHook[]>;
  afterHooks: Record<string, RegisteredHook[]>;
  beforeAllHooks: RegisteredHook[];
  afterAllHooks: RegisteredHook[];
  beforeEachHooks: RegisteredHook[];
  beforeEachValidationHooks: RegisteredHook[];
  afterEachHooks: RegisteredHook[];
}
