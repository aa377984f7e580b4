// The default storages of runs: key-value stores (records with their content type) and datasets (JSON items).
import { newId } from './ids.ts';
import type { EmulatorState } from './store.ts';
import type { Dataset, KeyValueStore, StoredRecord } from './types.ts';

export function createKeyValueStore(state: EmulatorState, userId: string): KeyValueStore {
  const now = state.clock.iso();
  const store: KeyValueStore = { id: newId(), userId, createdAt: now, modifiedAt: now, records: new Map() };
  state.keyValueStores.set(store.id, store);
  return store;
}

export function createDataset(state: EmulatorState, userId: string): Dataset {
  const now = state.clock.iso();
  const dataset: Dataset = { id: newId(), userId, createdAt: now, modifiedAt: now, items: [] };
  state.datasets.set(dataset.id, dataset);
  return dataset;
}

export function setRecord(state: EmulatorState, store: KeyValueStore, key: string, record: StoredRecord): void {
  store.records.set(key, record);
  store.modifiedAt = state.clock.iso();
}

export function deleteRecord(state: EmulatorState, store: KeyValueStore, key: string): void {
  store.records.delete(key);
  store.modifiedAt = state.clock.iso();
}

/** Appends items; each is kept as its JSON text. */
export function pushItems(state: EmulatorState, dataset: Dataset, items: readonly unknown[]): void {
  for (const item of items) dataset.items.push(JSON.stringify(item));
  dataset.modifiedAt = state.clock.iso();
}
