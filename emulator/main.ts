// `npm run emulator`: the emulator in the foreground. Prints one line with its URL once it accepts requests; stops
// (killing every actor process) on SIGINT or SIGTERM.
import { config } from 'dotenv';
import { ConfigError, startEmulator } from './index.ts';

config({ quiet: true });

try {
  const emulator = await startEmulator();
  console.log(`Apify API emulator listening on ${emulator.url}`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`The emulator did not close cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `The emulator could not start: ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
