// The emulator's scratch space: one temporary directory per instance, holding a directory per build (its materialised
// sources) and per run (the actor's working directory). Removed when the emulator closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Workspace {
  private constructor(readonly root: string) {}

  static async create(): Promise<Workspace> {
    return new Workspace(await mkdtemp(join(tmpdir(), 'apify-emulator-')));
  }

  buildDir(buildId: string): string {
    return join(this.root, 'builds', buildId);
  }

  runDir(runId: string): string {
    return join(this.root, 'runs', runId);
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
