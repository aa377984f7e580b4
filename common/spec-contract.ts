import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceConfig } from './config.ts';
import { type Feature, implementsAll, isFeature } from './features.ts';
import { OUTWAITS_RUN_SYNC, outwaitSkipReason } from './outwaits.ts';
import { isSelected } from './selection.ts';

/**
 * What the spec documents, read from its files (spec/*.apib, one per API group): each action with its group, method,
 * path template and responses, the error statuses and types of the general "Errors" section, and the response headers
 * it names. It is the one source of what is documented: the runner plans progress, coverage and drift from it, and the
 * suites match every response they receive to the action it documents.
 */
export interface DocumentedResponse {
  status: number;
  /** Lower-case names of the headers the response documents (Content-Type included when given). */
  headers: string[];
}

export interface DocumentedAction {
  /** `<Resource> > <Action>`, as Dredd's origin names it and common/response-schemas.ts keys it. */
  name: string;
  /** The `# Group` the action is documented in, e.g. `Actors`. */
  group: string;
  /** The spec file that documents it, relative to the project, e.g. `spec/01-actors.apib`. */
  file: string;
  /** What it exercises (common/features.ts): its resource's `Features:` line, plus its own. */
  features: Feature[];
  method: string;
  /** Path template without the query part, e.g. `/v2/acts/{actorId}/runs/{runId}`. */
  path: string;
  /** One entry per documented request/response pair (one Dredd transaction each). */
  responses: DocumentedResponse[];
}

export interface SpecContract {
  /** The title every spec file shares: the first part of every Dredd transaction name. */
  apiName: string;
  actions: DocumentedAction[];
  /** Statuses the general "Errors" section allows on any action. */
  errorStatuses: number[];
  /** Every error type the document names (the Errors table and the error examples). */
  errorTypes: string[];
  /** Every response header the document names, lower-case. */
  headers: string[];
}

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const SPEC_DIR = path.join(PROJECT_ROOT, 'spec');

/** The spec's files in document order (`00-overview.apib`, `01-actors.apib`, ...), as Dredd is given them. */
export const SPEC_FILES: readonly string[] = readdirSync(SPEC_DIR)
  .filter((name) => name.endsWith('.apib'))
  .sort()
  .map((name) => path.join(SPEC_DIR, name));

const RESOURCE = /^## (.+?) \[(\/[^\]]*)\]\s*$/;
const ACTION = /^### (.+?) \[([A-Z]+)(?: (\/[^\]]*))?\]\s*$/;
const RESPONSE = /^\+ Response (\d{3})(?: \(([^)]+)\))?/;
const SECTION = /^#{1,2} /;
const HEADER_LINE = /^ {8,}([A-Za-z0-9-]+):/;
const TABLE_ROW = /^\|\s*(\d{3})\s*\|([^|]*)\|/;
/** `Features: \`runs\`, \`run-sync\`` under a resource or an action heading (common/features.ts lists them all). */
const FEATURES = /^Features: (.+)$/;
const ERROR_TYPE_ATTRIBUTE = /- type: `([a-z0-9-]+)`/;

export interface SpecFile {
  /** Relative to the project, e.g. `spec/01-actors.apib`. */
  file: string;
  text: string;
}

export function readSpecContract(files: readonly string[] = SPEC_FILES): SpecContract {
  return parseSpecContract(files.map((file) => ({ file: path.relative(PROJECT_ROOT, file), text: readFileSync(file, 'utf8') })));
}

