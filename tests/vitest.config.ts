import { defineConfig } from 'vitest/config';

// The project's own tests: the emulator, the spec, the schemas, the hooks, the runner and the self-test.
// The conformance checks themselves live in suites/ and run through `npm run conformance`.
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
