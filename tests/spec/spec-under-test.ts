// The spec's files compiled by dredd-transactions, the compiler inside Dredd 14, plus the small lookups the spec's tests
// share. Names carry the API name ("Apify API > ..."), as compile() and Dredd given several files return them.
import { type CompiledSpec, type CompiledTransaction, compileSpec } from '../schemas/compiled-spec.ts';

export type { CompiledTransaction };

/** A JSON Schema node as drafter emits it (draft-07); only the keywords the tests read. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
}

export async function loadSpec(): Promise<CompiledSpec> {
  return compileSpec();
}

/** `Resource > Action`, the way the 2020 document names an action. */
export function actionOf(transaction: CompiledTransaction): string {
  return `${transaction.origin.resourceName} > ${transaction.origin.actionName}`;
}

export function headerValue(headers: Array<{ name: string; value: string }>, name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;
}

export function requestUrl(transaction: CompiledTransaction): URL {
  return new URL(transaction.request.uri, 'http://target.invalid');
}

export function responseSchema(transaction: CompiledTransaction): SchemaNode {
  if (transaction.response.schema === undefined) throw new Error(`${transaction.name} documents no response schema`);
  return JSON.parse(transaction.response.schema) as SchemaNode;
}

/** The schema of the response's `data` member. */
export function dataSchema(transaction: CompiledTransaction): SchemaNode {
  const data = responseSchema(transaction).properties?.data;
  if (!data) throw new Error(`${transaction.name}: the response schema has no data member`);
  return data;
}

/** The non-null branch of a nullable member (drafter writes nullable as anyOf [null, X]). */
export function nonNull(node: SchemaNode): SchemaNode {
  return node.anyOf?.find((branch) => branch.type !== 'null') ?? node;
}

export function allowsNull(node: SchemaNode): boolean {
  return node.type === 'null' || (node.anyOf ?? []).some((branch) => branch.type === 'null');
}

/** The one item schema of a fixed-type array (drafter writes `items: {anyOf: [X]}`). */
export function itemSchema(array: SchemaNode): SchemaNode {
  const items = nonNull(array).items;
  if (items === undefined || Array.isArray(items)) throw new Error('the array has no single item schema');
  return items.anyOf?.length === 1 ? items.anyOf[0] : items;
}
