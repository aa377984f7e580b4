import { useProxyFromEnvironment } from '../common/network.ts';
import { probeMain } from './main.ts';

// `npm run probe`: see probe/main.ts and the "Probe" section of README.md.
useProxyFromEnvironment();
const code = await probeMain(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exit(code);
