import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { practiceScore, taskFits } from '../../src/features/practice/rules.ts';
import { checkTasks } from '../../src/features/practice/task-check.ts';

// Practical tasks: which fit a person, how a checklist becomes a score, and the content check of content/tasks.

describe('which practical tasks fit a person', () => {
  const anyOfficer = { positions: [] };
  const forLeaders = { positions: ['ketua', 'sekretaris'] };

  it('gives tasks to officers only', () => {
    for (const role of ['anggota', 'pendamping', 'admin'] as const) {
      expect(taskFits(anyOfficer, role, ['ketua'])).toBe(false);
    }
    expect(taskFits(anyOfficer, 'pengurus', [])).toBe(true);
  });

  it('gives a task aimed at positions only to someone holding one of them now', () => {
    expect(taskFits(forLeaders, 'pengurus', ['sekretaris'])).toBe(true);
    expect(taskFits(forLeaders, 'pengurus', ['bendahara', 'ketua'])).toBe(true);
    expect(taskFits(forLeaders, 'pengurus', ['bendahara'])).toBe(false);
    expect(taskFits(forLeaders, 'pengurus', [])).toBe(false);
  });
});

describe('the score of a checklist', () => {
  it('is the share done, 0–100, rounded to one decimal', () => {
    expect(practiceScore(4, 6)).toBe(66.7);
    expect(practiceScore(1, 3)).toBe(33.3);
    expect(practiceScore(2, 3)).toBe(66.7);
    expect(practiceScore(0, 7)).toBe(0);
    expect(practiceScore(7, 7)).toBe(100);
    expect(practiceScore(1, 8)).toBe(12.5);
  });

  it('refuses an empty checklist', () => {
    expect(() => practiceScore(0, 0)).toThrow(RangeError);
  });
});

describe('the content check of content/tasks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-tasks-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the real tasks, three of them with 4–7 observable points', () => {
    expect(checkTasks('content')).toEqual([]);
    for (const slug of ['buku-kas-sebulan', 'musyawarah-divisi', 'laporan-bulanan']) {
      const task = parse(readFileSync(`content/tasks/${slug}.yaml`, 'utf8')) as { checklist: unknown[] };
      expect(task.checklist.length, slug).toBeGreaterThanOrEqual(4);
      expect(task.checklist.length, slug).toBeLessThanOrEqual(7);
    }
  });

  it('names an unknown module, an unknown jabatan code and a slug that is not the file name', () => {
    cpSync('content/modules', join(dir, 'modules'), { recursive: true });
    mkdirSync(join(dir, 'tasks'));
    const text = readFileSync('content/tasks/laporan-bulanan.yaml', 'utf8')
      .replace('module: manajemen-kube', 'module: manajemen-x')
      .replace('positions: [ketua, sekretaris]', 'positions: [ketua, kasir]');
    writeFileSync(join(dir, 'tasks', 'laporan-lain.yaml'), text);
    const problems = checkTasks(dir);
    expect(problems).toContain(`${join(dir, 'tasks', 'laporan-lain.yaml')}: module: "manajemen-x" is not a module`);
    expect(problems).toContain(
      `${join(dir, 'tasks', 'laporan-lain.yaml')}: positions.1: "kasir" is not a jabatan code`,
    );
    expect(problems).toContain(`${join(dir, 'tasks', 'laporan-lain.yaml')}: slug: must match the file name`);
  });
});
