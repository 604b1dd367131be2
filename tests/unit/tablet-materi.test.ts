import { describe, expect, it } from 'vitest';
import type { Workshop } from '../../src/features/workshop/service.ts';
import { materiLessonHref, materiRedirect } from '../../src/features/workshop/materi.ts';

const workshop = (phase: Workshop['phase'], closedAt: Date | null = null): Workshop => ({
  id: 'workshop1',
  kubeId: 'kube0001',
  moduleSlug: 'usaha-produk',
  date: '2026-12-01',
  place: 'Balai desa',
  notes: null,
  code: 'ABCD23',
  phase,
  purpose: 'learning',
  createdBy: 'person01',
  createdAt: new Date(0),
  closedAt,
});

describe('materiRedirect()', () => {
  it('opens the lessons only while the workshop is open and in its materi phase', () => {
    expect(materiRedirect(workshop('materi'), 'abcd23')).toBeNull();
  });

  it('sends every other phase to the join screen, which names the phase', () => {
    for (const phase of ['pre_test', 'post_test'] as const) {
      expect(materiRedirect(workshop(phase), 'abcd23')).toBe('/gabung?kode=ABCD23');
    }
  });

  it('sends a code that names no open workshop to the join screen with what was typed, for its error', () => {
    expect(materiRedirect(null, 'zz&x')).toBe('/gabung?kode=zz%26x');
    expect(materiRedirect(workshop('selesai', new Date()), 'ABCD23')).toBe('/gabung?kode=ABCD23');
  });
});

describe('materiLessonHref()', () => {
  it('names a lesson by its own part of the id, under the workshop code', () => {
    expect(materiLessonHref('ABCD23', 'usaha-produk/02-menjaga-mutu')).toBe('/gabung/ABCD23/materi/02-menjaga-mutu');
  });
});
