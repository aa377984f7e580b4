import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { loadConfig } from '../common/config.ts';

// The behavioural checks (the product). `npm run conformance` runs them; the runner's reporter reads each check's metadata.
const { maxWaitSecs } = loadConfig();
// The first check of a file that needs its actor built waits for the build: minutes on the platform (the fixtures
// allow max(600 s, cap + 60 s)); then a check may hold requests for the cap a few times.
const buildSecs = Math.max(600, maxWaitSecs + 60);

export default defineConfig({
  test: {
    // The project, wherever it is installed: '.' would be the caller's directory under npx.
    root: fileURLToPath(new URL('../', import.meta.url)),
    include: ['suites/**/*.test.ts'],
    // Not Vitest's default (which leaves out node_modules/): installed as a package, the suites live there.
    exclude: [],
    // Before the runner's exchange recorder (added by its plugin after these), which wraps the dispatcher this sets.
    setupFiles: ['suites/support/network-setup.ts'],
    testTimeout: (buildSecs + maxWaitSecs * 4 + 60) * 1000,
    // The clean-up after each file aborts what still runs and deletes what the file made.
    hookTimeout: (maxWaitSecs * 2 + 120) * 1000,
    // Files run in parallel, each with its own uniquely named fixtures; threads that keep their imports between files
    // (isolate: false) start cheaply. Three workers: on the 2-core machine, 6 made the run slower (17.5 s against
    // 14.5 s, with Dredd beside them) and took 170 MB more; the checks mostly wait on the target, so 3 keep it busy.
    fileParallelism: true,
    pool: 'threads',
    isolate: false,
    maxWorkers: 3,
  },
});
