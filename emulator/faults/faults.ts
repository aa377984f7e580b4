// The faults switched on for one emulator instance.
import type { FaultId } from './catalogue.ts';

export class Faults {
  private readonly active: ReadonlySet<string>;

  constructor(ids: readonly string[]) {
    this.active = new Set(ids);
  }

  has(id: FaultId): boolean {
    return this.active.has(id);
  }

  get any(): boolean {
    return this.active.size > 0;
  }
}
