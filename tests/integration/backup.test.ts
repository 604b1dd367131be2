import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import { attemptAnswers, kubes, memberships, people } from '../../db/schema.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

// A backup taken while answers are being written is a consistent copy, and restoring it brings back exactly
// what it holds: the row counts and a checksum of every answer.

let t: TestDatabase;
let dir: string;
const ATTEMPTS = 40;

beforeEach(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'kube-backup-test-'));
  await t.db
    .insert(kubes)
    .values({ id: 'k1', name: 'Maju Bersama 1', desa: 'X', kecamatan: 'X', kabupaten: 'X', provinsi: 'X' });
  await t.db.insert(people).values({ id: 'p1', name: 'Sumarni', username: 'sumarni', role: 'anggota' });
  await t.db.insert(memberships).values({ id: 'm1', kubeId: 'k1', personId: 'p1', joinedOn: '2024-01-01' });
  for (let i = 0; i < ATTEMPTS; i++) {
    await seedAttempt(t.db, {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      personId: 'p1',
      moduleSlug: 'hakikat-kube',
      kind: 'pre',
      results: null,
      submittedAt: new Date('2026-03-01T02:00:00Z'),
      counted: false,
    });
  }
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';

/** Count and SHA-256 of every answer, in key order. */
async function answersOf(url: string) {
  const { client } = await openDatabase({ url });
  try {
    const rows = await client.execute(
      'SELECT attempt_id, question_id, option_id, answered_at FROM attempt_answers ORDER BY attempt_id, question_id',
    );
    const hash = createHash('sha256');
    for (const row of rows.rows) hash.update(`${text(row[0])}|${text(row[1])}|${text(row[2])}|${text(row[3])}\n`);
    const check = await client.execute('PRAGMA integrity_check');
    const people = await client.execute('SELECT count(*) FROM people');
    return {
      answers: rows.rows.length,
      checksum: hash.digest('hex'),
      integrity: text(check.rows[0]?.[0]),
      people: Number(people.rows[0]?.[0]),
    };
  } finally {
    client.close();
  }
}

const node = (script: string, args: string[], url: string, input?: string) =>
  spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, DATABASE_URL: url },
    input,
    encoding: 'utf8',
  });

describe('backups', () => {
  it('copy the live database consistently while answers are written, and restore exactly that copy', async () => {
    // Answers keep arriving, one transaction of 5 at a time, while db:backup runs in another process.
    let written = 0;
    const state = { writing: true };
    const writer = (async () => {
      // Capped, and yielding between transactions so the backup process's exit is heard.
      for (let n = 0; state.writing && n < 20_000; n++) {
        await new Promise((resolve) => setImmediate(resolve));
        const attemptId = `00000000-0000-4000-8000-${String(n % ATTEMPTS).padStart(12, '0')}`;
        const at = new Date(Date.UTC(2026, 2, 1, 2, 0, 0) + n);
        await t.db.transaction(async (tx) => {
          await tx.insert(attemptAnswers).values(
            Array.from({ length: 5 }, (_, q) => ({
              attemptId,
              questionId: `q${n}-${q}`,
              optionId: 'a',
              answeredAt: at,
              receivedAt: at,
            })),
          );
        });
        written += 5;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const backupDir = join(dir, 'backups');
    const child = spawn(process.execPath, ['scripts/backup.ts', backupDir], {
      env: { ...process.env, DATABASE_URL: `file:${t.path}` },
      stdio: 'pipe',
    });
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    state.writing = false;
    await writer;
    expect(exitCode).toBe(0);

    const [file] = readdirSync(backupDir);
    expect(file).toMatch(/^kube-berdaya-\d{4}-\d{2}-\d{2}T.+\.db$/);
    const backupPath = join(backupDir, file ?? '');
    const copy = await answersOf(`file:${backupPath}`);
    const live = await answersOf(`file:${t.path}`);
    expect(copy.integrity).toBe('ok');
    // Taken in the middle: some answers, not all, and whole transactions only.
    expect(copy.answers).toBeGreaterThan(0);
    expect(copy.answers).toBeLessThan(live.answers);
    expect(copy.answers % 5).toBe(0);
    expect(live.answers).toBe(written);

    // Restoring asks first: anything but "pulihkan" changes nothing.
    const target = join(dir, 'restored.db');
    const refused = node('scripts/restore.ts', [backupPath], `file:${target}`, 'tidak\n');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Nothing changed.');
    expect(existsSync(target)).toBe(false);

    // Into an empty place, then over the live database (its server stopped: our connection is closed).
    const restored = node('scripts/restore.ts', [backupPath, '--yes'], `file:${target}`);
    expect(restored.status, restored.stderr).toBe(0);
    expect(await answersOf(`file:${target}`)).toEqual(copy);

    t.client.close();
    const over = node('scripts/restore.ts', [backupPath, '--yes'], `file:${t.path}`);
    expect(over.status, over.stderr).toBe(0);
    expect(over.stdout).toContain(`${live.answers} answers`);
    expect(await answersOf(`file:${t.path}`)).toEqual(copy);
    const kept = readdirSync(dirname(t.path)).find((name) => name.startsWith('kube-berdaya-before-restore-'));
    expect(kept).toBeDefined();
    expect((await answersOf(`file:${join(dirname(t.path), kept ?? '')}`)).checksum).toBe(live.checksum);
  });

  it('refuse a file that is not a KUBE Berdaya database', () => {
    const bogus = join(dir, 'not-a-backup.db');
    spawnSync(process.execPath, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(bogus)}, 'hello')`]);
    const result = node('scripts/restore.ts', [bogus, '--yes'], `file:${join(dir, 'x.db')}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not a usable KUBE Berdaya backup');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
