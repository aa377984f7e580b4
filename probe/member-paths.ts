/** Every member path of a JSON value (`data.items[].id`), and those whose value is null; both sorted, each once. */
export function memberPaths(value: unknown): { members: string[]; nullMembers: string[] } {
  const members = new Set<string>();
  const nullMembers = new Set<string>();
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, `${path}[]`);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, member] of Object.entries(node)) {
      const memberPath = path === '' ? key : `${path}.${key}`;
      members.add(memberPath);
      if (member === null) nullMembers.add(memberPath);
      else visit(member, memberPath);
    }
  };
  visit(value, '');
  return { members: [...members].sort(), nullMembers: [...nullMembers].sort() };
}
