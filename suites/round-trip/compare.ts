/**
 * Differences between what was sent and what came back, member by member: `actual` must hold every value of
 * `expected` (a missing member counts as null), while objects may carry undocumented extra members.
 */
export function differences(expected: Record<string, unknown>, actual: Record<string, unknown>, members: string[]): string[] {
  return members
    .filter((member) => !contains(actual[member] ?? null, expected[member] ?? null))
    .map((member) => `${member}: sent ${JSON.stringify(expected[member])}, read ${JSON.stringify(actual[member])}`);
}

function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => contains(actual[i], item));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => contains((actual as Record<string, unknown>)[key] ?? null, value ?? null));
  }
  return actual === expected;
}

/** A seed for json-schema-faker, different on every run and printed with any failure so a run can be repeated. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
