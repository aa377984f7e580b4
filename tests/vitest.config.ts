import { defineConfig } from 'vitest/config';

// The project's own tests: the emulator, the spec, the schemas, the hooks, the runner and the self-test.
// The conformance checks themselves live in suites/ and run through `npm run conformance`.
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    // Most files spend their time waiting on emulators, Dredd and gate processes, not on the CPU: three at a time keep two
    // cores busy (Vitest's default, one fewer than the cores, would run them one by one on 2 cores).
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
