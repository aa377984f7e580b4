// What a selection (CONFORMANCE_SELECT / `--select`, `--tag`, and CONFORMANCE_EXCLUDE / `--exclude`) includes: read by
// the suites' checks, the Dredd hooks and the runner alike, so it imports no test framework.

/** What a selection entry can name: a check's id, its family, or one of its tags. */
export interface SelectableCheck {
  id: string;
  family: string;
  tags: readonly string[];
}

/** A run's selection: what it takes (empty = everything) and what it then leaves out. */
export interface Selection {
  select: readonly string[];
  exclude: readonly string[];
}

/** True when an entry (a family, an id or `tag:<tag>`) names the check. */
export function matchesEntry(check: SelectableCheck, entry: string): boolean {
  if (entry.startsWith('tag:')) return check.tags.includes(entry.slice(4));
  return entry === check.id || entry === check.family;
}

/** True when the selection takes the check and does not exclude it. */
export function isSelected(check: SelectableCheck, selection: Selection): boolean {
  const taken = selection.select.length === 0 || selection.select.some((entry) => matchesEntry(check, entry));
  return taken && !selection.exclude.some((entry) => matchesEntry(check, entry));
}

/** Why a check the selection leaves out did not run, naming the settings that decided it. */
export function unselectedReason(selection: Selection): string {
  const settings = [
    ...(selection.select.length > 0 ? [`CONFORMANCE_SELECT=${selection.select.join(',')}`] : []),
    ...(selection.exclude.length > 0 ? [`CONFORMANCE_EXCLUDE=${selection.exclude.join(',')}`] : []),
  ];
  return `not selected by ${settings.join(' and ')}`;
}
