import { defineConfig } from 'vitest/config';
import { loadConfig } from '../common/config.ts';

// The behavioural checks (the product). `npm run conformance` runs them; the runner's reporter reads each check's metadata.
// Files run in parallel: each creates its own uniquely named fixtures. Timeouts follow the target's wait cap, since
// waitForFinish and run-sync may legitimately hold a request that long.
const { maxWaitSecs } = loadConfig();

export default defineConfig({
  test: {
    root: '.',
    include: ['suites/**/*.test.ts'],
    testTimeout: (maxWaitSecs * 4 + 60) * 1000,
    hookTimeout: (maxWaitSecs * 2 + 600) * 1000,
    fileParallelism: true,
  },
});
