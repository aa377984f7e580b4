// The in-memory state of one emulator instance. Everything is lost when the emulator stops.
import { Clock } from './clock.ts';
import { newId } from './ids.ts';
import type { Actor, Build, Dataset, KeyValueStore, RequestQueue, Run, Task, User, Webhook, WebhookDispatch } from './types.ts';

export interface UserSeed {
  token: string;
  username: string;
}

export class EmulatorState {
  readonly users: User[] = [];
  readonly actors = new Map<string, Actor>();
  /** Every actor in creation order, which is ascending createdAt. */
  readonly actorList: Actor[] = [];
  readonly builds = new Map<string, Build>();
  readonly runs = new Map<string, Run>();
  readonly keyValueStores = new Map<string, KeyValueStore>();
  readonly datasets = new Map<string, Dataset>();
  readonly requestQueues = new Map<string, RequestQueue>();
  /** Every request queue in creation order, which is ascending createdAt. */
  readonly requestQueueList: RequestQueue[] = [];
  /** Tasks, webhooks and dispatches by id; each map keeps insertion order, which is ascending createdAt. */
  readonly tasks = new Map<string, Task>();
  readonly webhooks = new Map<string, Webhook>();
  readonly dispatches = new Map<string, WebhookDispatch>();
  private readonly usersByToken = new Map<string, User>();
  private readonly usersByName = new Map<string, User>();
  private readonly usersById = new Map<string, User>();

  constructor(
    seeds: UserSeed[],
    readonly clock = new Clock(),
  ) {
    for (const seed of seeds) {
      const user: User = {
        id: newId(),
        username: seed.username,
        token: seed.token,
        createdAt: this.clock.iso(),
        usedActorIds: new Set(),
        email: `${seed.username}@users.emulator.invalid`,
        proxyPassword: newId(),
      };
      this.users.push(user);
      this.usersByToken.set(user.token, user);
      this.usersByName.set(user.username, user);
      this.usersById.set(user.id, user);
    }
  }

  userByToken(token: string): User | undefined {
    return this.usersByToken.get(token);
  }

  userByName(username: string): User | undefined {
    return this.usersByName.get(username);
  }

  userById(id: string): User | undefined {
    return this.usersById.get(id);
  }

  taskByName(userId: string, name: string): Task | undefined {
    for (const task of this.tasks.values()) if (task.userId === userId && task.name === name) return task;
    return undefined;
  }

  actorByName(userId: string, name: string): Actor | undefined {
    return this.actorList.find((actor) => actor.userId === userId && actor.name === name);
  }
}
