// A setup file of the suites (suites/vitest.config.ts): requests go through HTTP(S)_PROXY when one is set.
import { useProxyFromEnvironment } from '../../common/network.ts';

useProxyFromEnvironment();
