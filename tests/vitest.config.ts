import { defineConfig } from 'vitest/config';

// The project's own tests: the emulator, the spec, the schemas, the hooks, the runner and the self-test.
// The conformance checks themselves live in suites/ and run through `npm run conformance`.
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    // Threads that keep their imports from one file to the next: a file no longer pays for loading Vitest, tsx and the
    // modules under test again (a third of the CPU of the small files). A file that changes process.env puts it back.
    pool: 'threads',
    isolate: false,
    // Most files spend part of their time waiting on emulators, Dredd and gate processes: two at a time keep two cores
    // busy (Vitest's default, one fewer than the cores, runs them one by one there; three overloaded the machine until
    // runs started too slowly for the tests' wait caps).
    maxWorkers: 2,
    // The fault probes run concurrently within their file, each mostly waiting on two emulators of its own.
    maxConcurrency: 10,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