/** Reads the spec from its files, in document order. */
export function parseSpecContract(files: readonly SpecFile[]): SpecContract {
  const actions: DocumentedAction[] = [];
  const errorStatuses = new Set<number>();
  const errorTypes = new Set<string>();
  const headers = new Set<string>();
  let resource: { name: string; path: string; features: Feature[] } | undefined;
  let action: DocumentedAction | undefined;
  let response: DocumentedResponse | undefined;
  let section = '';
  let inHeaders = false;
  let apiName = '';
  let group = '';

  for (const { file, text } of files) {
    for (const line of text.split('\n')) read(file, line);
  }
  return {
    apiName,
    actions,
    errorStatuses: [...errorStatuses].sort((a, b) => a - b),
    errorTypes: [...errorTypes].sort(),
    headers: [...headers].sort(),
  };

  function read(file: string, line: string): void {
    const title = /^# (?:Group )?(.+?)\s*$/.exec(line);
    if (title) {
      if (line.startsWith('# Group ')) group = title[1]!;
      else apiName ||= title[1]!;
    }
    const resourceMatch = RESOURCE.exec(line);
    const actionMatch = ACTION.exec(line);
    if (SECTION.test(line)) {
      section = line.replace(/^#+ /, '').trim();
      resource = resourceMatch ? { name: resourceMatch[1]!, path: stripQuery(resourceMatch[2]!), features: [] } : undefined;
      action = undefined;
      response = undefined;
      inHeaders = false;
      return;
    }
    if (actionMatch && resource) {
      const features = [...resource.features];
      action = {
        name: `${resource.name} > ${actionMatch[1]}`,
        group,
        file,
        features,
        method: actionMatch[2]!,
        path: stripQuery(actionMatch[3] ?? resource.path),
        responses: [],
      };
      actions.push(action);
      response = undefined;
      inHeaders = false;
      return;
    }
    const featureLine = FEATURES.exec(line);
    if (featureLine) {
      const names = [...featureLine[1]!.matchAll(/`([a-z0-9.-]+)`/g)].map((m) => m[1]!);
      const unknown = names.filter((name) => !isFeature(name));
      if (unknown.length > 0) throw new Error(`${file}: unknown feature ${unknown.join(', ')} (common/features.ts lists them)`);
      const named = names.filter(isFeature);
      if (action) action.features.push(...named);
      else if (resource) resource.features.push(...named);
      return;
    }
    const responseMatch = RESPONSE.exec(line);
    if (responseMatch && action) {
      response = { status: Number(responseMatch[1]), headers: responseMatch[2] ? ['content-type'] : [] };
      action.responses.push(response);
      for (const name of response.headers) headers.add(name);
      inHeaders = false;
      return;
    }
    if (/^\+ Request/.test(line)) {
      response = undefined;
      inHeaders = false;
      return;
    }
    if (response && /^ {4}\+ Headers/.test(line)) {
      inHeaders = true;
      return;
    }
    if (response && /^ {4}\+ /.test(line)) inHeaders = false;
    const headerMatch = inHeaders ? HEADER_LINE.exec(line) : null;
    if (response && headerMatch) {
      const name = headerMatch[1]!.toLowerCase();
      response.headers.push(name);
      headers.add(name);
    }
    const typeMatch = ERROR_TYPE_ATTRIBUTE.exec(line);
    if (typeMatch) errorTypes.add(typeMatch[1]!);
    const row = section === 'Errors' ? TABLE_ROW.exec(line) : null;
    if (row) {
      errorStatuses.add(Number(row[1]));
      for (const code of row[2]!.matchAll(/`([a-z0-9-]+)`/g)) errorTypes.add(code[1]!);
    }
  }
}

/**
 * The Dredd transaction of each documented response, named as Dredd names it: `<API> > <group> > <resource> >
 * <action>`, plus ` > Example <n>` when the action documents several request/response pairs.
 */
export function transactionNames(contract: SpecContract): string[] {
  return contract.actions.flatMap((action) => {
    const base = `${contract.apiName} > ${action.group} > ${action.name}`;
    return action.responses.length === 1 ? [base] : action.responses.map((_, i) => `${base} > Example ${i + 1}`);
  });
}

/** The parts of a transaction's origin that Dredd names it by. */
export interface TransactionOrigin {
  apiName?: string;
  resourceGroupName?: string;
  resourceName?: string;
  actionName?: string;
  exampleName?: string;
}

/**
 * A transaction's full name, from its origin, whether Dredd was given one spec file or several (with one file Dredd's
 * own `name` leaves the API's title out).
 */
export function transactionNameOf(origin: TransactionOrigin | undefined): string {
  return [origin?.apiName, origin?.resourceGroupName, origin?.resourceName, origin?.actionName, origin?.exampleName]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' > ');
}

