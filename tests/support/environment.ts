// The project's tests share their threads from one file to the next (tests/vitest.config.ts, isolate: false): a test
// that sets variables of this process puts back what it found.

/** Sets each variable (undefined: removes it) and returns what puts every one of them back as it was. */
export function setEnvironment(variables: Record<string, string | undefined>): () => void {
  const saved = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  assign(variables);
  return () => assign(Object.fromEntries(saved));
}

function assign(variables: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
