// The Dredd hook file: `dredd 'spec/*.apib' <url> --require tsx/cjs --hookfiles 'hooks/*.ts'`.
// Everything lives in hooks/lib (how transactions are prepared, compared and cleaned up) and hooks/plans (what each
// documented action needs); this file only hands Dredd's Hooks instance over.
import hooks from 'hooks';
import { useProxyFromEnvironment } from '../common/network.ts';
import { installHooks } from './lib/install-hooks.ts';

// The fixtures' requests honour HTTP(S)_PROXY (Dredd 14 sends its replays to the server under test directly).
useProxyFromEnvironment();
installHooks(hooks);