/** The documented action a transaction name (as transactionNames() gives it) belongs to. */
export function transactionAction(contract: SpecContract, name: string): DocumentedAction | undefined {
  return contract.actions.find((action) => {
    const base = `${contract.apiName} > ${action.group} > ${action.name}`;
    return name === base || name.startsWith(`${base} > Example `);
  });
}

/** What a transaction exercises: its action's features (none for a name the spec does not hold). */
export function transactionFeatures(contract: SpecContract, name: string): Feature[] {
  return transactionAction(contract, name)?.features ?? [];
}

/**
 * A transaction as a check to select: the `transactions` family, tagged `dredd` and with its spec file (so
 * `tag:spec/01-actors.apib` selects the file).
 */
export function transactionSelectable(contract: SpecContract, name: string): { id: string; family: 'transactions'; tags: string[] } {
  const file = transactionAction(contract, name)?.file;
  // A documented 408 is run-sync's answer once its cap has passed (common/outwaits.ts).
  const outwaits = transactionResponse(contract, name)?.status === 408 ? ['slow', OUTWAITS_RUN_SYNC] : [];
  return { id: name, family: 'transactions', tags: [...(file === undefined ? ['dredd'] : ['dredd', file]), ...outwaits] };
}

/**
 * Whether a run replays a transaction: selected, of features the target implements, and not one that outwaits a long
 * run-sync cap (outwaits.ts). The runner plans the Dredd layer by it and the hooks skip the rest by it.
 */
export function transactionRuns(
  contract: SpecContract,
  name: string,
  config: Pick<ConformanceConfig, 'select' | 'exclude' | 'features' | 'slow' | 'runSyncMaxWaitSecs'>,
): boolean {
  const selectable = transactionSelectable(contract, name);
  return (
    isSelected(selectable, config) &&
    implementsAll(transactionFeatures(contract, name), config.features) &&
    outwaitSkipReason(selectable.tags, config) === undefined
  );
}

/** The documented response a transaction name stands for (its action's n-th for ` > Example <n>`). */
export function transactionResponse(contract: SpecContract, name: string): DocumentedResponse | undefined {
  const action = transactionAction(contract, name);
  const example = /> Example (\d+)$/.exec(name);
  return action?.responses[example ? Number(example[1]) - 1 : 0];
}

/** Where an action is documented: its file and its resource's anchor, e.g. `spec/01-actors.apib#run-object`. */
export function actionLink(action: DocumentedAction): string {
  const resource = action.name.split(' > ')[0] ?? action.name;
  return `${action.file}#${resource.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function stripQuery(template: string): string {
  return template.replace(/\{\?[^}]*\}/, '');
}

/** Finds the documented action a method and path address, or undefined. */
export function matchAction(contract: SpecContract, method: string, pathname: string): DocumentedAction | undefined {
  // A literal segment wins over a variable: `/v2/users/me` is Get private user data, not a user named "me".
  const matches = contract.actions.filter((action) => action.method === method && pathPattern(action.path).test(pathname));
  return matches.sort((a, b) => variableCount(a.path) - variableCount(b.path))[0];
}

function variableCount(template: string): number {
  return template.split('{').length - 1;
}

/**
 * The documented action a request addresses. Its effective method is the `method` query parameter when one is given
 * ("Any endpoint can be called with another HTTP method", spec/00-overview.apib#requests-and-responses).
 */
export function requestAction(contract: SpecContract, method: string, pathname: string, methodParameter?: unknown): DocumentedAction | undefined {
  const effective = typeof methodParameter === 'string' ? methodParameter.toUpperCase() : method.toUpperCase();
  return matchAction(contract, effective, pathname);
}

const patterns = new Map<string, RegExp>();

function pathPattern(template: string): RegExp {
  let pattern = patterns.get(template);
  if (pattern === undefined) {
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    pattern = new RegExp(`^${source}/?$`);
    patterns.set(template, pattern);
  }
  return pattern;
}
