// Test actor written the way real actors are: an ES module that uses the apify SDK. It must run unmodified on the
// real platform and on the emulator (which provides what the `apify` import needs).
import { Actor } from 'apify';

await Actor.init();
const input = (await Actor.getInput()) ?? {};
if (Array.isArray(input.items)) await Actor.pushData(input.items);
await Actor.setValue('OUTPUT', { received: input, greeting: `Hello, ${input.name ?? 'nobody'}!` });
await Actor.setValue('NOTE', 'written through the SDK', { contentType: 'text/plain' });
const stored = await Actor.getValue('OUTPUT');
if (stored?.greeting === undefined) throw new Error('Actor.getValue did not read back what Actor.setValue wrote');
await Actor.exit();
