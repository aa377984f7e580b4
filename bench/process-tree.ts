// Reads memory and CPU time of a process and its descendants from /proc (Linux), to measure a server started as a child.
import { readFileSync } from 'node:fs';

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function childrenOf(pid: number): number[] {
  const tasks = readProc(`/proc/${pid}/task/${pid}/children`) ?? '';
  return tasks.split(/\s+/).filter(Boolean).map(Number);
}

/** The process and all its descendants, parents before children. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let index = 0; index < tree.length; index += 1) tree.push(...childrenOf(tree[index]));
  return tree;
}

/** The deepest descendant: for `npm run x` -> sh -> tsx -> node, that is the node process running the script. */
export function deepestDescendant(pid: number): number {
  const children = childrenOf(pid);
  return children.length === 0 ? pid : deepestDescendant(children[children.length - 1]);
}

export function rssBytes(pid: number): number {
  const status = readProc(`/proc/${pid}/status`) ?? '';
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Proportional set size: the process's private pages plus its share of pages it shares with others (the node binary,
 * libraries). Summed over a process tree it is the physical memory the tree uses; summed RSS counts shared pages once
 * per process.
 */
export function pssBytes(pid: number): number {
  const rollup = readProc(`/proc/${pid}/smaps_rollup`) ?? '';
  const match = /^Pss:\s+(\d+)\s+kB/m.exec(rollup);
  return match ? Number(match[1]) * 1024 : 0;
}

export function commandLine(pid: number): string {
  return (readProc(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ');
}

/** User + system CPU time of one process, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readProc(`/proc/${pid}/stat`) ?? '';
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
