import { Buffer } from 'node:buffer';
import type { Client, InArgs, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { LibsqlBatchError, LibsqlError } from '@libsql/core/api';
import { ResultSetImpl, transactionModeToBegin } from '@libsql/core/util';
import Database from 'libsql';

// The client for an embedded libSQL file: @libsql/client's own, with one difference, its statements are prepared
// once per connection and kept. The stock client prepares every statement again on every call and asks for its
// columns twice; in a profile of answer saves under load (`npm run bench`), preparing and describing statements
// took a fifth of the one JavaScript thread, more than the disk's sync. Everything else follows the stock
// client (`@libsql/client/lib-esm/sqlite3.js` 0.18): a pool of connections where a transaction holds its own
// until it settles, rows readable by index and by column name, integers as numbers, SQLite errors as
// LibsqlError with the same codes. A server URL keeps the stock client (db/client.ts).

type Connection = InstanceType<typeof Database>;
type Statement = ReturnType<Connection['prepare']>;
type Prepared = { statement: Statement; reader: boolean; columns: string[]; columnTypes: string[] };

/** Statements kept per connection; past this the cache starts again (the app has a few hundred distinct ones). */
const MAX_STATEMENTS = 1000;

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INTEGER = -9223372036854775808n;
const MAX_INTEGER = 9223372036854775807n;

/** SQLite's primary result codes by number (the low byte of an extended code), as the stock client names them. */
const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE',
  28: 'SQLITE_WARNING',
};

function mapError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const raw = (error as { rawCode?: number }).rawCode;
  const base = raw === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
  return new LibsqlError(error.message, base, (error as { code?: string }).code, raw, error);
}

function toSql(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed');
    return value;
  }
  if (typeof value === 'bigint') {
    if (value < MIN_INTEGER || value > MAX_INTEGER) throw new RangeError('bigint too large for a 64-bit integer');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    }
    return Number(value);
  }
  if (value instanceof Buffer) return value.buffer;
  return value;
}

/** A row as the stock client makes it: values by index (not enumerable, with a length) and by column name. */
function toRow(values: unknown[], columns: readonly string[]) {
  const row: Record<string | number, unknown> = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i] ?? '';
    if (!Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row;
}

function argsOf(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    named['@$:'.includes(name[0] ?? '') ? name.slice(1) : name] = toSql(value);
  }
  return named;
}

class PreparedCache {
  readonly #statements = new Map<Connection, Map<string, Prepared>>();

  get(connection: Connection, sql: string): Prepared {
    let cache = this.#statements.get(connection);
    if (!cache) {
      cache = new Map();
      this.#statements.set(connection, cache);
    }
    let prepared = cache.get(sql);
    if (!prepared) {
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      const statement = connection.prepare(sql);
      statement.safeIntegers(true);
      const reader = statement.reader;
      if (reader) statement.raw(true);
      const described = reader ? (statement.columns() as { name: string; type: string | null }[]) : [];
      prepared = {
        statement,
        reader,
        columns: described.map((column) => column.name),
        columnTypes: described.map((column) => column.type ?? ''),
      };
      cache.set(sql, prepared);
    }
    return prepared;
  }

  forget(connection: Connection): void {
    this.#statements.delete(connection);
  }

  /** After a schema change: a kept statement would describe the old columns (SQLite re-prepares, we would not). */
  clear(): void {
    this.#statements.clear();
  }
}

/** Statements that may change the schema: the cache starts again after them. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

function run(cache: PreparedCache, connection: Connection, statement: InStatement): ResultSet {
  const sql = typeof statement === 'string' ? statement : statement.sql;
  const args = typeof statement === 'string' ? [] : argsOf(statement.args);
  try {
    const prepared = cache.get(connection, sql);
    if (prepared.reader) {
      const rows = (prepared.statement.all(args) as unknown[][]).map((values) => toRow(values, prepared.columns));
      return new ResultSetImpl(prepared.columns, prepared.columnTypes, rows as never, 0, undefined);
    }
    const info = prepared.statement.run(args);
    if (SCHEMA_CHANGE.test(sql)) cache.clear();
    return new ResultSetImpl([], [], [], info.changes, BigInt(info.lastInsertRowid));
  } catch (error) {
    throw mapError(error);
  }
}

/** Runs statements in order; a failure names the statement's place, as the stock client's batch does. */
function runAll(cache: PreparedCache, connection: Connection, statements: readonly InStatement[]): ResultSet[] {
  return statements.map((statement, i) => {
    if (!connection.inTransaction) {
      throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
    }
    try {
      // A statement may come as a pair [sql, args], as libSQL's batch accepts.
      const pair = Array.isArray(statement) ? (statement as unknown as [string, InArgs | undefined]) : null;
      return run(cache, connection, pair ? { sql: pair[0], args: pair[1] ?? [] } : statement);
    } catch (error) {
      if (error instanceof LibsqlError && !(error instanceof LibsqlBatchError)) {
        throw new LibsqlBatchError(error.message, i, error.code, error.extendedCode, error.rawCode, error);
      }
      throw error;
    }
  });
}

class Pool {
  readonly #path: string;
  readonly #timeout: number;
  readonly #idle: Connection[] = [];
  readonly #open = new Set<Connection>();
  readonly cache = new PreparedCache();
  closed = false;

  constructor(path: string, timeout: number) {
    this.#path = path;
    this.#timeout = timeout;
  }

