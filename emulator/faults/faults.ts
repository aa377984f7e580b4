// The faults switched on for one emulator instance (EMULATOR_FAULTS), asked by name where the behaviour they break lives.
import type { FaultId } from './catalogue.ts';

export class Faults {
  private readonly active: ReadonlySet<string>;

  /** `ids` are checked against the catalogue by the configuration (emulator/config.ts). */
  constructor(ids: readonly string[]) {
    this.active = new Set(ids);
  }

  has(id: FaultId): boolean {
    return this.active.has(id);
  }
}
