// Key-value stores (records with their content type) and datasets (JSON items): named or unnamed, owned by a user.
// The maps of EmulatorState keep creation order, which is ascending createdAt (the clock never repeats).
import { newId } from './ids.ts';
import type { EmulatorState } from './store.ts';
import type { Dataset, KeyValueStore, StorageBase, StoredRecord } from './types.ts';

function storageBase(state: EmulatorState, userId: string, name: string | null): StorageBase {
  const now = state.clock.iso();
  return { id: newId(), name, userId, createdAt: now, modifiedAt: now, accessedAt: now };
}

export function createKeyValueStore(state: EmulatorState, userId: string, name: string | null = null): KeyValueStore {
  const store: KeyValueStore = { ...storageBase(state, userId, name), records: new Map() };
  state.keyValueStores.set(store.id, store);
  return store;
}

export function createDataset(state: EmulatorState, userId: string, name: string | null = null): Dataset {
  const dataset: Dataset = { ...storageBase(state, userId, name), items: [], cleanItemCount: 0 };
  state.datasets.set(dataset.id, dataset);
  return dataset;
}

/** The user's storage of that name in `storages`, if any. */
export function storageByName<T extends StorageBase>(storages: ReadonlyMap<string, T>, userId: string, name: string): T | undefined {
  for (const storage of storages.values()) {
    if (storage.userId === userId && storage.name === name) return storage;
  }
  return undefined;
}

export function renameStorage(state: EmulatorState, storage: StorageBase, name: string | null): void {
  storage.name = name;
  storage.modifiedAt = state.clock.iso();
}

export function touchStorage(state: EmulatorState, storage: StorageBase): void {
  storage.accessedAt = state.clock.iso();
}

export function setRecord(state: EmulatorState, store: KeyValueStore, key: string, record: StoredRecord): void {
  store.records.set(key, record);
  store.modifiedAt = state.clock.iso();
}

export function deleteRecord(state: EmulatorState, store: KeyValueStore, key: string): void {
  store.records.delete(key);
  store.modifiedAt = state.clock.iso();
}

/** Appends items (objects); each is kept as its JSON text. */
export function pushItems(state: EmulatorState, dataset: Dataset, items: readonly Record<string, unknown>[]): void {
  for (const item of items) {
    dataset.items.push(JSON.stringify(item));
    if (Object.keys(item).some((field) => !field.startsWith('#'))) dataset.cleanItemCount += 1;
  }
  dataset.modifiedAt = state.clock.iso();
}
