import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What spec/apify-v2-actors.apib documents, read from the document itself: each action with its method, path template
 * and responses, the error statuses and types of the general "Errors" section, and the response headers it names.
 * The runner uses it to plan progress, to match what a target sent to a documented action, and to tell documented
 * statuses, headers and error types from drift.
 */
export interface DocumentedResponse {
  status: number;
  /** Lower-case names of the headers the response documents (Content-Type included when given). */
  headers: string[];
}

export interface DocumentedAction {
  /** `<Resource> > <Action>`, as Dredd's origin names it and common/response-schemas.ts keys it. */
  name: string;
  method: string;
  /** Path template without the query part, e.g. `/v2/acts/{actorId}/runs/{runId}`. */
  path: string;
  /** One entry per documented request/response pair (one Dredd transaction each). */
  responses: DocumentedResponse[];
}

export interface SpecContract {
  /** The document's title and the group of the actions: the first two parts of every Dredd transaction name. */
  apiName: string;
  group: string;
  actions: DocumentedAction[];
  /** Statuses the general "Errors" section allows on any action. */
  errorStatuses: number[];
  /** Every error type the document names (the Errors table and the error examples). */
  errorTypes: string[];
  /** Every response header the document names, lower-case. */
  headers: string[];
}

export const SPEC_PATH = fileURLToPath(new URL('../spec/apify-v2-actors.apib', import.meta.url));

const RESOURCE = /^## (.+?) \[(\/[^\]]*)\]\s*$/;
const ACTION = /^### (.+?) \[([A-Z]+)(?: (\/[^\]]*))?\]\s*$/;
const RESPONSE = /^\+ Response (\d{3})(?: \(([^)]+)\))?/;
const SECTION = /^#{1,2} /;
const HEADER_LINE = /^ {8,}([A-Za-z0-9-]+):/;
const TABLE_ROW = /^\|\s*(\d{3})\s*\|([^|]*)\|/;
const ERROR_TYPE_ATTRIBUTE = /- type: `([a-z0-9-]+)`/;

export function readSpecContract(file: string = SPEC_PATH): SpecContract {
  return parseSpecContract(readFileSync(file, 'utf8'));
}

export function parseSpecContract(text: string): SpecContract {
  const actions: DocumentedAction[] = [];
  const errorStatuses = new Set<number>();
  const errorTypes = new Set<string>();
  const headers = new Set<string>();
  let resource: { name: string; path: string } | undefined;
  let action: DocumentedAction | undefined;
  let response: DocumentedResponse | undefined;
  let section = '';
  let inHeaders = false;
  let apiName = '';
  let group = '';

  for (const line of text.split('\n')) {
    const title = /^# (?:Group )?(.+?)\s*$/.exec(line);
    if (title) {
      if (line.startsWith('# Group ')) group = title[1]!;
      else apiName ||= title[1]!;
    }
    const resourceMatch = RESOURCE.exec(line);
    const actionMatch = ACTION.exec(line);
    if (SECTION.test(line)) {
      section = line.replace(/^#+ /, '').trim();
      resource = resourceMatch ? { name: resourceMatch[1]!, path: stripQuery(resourceMatch[2]!) } : undefined;
      action = undefined;
      response = undefined;
      inHeaders = false;
      continue;
    }
    if (actionMatch && resource) {
      action = { name: `${resource.name} > ${actionMatch[1]}`, method: actionMatch[2]!, path: stripQuery(actionMatch[3] ?? resource.path), responses: [] };
      actions.push(action);
      response = undefined;
      inHeaders = false;
      continue;
    }
    const responseMatch = RESPONSE.exec(line);
    if (responseMatch && action) {
      response = { status: Number(responseMatch[1]), headers: responseMatch[2] ? ['content-type'] : [] };
      action.responses.push(response);
      for (const name of response.headers) headers.add(name);
      inHeaders = false;
      continue;
    }
    if (/^\+ Request/.test(line)) {
      response = undefined;
      inHeaders = false;
      continue;
    }
    if (response && /^ {4}\+ Headers/.test(line)) {
      inHeaders = true;
      continue;
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
  return {
    apiName,
    group,
    actions,
    errorStatuses: [...errorStatuses].sort((a, b) => a - b),
    errorTypes: [...errorTypes].sort(),
    headers: [...headers].sort(),
  };
}

/**
 * The Dredd transaction of each documented response, named as Dredd names it: `<API> > <group> > <resource> >
 * <action>`, plus ` > Example <n>` when the action documents several request/response pairs.
 */
export function transactionNames(contract: SpecContract): string[] {
  return contract.actions.flatMap((action) => {
    const base = `${contract.apiName} > ${contract.group} > ${action.name}`;
    return action.responses.length === 1 ? [base] : action.responses.map((_, i) => `${base} > Example ${i + 1}`);
  });
}

function stripQuery(template: string): string {
  return template.replace(/\{\?[^}]*\}/, '');
}

/** Finds the documented action a request addresses (after any `method` override), or undefined. */
export function matchAction(contract: SpecContract, method: string, pathname: string): DocumentedAction | undefined {
  return contract.actions.find((action) => action.method === method && pathPattern(action.path).test(pathname));
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
