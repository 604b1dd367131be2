import { embeddedFile, type Database, type Executor, type Transaction } from './client.ts';

// Group commit: small writes that arrive together share one transaction and one disk sync. An embedded libSQL
// file syncs its log on every commit (`synchronous = FULL`, so an acknowledged answer survives a power cut), and
// that sync runs on the one JavaScript thread: at 50 tablets saving at once, one commit per answer was most of a
// save's time in the database. Here each write still resolves only after the commit that holds it has returned,
// so "acknowledged" still means "on disk"; what changes is that several saves wait for the same sync.
//
// A group is what was queued by the time the event loop comes round (`setImmediate`): one write alone waits for
// nothing, and under load the group is as large as the requests in flight. A write that fails (a row gone, a
// constraint) must not take the others with it: the group is rolled back and each of its writes run again in a
// transaction of its own, so only the failing one sees its error. Writes must therefore be plain database work,
// safe to run twice (nothing outside the transaction), as a transaction's body always should be.

/** A write: the statements of one request, run inside the group's transaction. */
export type GroupedWrite<T> = (tx: Transaction) => Promise<T>;

type Queued = {
  write: GroupedWrite<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
};

/** Writes in a group at most: a bound on the time one transaction holds the write lock. */
export const MAX_GROUP = 64;

class GroupCommit {
  readonly #db: Database;
  #queue: Queued[] = [];
  #scheduled = false;
  /** Groups committed and the writes in them, for the bench and the tests. */
  readonly stats = { groups: 0, writes: 0, retried: 0 };

  constructor(db: Database) {
    this.#db = db;
  }

  run<T>(write: GroupedWrite<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    const group = this.#queue.splice(0, MAX_GROUP);
    if (this.#queue.length > 0) setImmediate(() => void this.#flush());
    else this.#scheduled = false;
    if (group.length === 1 && group[0]) {
      await this.#alone(group[0]);
      return;
    }
    let results: unknown[];
    try {
      results = await this.#db.transaction(async (tx) => {
        const done: unknown[] = [];
        for (const queued of group) done.push(await queued.write(tx));
        return done;
      });
    } catch {
      // One write failed (or the commit did): none of the group is stored. Each runs again on its own.
      this.stats.retried += group.length;
      for (const queued of group) await this.#alone(queued);
      return;
    }
    this.stats.groups += 1;
    this.stats.writes += group.length;
    group.forEach((queued, i) => {
      queued.resolve(results[i]);
    });
  }

  async #alone(queued: Queued): Promise<void> {
    try {
      const result = await this.#db.transaction((tx) => queued.write(tx));
      this.stats.groups += 1;
      this.stats.writes += 1;
      queued.resolve(result);
    } catch (error) {
      queued.reject(error);
    }
  }
}

const committers = new WeakMap<Database, GroupCommit>();

function committerOf(db: Database): GroupCommit {
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommit(db);
    committers.set(db, committer);
  }
  return committer;
}

/**
 * Runs a small write in a group commit on an embedded file, and in a transaction of its own anywhere else (a
 * libSQL server syncs its own commits).
 */
export function commitTogether<T>(db: Executor, write: GroupedWrite<T>): Promise<T> {
  const file = embeddedFile(db);
  return file ? inGroupCommit(file, write) : db.transaction(write);
}

/**
 * Runs a write of one statement in a group commit on an embedded file; anywhere else as it is, since one
 * statement is atomic by itself and, on a libSQL server, one round trip where a transaction takes three.
 */
export function statementTogether<T>(db: Executor, write: (db: Executor) => Promise<T>): Promise<T> {
  const file = embeddedFile(db);
  return file ? inGroupCommit(file, write) : write(db);
}

/**
 * Runs a small write in the next group commit of `db`; resolves with its result once the group's commit has
 * returned (durable), or rejects with its own error. Never call it from inside a transaction: the group waits
 * for the write lock that transaction holds.
 */
export function inGroupCommit<T>(db: Database, write: GroupedWrite<T>): Promise<T> {
  return committerOf(db).run(write);
}

/** How the group commits of `db` went so far: groups, writes, writes run again alone. */
export function groupCommitStats(db: Database): { groups: number; writes: number; retried: number } {
  return { ...committerOf(db).stats };
}
