#!/usr/bin/env node
// The gate as one command, for `npx apify-conformance ...` from the packed tarball or a clone alike:
//   apify-conformance run | list | sweep | emulator | selftest [options]
// It starts the chosen entry point (TypeScript) under tsx in a node process of its own, in the caller's directory (so
// reports/ and .env are the caller's), and passes its exit status on.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMMANDS = {
  run: { entry: 'runner/cli.ts', args: [], what: 'judge a target (APIFY_API_BASE_URL, or the embedded emulator); `run --help` for options' },
  list: { entry: 'runner/cli.ts', args: ['--list'], what: 'print every check without running anything' },
  sweep: { entry: 'runner/cli.ts', args: ['--sweep'], what: 'remove what earlier runs left on the target' },
  emulator: { entry: 'emulator/main.ts', args: [], what: 'start the emulator in the foreground (EMULATOR_* settings)' },
  selftest: { entry: 'selftest/cli.ts', args: [], what: 'prove the gate fails every fault of the catalogue and passes every variation' },
};

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const [command, ...rest] = process.argv.slice(2);

if (command === '--version' || command === '-v') {
  process.stdout.write(`${version}\n`);
} else if (command === undefined || command === '--help' || command === '-h') {
  const lines = Object.entries(COMMANDS).map(([name, { what }]) => `  ${name.padEnd(9)} ${what}`);
  process.stdout.write(
    `apify-conformance ${version}: the Apify API v2 conformance gate\n\nUsage: apify-conformance <command> [options]\n\n${lines.join('\n')}\n\n  --version  print the version\n`,
  );
} else if (!Object.hasOwn(COMMANDS, command)) {
  process.stderr.write(`Usage error: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; --help)\n`);
  process.exitCode = 2;
} else {
  const { entry, args } = COMMANDS[command];
  // tsx by its own location: the caller's directory may have no tsx, or another version.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, `${ROOT}${entry}`, ...args, ...rest], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal's process group; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 143);
  });
}
