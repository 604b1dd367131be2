import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './helpers/app.ts';
import { browserMissing, launchBrowser, signedInPage } from './helpers/browser.ts';
import { addKube, addPerson } from './helpers/people.ts';
import { seedAttempt } from '../helpers/attempts.ts';
import { workshops } from '../../db/schema.ts';
import { generateCode } from '../../src/features/workshop/rules.ts';

// A workshop in its pre-test, for the facilitator's page with its live board and the tablet's PIN screen.
const WORKSHOP = { id: 'axeworkshop1', code: generateCode() };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type AxeResult = { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  const kubeId = await addKube(app.connection, 'kubeaxe1', 'Maju Bersama 1');
  await addPerson(app.connection, 'admin', 'axe.admin', 'Admin-Aksesibel-2024');
  await addPerson(app.connection, 'pendamping', 'axe.pendamping', 'Pendamping-Aksesibel-24', kubeId);
  const member = await addPerson(app.connection, 'anggota', 'axe.anggota', '2468', kubeId);
  // One pre/post pair, so the report page shows its charts and tables.
  for (const [index, kind] of (['pre', 'post'] as const).entries()) {
    await seedAttempt(app.connection.db, {
      id: `00000000-0000-4000-8000-0000000axe0${index}`,
      personId: member.id,
      moduleSlug: 'usaha-produk',
      kind,
      results: { 'up-q01': 1, 'up-q02': kind === 'post' ? 1 : 0 },
      submittedAt: new Date(kind === 'pre' ? '2026-03-01T02:00:00Z' : '2026-03-09T02:00:00Z'),
      counted: true,
    });
  }
  await app.connection.db.insert(workshops).values({
    ...WORKSHOP,
    kubeId,
    moduleSlug: 'usaha-produk',
    date: '2026-12-01',
    place: 'Balai desa',
    phase: 'pre_test',
  });
  if (!browserMissing) browser = await launchBrowser();
});
afterAll(async () => {
  if (!browserMissing) await browser.close();
  await app.stop();
});

async function openAs(username: string, secret: string, width: number): Promise<Page> {
  // Axe is injected as a script; the page's own CSP would rightly refuse it.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
  return username ? signedInPage(context, app.url, username, secret) : context.newPage();
}

/** Pages checked on purpose as the plain explanation a refusal shows: an unknown code, another role's module. */
const EXPLAINED_REFUSALS: Record<string, number> = { '/gabung?kode=ZZZZZZ': 404, '/belajar/keuangan-kube': 403 };

async function violationsOn(page: Page, path: string): Promise<string[]> {
  // An error page instead of the page meant would make a clean result worthless.
  const response = await page.goto(`${app.url}${path}`);
  const status = response?.status();
  if (status !== (EXPLAINED_REFUSALS[path] ?? 200)) return [`${path}: answered ${String(status)}, not the page meant`];
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe.run());
  return result.violations.map(
    (v) => `${path}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe.skipIf(browserMissing)('accessibility (axe-core in Chromium)', () => {
  it.each([
    [
      'a visitor',
      '',
      '',
      ['/masuk', '/offline', '/gabung', '/gabung?kode=ZZZZZZ', `/gabung/${WORKSHOP.code}/taxeanggota`],
      360,
    ],
    [
      'an admin',
      'axe.admin',
      'Admin-Aksesibel-2024',
      [
        '/',
        '/admin',
        '/admin/orang',
        '/admin/orang/baru',
        '/kube',
        '/kube/kubeaxe1',
        '/admin/kube/baru',
        '/akun',
        '/admin/target',
        '/admin/soal',
        '/admin/soal/hakikat-kube',
        '/indikator/2',
      ],
      1024,
    ],
    [
      'a facilitator',
      'axe.pendamping',
      'Pendamping-Aksesibel-24',
      [
        '/',
        '/kube',
        '/kube/kubeaxe1',
        '/belajar/keuangan-kube/01-buku-kas',
        '/kube/kubeaxe1/orang/taxeanggota',
        '/kube/kubeaxe1/workshop',
        `/workshop/${WORKSHOP.id}`,
        '/laporan',
        '/laporan?modul=usaha-produk',
        '/indikator',
        '/indikator/1',
        '/indikator/3',
        '/kube/kubeaxe1/kapasitas',
        '/kube/kubeaxe1/kapasitas/baru',
        '/kube/kubeaxe1/usaha',
      ],
      800,
    ],
    [
      'a member on a phone',
      'axe.anggota',
      '2468',
      [
        '/',
        '/akun',
        '/belajar/hakikat-kube',
        '/belajar/hakikat-kube/01-apa-itu-kube',
        '/belajar/keuangan-kube',
        '/belajar/hakikat-kube/tes/pre',
        '/belajar/riwayat',
      ],
      320,
    ],
  ] as const)('finds no violations on the pages of %s', async (_who, username, secret, paths, width) => {
    const page = await openAs(username, secret, width);
    const violations: string[] = [];
    for (const path of paths) violations.push(...(await violationsOn(page, path)));
    await page.context().close();
    expect(violations).toEqual([]);
  });
});
