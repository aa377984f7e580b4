// Every fault's probe, from the tables of each part of the API.
import { API_PROBES } from './faults-api-probes.ts';
import { GROUP_PROBES } from './faults-group-probes.ts';
import { JOB_PROBES } from './faults-job-probes.ts';
import { QUEUE_PROBES } from './faults-queue-probes.ts';
import { STORAGE_PROBES } from './faults-storage-probes.ts';
import type { ProbeTable } from './faults-support.ts';

/** The tables apart, so a test can see that no fault has two probes. */
export const PROBE_TABLES = [API_PROBES, JOB_PROBES, STORAGE_PROBES, QUEUE_PROBES, GROUP_PROBES] as const;

// A fault added to the catalogue without a probe does not compile.
export const ALL_PROBES: ProbeTable = { ...API_PROBES, ...JOB_PROBES, ...STORAGE_PROBES, ...QUEUE_PROBES, ...GROUP_PROBES };