  acquire(): Connection {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    const connection = this.#idle.pop() ?? new Database(this.#path, { timeout: this.#timeout });
    this.#open.add(connection);
    return connection;
  }

  release(connection: Connection): void {
    if (this.closed || !connection.open) {
      this.#drop(connection);
      return;
    }
    // Never hand on a connection in the middle of a transaction.
    if (connection.inTransaction) {
      try {
        run(this.cache, connection, 'ROLLBACK');
      } catch {
        this.#drop(connection);
        return;
      }
    }
    this.#idle.push(connection);
  }

  #drop(connection: Connection): void {
    this.#open.delete(connection);
    this.cache.forget(connection);
    try {
      if (connection.open) connection.close();
    } catch {
      // nothing to do while tearing down
    }
  }

  close(): void {
    this.closed = true;
    for (const connection of [...this.#open]) this.#drop(connection);
    this.#idle.length = 0;
  }
}

class FileTransaction implements Transaction {
  #connection: Connection | null;
  readonly #pool: Pool;

  constructor(pool: Pool, connection: Connection) {
    this.#pool = pool;
    this.#connection = connection;
  }

  #use(): Connection {
    const connection = this.#connection;
    if (!connection?.open || !connection.inTransaction) {
      throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    }
    return connection;
  }

  #settle(): void {
    const connection = this.#connection;
    this.#connection = null;
    if (connection) this.#pool.release(connection);
  }

  execute(statement: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement;
    return settled(() => run(this.#pool.cache, this.#use(), stmt));
  }

  batch(statements: InStatement[]): Promise<ResultSet[]> {
    return settled(() => runAll(this.#pool.cache, this.#use(), statements));
  }

  executeMultiple(sql: string): Promise<void> {
    return settled(() => {
      execMultiple(this.#pool.cache, this.#use(), sql);
    });
  }

  rollback(): Promise<void> {
    const connection = this.#connection;
    return settled(() => {
      try {
        if (connection?.open && connection.inTransaction) run(this.#pool.cache, connection, 'ROLLBACK');
      } finally {
        this.#settle();
      }
    });
  }

  commit(): Promise<void> {
    return settled(() => {
      try {
        run(this.#pool.cache, this.#use(), 'COMMIT');
      } finally {
        this.#settle();
      }
    });
  }

  close(): void {
    const connection = this.#connection;
    try {
      if (connection?.open && connection.inTransaction) run(this.#pool.cache, connection, 'ROLLBACK');
    } finally {
      this.#settle();
    }
  }

  get closed(): boolean {
    const connection = this.#connection;
    return !connection?.open || !connection.inTransaction;
  }
}

/** Synchronous work as a promise, as the client's methods answer: what it throws becomes the rejection. */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Several statements in one string (no results); the schema may have changed after them. */
function execMultiple(cache: PreparedCache, connection: Connection, sql: string): void {
  try {
    connection.exec(sql);
  } catch (error) {
    throw mapError(error);
  } finally {
    cache.clear();
  }
}

/** Everything in a call is synchronous: a connection is borrowed and given back before the caller runs again. */
function borrow<T>(pool: Pool, work: (connection: Connection) => T): Promise<T> {
  return settled(() => {
    const connection = pool.acquire();
    try {
      return work(connection);
    } finally {
      pool.release(connection);
    }
  });
}

/** A client for the libSQL file at `path` (a path, not a URL), waiting up to `timeout` ms for another's lock. */
export function createFileClient(path: string, timeout: number): Client {
  const pool = new Pool(path, timeout);
  // Fail at once when the file cannot be opened.
  pool.release(pool.acquire());
  const client = {
    protocol: 'file',
    get closed() {
      return pool.closed;
    },
    execute: (statement: InStatement | string, args?: InArgs) =>
      borrow(pool, (connection) =>
        run(pool.cache, connection, typeof statement === 'string' ? { sql: statement, args: args ?? [] } : statement),
      ),
    batch: (statements: InStatement[], mode: TransactionMode = 'deferred') =>
      borrow(pool, (connection) => {
        run(pool.cache, connection, transactionModeToBegin(mode));
        const results = runAll(pool.cache, connection, statements);
        run(pool.cache, connection, 'COMMIT');
        return results;
      }),
    migrate: (statements: InStatement[]) =>
      borrow(pool, (connection) => {
        run(pool.cache, connection, 'PRAGMA foreign_keys=off');
        try {
          run(pool.cache, connection, transactionModeToBegin('deferred'));
          const results = runAll(pool.cache, connection, statements);
          run(pool.cache, connection, 'COMMIT');
          return results;
        } finally {
          if (connection.inTransaction) run(pool.cache, connection, 'ROLLBACK');
          run(pool.cache, connection, 'PRAGMA foreign_keys=on');
          pool.cache.clear();
        }
      }),
    transaction: (mode: TransactionMode = 'write') =>
      settled(() => {
        const connection = pool.acquire();
        try {
          run(pool.cache, connection, transactionModeToBegin(mode));
        } catch (error) {
          pool.release(connection);
          throw error;
        }
        return new FileTransaction(pool, connection);
      }),
    executeMultiple: (sql: string) =>
      borrow(pool, (connection) => {
        execMultiple(pool.cache, connection, sql);
      }),
    sync: () =>
      settled(() => {
        throw new LibsqlError('An embedded file has nothing to sync', 'SYNC_NOT_SUPPORTED');
      }),
    reconnect: () =>
      settled(() => {
        pool.closed = false;
      }),
    close: () => {
      pool.close();
    },
  };
  return client;
}
