import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../../db/schema.ts';
import { certificateCode, formatCode, parseCode } from '../../src/features/certificates/code.ts';
import { passOutcome, type PassFacts } from '../../src/features/certificates/rules.ts';
import type { ModuleView } from '../../src/features/learning/module-state.ts';
import { checkPaths } from '../../src/features/paths/path-check.ts';
import type { PathEntry } from '../../src/features/paths/paths.ts';
import { pathOf } from '../../src/features/paths/paths.ts';
import { pathView } from '../../src/features/paths/view.ts';

// The pure parts of issue 19's paths and certificates: the code, the rule of a module passed, a person's path
// and where they stand on it, and the content check of content/paths.

describe('a certificate code', () => {
  it('is 10 characters of Crockford base 32, the same for the same person, module and serial', () => {
    const code = certificateCode('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'keuangan-kube', 1);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(certificateCode('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'keuangan-kube', 1)).toBe(code);
    expect(certificateCode('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'keuangan-kube', 2)).not.toBe(code);
    expect(certificateCode('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hakikat-kube', 1)).not.toBe(code);
    expect(certificateCode('a1b2c3d4e5f60718293a4b5c6d7e8f91', 'keuangan-kube', 1)).not.toBe(code);
  });

  it('spreads over the alphabet: 2,000 people give 2,000 different codes', () => {
    const codes = new Set(Array.from({ length: 2000 }, (_, i) => certificateCode(`person${String(i)}`, 'x', 1)));
    expect(codes.size).toBe(2000);
    const firsts = new Set([...codes].map((code) => code.charAt(0)));
    expect(firsts.size).toBe(32);
  });

  it('is printed in two halves and read back however it was typed', () => {
    expect(formatCode('AHW6Z9HPKB')).toBe('AHW6Z-9HPKB');
    expect(parseCode('AHW6Z-9HPKB')).toBe('AHW6Z9HPKB');
    expect(parseCode(' ahw6z 9hpkb ')).toBe('AHW6Z9HPKB');
    // Letters left out of the alphabet read as what they look like.
    expect(parseCode('OIL00-00000')).toBe('0110000000');
    expect(parseCode('AHW6Z9HPK')).toBeNull();
    expect(parseCode('AHW6Z9HPKBX')).toBeNull();
    expect(parseCode('AHW6Z9HPKU')).toBeNull();
    expect(parseCode("' or 1=1 --")).toBeNull();
    expect(parseCode('')).toBeNull();
  });
});

describe('a module passed', () => {
  const at = (iso: string) => new Date(iso);
  const facts = (changes: Partial<PassFacts> = {}): PassFacts => ({
    posts: [],
    tasks: [],
    withdrawnAt: null,
    ...changes,
  });

  it('needs a post-test at or above the mastery score', () => {
    expect(passOutcome(facts(), 70)).toEqual({ passed: false, why: 'no_post' });
    expect(passOutcome(facts({ posts: [{ score: 69.9, submittedAt: at('2026-05-01T03:00:00Z') }] }), 70)).toEqual({
      passed: false,
      why: 'post_below',
    });
    expect(passOutcome(facts({ posts: [{ score: 70, submittedAt: at('2026-05-01T03:00:00Z') }] }), 70)).toEqual({
      passed: true,
      earnedOn: '2026-05-01',
      scoredBy: null,
    });
  });

  it('dates the pass by the first passing post-test, in Western Indonesia Time', () => {
    const posts = [
      { score: 90, submittedAt: at('2026-05-20T03:00:00Z') },
      { score: 50, submittedAt: at('2026-05-01T03:00:00Z') },
      // 18:30 UTC is already the next day in Jakarta.
      { score: 80, submittedAt: at('2026-05-10T18:30:00Z') },
    ];
    expect(passOutcome(facts({ posts }), 70)).toMatchObject({ passed: true, earnedOn: '2026-05-11' });
  });

  it('needs each fitting practical task scored after the training at or above it, and dates by the later', () => {
    const posts = [{ score: 85, submittedAt: at('2026-05-10T03:00:00Z') }];
    expect(passOutcome(facts({ posts, tasks: [{ slug: 'buku-kas-sebulan', post: null }] }), 70)).toEqual({
      passed: false,
      why: 'task_missing',
    });
    const low = { score: 50, doneOn: '2026-05-12', scoredBy: 'Rina' };
    expect(passOutcome(facts({ posts, tasks: [{ slug: 'buku-kas-sebulan', post: low }] }), 70)).toEqual({
      passed: false,
      why: 'task_below',
    });
    const good = { score: 83.3, doneOn: '2026-05-12', scoredBy: 'Rina' };
    expect(passOutcome(facts({ posts, tasks: [{ slug: 'buku-kas-sebulan', post: good }] }), 70)).toEqual({
      passed: true,
      earnedOn: '2026-05-12',
      scoredBy: 'Rina',
    });
    // A task scored before the post-test: the post-test's day, and the scorer still signs.
    const earlier = { ...good, doneOn: '2026-05-02' };
    expect(passOutcome(facts({ posts, tasks: [{ slug: 'buku-kas-sebulan', post: earlier }] }), 70)).toEqual({
      passed: true,
      earnedOn: '2026-05-10',
      scoredBy: 'Rina',
    });
  });

  it('after a withdrawal, counts only a post-test taken later', () => {
    const posts = [{ score: 95, submittedAt: at('2026-05-10T03:00:00Z') }];
    const withdrawnAt = at('2026-06-01T03:00:00Z');
    expect(passOutcome(facts({ posts, withdrawnAt }), 70)).toEqual({ passed: false, why: 'no_post' });
    const again = [...posts, { score: 75, submittedAt: at('2026-06-05T03:00:00Z') }];
    expect(passOutcome(facts({ posts: again, withdrawnAt }), 70)).toMatchObject({
      passed: true,
      earnedOn: '2026-06-05',
    });
  });
});

const entry = (id: string, modules: string[]): PathEntry =>
  ({
    id,
    collection: 'paths',
    data: { jabatan: id, summary: 'x', steps: modules.map((module) => ({ module, why: `why ${module}` })) },
  }) as unknown as PathEntry;

describe('a person’s learning path', () => {
  const paths = new Map([
    ['ketua', entry('ketua', ['hakikat-kube', 'manajemen-kube', 'tugas-pengurus'])],
    ['koordinator_marketing', entry('koordinator_marketing', ['hakikat-kube', 'divisi-kube', 'usaha-pasar'])],
    ['anggota', entry('anggota', ['hakikat-kube', 'usaha-produk'])],
  ]);

  it('is the position’s path; two positions give the first one’s modules, then the new ones of the next', () => {
    expect(pathOf(paths, 'pengurus', ['ketua'])?.steps.map((step) => step.module)).toEqual([
      'hakikat-kube',
      'manajemen-kube',
      'tugas-pengurus',
    ]);
    // In the jabatan table's order, whatever order the positions were read in.
    const both = pathOf(paths, 'pengurus', ['koordinator_marketing', 'ketua']);
    expect(both?.from).toEqual(['ketua', 'koordinator_marketing']);
    expect(both?.steps.map((step) => step.module)).toEqual([
      'hakikat-kube',
      'manajemen-kube',
      'tugas-pengurus',
      'divisi-kube',
      'usaha-pasar',
    ]);
  });

  it('is the members’ path for a member, and none for staff or an officer without a position', () => {
    expect(pathOf(paths, 'anggota', [])?.from).toEqual(['anggota']);
    expect(pathOf(paths, 'pengurus', [])).toBeNull();
    expect(pathOf(paths, 'pendamping', ['ketua'])).toBeNull();
    expect(pathOf(paths, 'admin', [])).toBeNull();
  });

  it('marks what is passed, why a module is not, and the one step to do next', () => {
    const steps = ['hakikat-kube', 'manajemen-kube', 'tugas-pengurus', 'divisi-kube', 'usaha-pasar'].map((module) => ({
      module,
      why: 'x',
    }));
    const view = (badge: ModuleView['badge']): ModuleView => ({
      badge,
      stage: 'lessons',
      stepKey: 'assessment.stage.lessons',
      next: 'continue_lessons',
      lessonsCompleted: 1,
      lessonsTotal: 4,
    });
    const certificate = (moduleSlug: string, withdrawn = false) =>
      ({
        id: 'AHW6Z9HPKB',
        moduleSlug,
        withdrawnAt: withdrawn ? new Date() : null,
      }) as Certificate;
    const result = pathView(
      steps,
      new Map([
        ['tugas-pengurus', view('sedang_belajar')],
        ['divisi-kube', view('sedang_belajar')],
      ]),
      {
        outcomes: new Map([
          ['hakikat-kube', { passed: true, earnedOn: '2026-05-01', scoredBy: null }],
          ['manajemen-kube', { passed: false, why: 'task_missing' }],
        ] as const),
        certificates: new Map([
          ['hakikat-kube', certificate('hakikat-kube')],
          ['usaha-pasar', certificate('usaha-pasar', true)],
        ]),
      },
    );
    expect(result.steps.map((step) => [step.module, step.status.kind, step.next])).toEqual([
      ['hakikat-kube', 'passed', false],
      ['manajemen-kube', 'not_passed', true],
      ['tugas-pengurus', 'in_progress', false],
      ['divisi-kube', 'in_progress', false],
      ['usaha-pasar', 'not_passed', false],
    ]);
    expect(result.steps[4]?.status).toEqual({ kind: 'not_passed', why: 'withdrawn' });
    expect([result.passed, result.total]).toEqual([1, 5]);
  });
});

describe('the content check of content/paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-paths-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the real paths: one per position and one for members', () => {
    expect(checkPaths('content')).toEqual([]);
  });

  it('names an unknown module, a module not meant for the path’s people, a missing path and a wrong file name', () => {
    cpSync('content/modules', join(dir, 'modules'), { recursive: true });
    cpSync('content/paths', join(dir, 'paths'), { recursive: true });
    rmSync(join(dir, 'paths', 'sekretaris.yaml'));
    const bendahara = readFileSync('content/paths/bendahara.yaml', 'utf8')
      .replace('module: keuangan-usaha', 'module: keuangan-x')
      .replace('module: bantuan-uep', 'module: peran-pendamping');
    writeFileSync(join(dir, 'paths', 'bendahara.yaml'), bendahara);
    writeFileSync(join(dir, 'paths', 'kasir.yaml'), readFileSync('content/paths/ketua.yaml', 'utf8'));
    const problems = checkPaths(dir);
    const file = join(dir, 'paths', 'bendahara.yaml');
    expect(problems).toContain(`${file}: steps.3.module: "keuangan-x" is not a module`);
    expect(problems).toContain(`${file}: steps.4.module: "peran-pendamping" is not meant for pengurus`);
    expect(problems).toContain(`${join(dir, 'paths')}: no path for "sekretaris"`);
    expect(problems).toContain(`${join(dir, 'paths', 'kasir.yaml')}: jabatan: must match the file name`);
  });

  it('refuses a module twice in one path', () => {
    const twice = readFileSync('content/paths/anggota.yaml', 'utf8').replace(
      'module: aturan-kelompok',
      'module: hakikat-kube',
    );
    writeFileSync(join(dir, 'paths', 'anggota.yaml'), twice);
    expect(checkPaths(dir)).toContain(
      `${join(dir, 'paths', 'anggota.yaml')}: steps: a module appears only once in a path`,
    );
  });
});
