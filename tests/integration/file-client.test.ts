import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibsqlError, type Client } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileClient } from '../../db/file-client.ts';

// The embedded file's client (db/file-client.ts) keeps its prepared statements; it must answer as libSQL's own
// client does, on a real file.

let dir: string;
let client: Client;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kube-file-client-'));
  client = createFileClient(join(dir, 'test.db'), 1000);
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('create table t (id integer primary key, name text not null unique, data blob)');
});
afterEach(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createFileClient()', () => {
  it('runs a kept statement again with new arguments, rows readable by index and by name', async () => {
    await client.execute({
      sql: 'insert into t (name, data) values (?, ?)',
      args: ['a', new Uint8Array([1, 2]).buffer],
    });
    const inserted = await client.execute({ sql: 'insert into t (name) values (?)', args: ['b'] });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(2n);
    for (const name of ['a', 'b']) {
      const { rows, columns } = await client.execute({ sql: 'select id, name from t where name = ?', args: [name] });
      expect(columns).toEqual(['id', 'name']);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.['name']).toBe(name);
      expect(rows[0]?.[1]).toBe(name);
      expect(typeof rows[0]?.['id']).toBe('number');
      expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'name']);
    }
    const [blob] = (await client.execute("select data from t where name = 'a'")).rows;
    expect(new Uint8Array(blob?.['data'] as ArrayBuffer)).toEqual(new Uint8Array([1, 2]));
  });

  it('names SQLite errors as libSQL does', async () => {
    await client.execute({ sql: 'insert into t (name) values (?)', args: ['a'] });
    const error = await client
      .execute({ sql: 'insert into t (name) values (?)', args: ['a'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });
  });

  it('keeps a transaction to its own connection: others do not see it until it commits, nor after a rollback', async () => {
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'insert into t (name) values (?)', args: ['inside'] });
    expect((await tx.execute('select count(*) as n from t')).rows[0]?.['n']).toBe(1);
    expect((await client.execute('select count(*) as n from t')).rows[0]?.['n']).toBe(0);
    await tx.rollback();
    expect(tx.closed).toBe(true);
    expect((await client.execute('select count(*) as n from t')).rows[0]?.['n']).toBe(0);

    const kept = await client.transaction('write');
    await kept.execute({ sql: 'insert into t (name) values (?)', args: ['kept'] });
    await kept.commit();
    expect((await client.execute('select name from t')).rows.map((row) => row['name'])).toEqual(['kept']);
  });

  it('rolls a failed batch back whole, naming the statement that failed', async () => {
    const error = await client
      .batch(
        [
          { sql: 'insert into t (name) values (?)', args: ['x'] },
          { sql: 'insert into t (name) values (?)', args: ['x'] },
        ],
        'write',
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statementIndex: 1, code: 'SQLITE_CONSTRAINT' });
    expect((await client.execute('select count(*) as n from t')).rows[0]?.['n']).toBe(0);
  });

  it('describes the new columns after the schema changes', async () => {
    await client.execute({ sql: 'insert into t (name) values (?)', args: ['a'] });
    expect((await client.execute('select * from t')).columns).toEqual(['id', 'name', 'data']);
    await client.execute('alter table t add column phone text');
    expect((await client.execute('select * from t')).columns).toEqual(['id', 'name', 'data', 'phone']);
  });
});
