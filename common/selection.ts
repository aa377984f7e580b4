// What a selection (CONFORMANCE_SELECT, `--select`, `--tag`) includes: read by the suites' checks, the Dredd hooks and
// the runner alike, so it imports no test framework.

/** What a selection entry can name: a check's id, its family, or one of its tags. */
export interface SelectableCheck {
  id: string;
  family: string;
  tags: readonly string[];
}

/** True when a selection (families, ids or `tag:<tag>`; empty = everything) includes the check. */
export function isSelected(check: SelectableCheck, selection: readonly string[]): boolean {
  if (selection.length === 0) return true;
  return selection.some((entry) => {
    if (entry.startsWith('tag:')) return check.tags.includes(entry.slice(4));
    return entry === check.id || entry === check.family;
  });
}
