// Correct variations: ways an implementation may legitimately differ from the emulator's defaults. The gate must pass
// every one of them (npm run selftest); failing one would make it reject a correct server.

export interface VariationDefinition {
  id: string;
  description: string;
}

export const VARIATIONS = [
  { id: 'extra-fields', description: 'every object carries undocumented extra properties, as the live API does' },
  { id: 'small-page-size', description: 'the maximum page size is 7 instead of 1000 (the docs say it may change)' },
  { id: 'charset', description: 'JSON answers say Content-Type: application/json; charset=utf-8' },
  { id: 'reordered-keys', description: 'object members come in reverse order' },
  { id: 'latency', description: 'every answer is delayed by 40 ms' },
] as const satisfies readonly VariationDefinition[];

export type VariationId = (typeof VARIATIONS)[number]['id'];

export const VARIATION_IDS: readonly string[] = VARIATIONS.map((v) => v.id);

/** The page size the small-page-size variation enforces. */
export const SMALL_PAGE_SIZE = 7;
