import { describe, expect, it } from 'vitest';
import {
  isModuleFor,
  mayPreviewAll,
  previewsModule,
  startHere,
  summarizeProgress,
} from '../../src/features/learning/rules.ts';

describe('isModuleFor()', () => {
  const everyone = { roles: ['anggota', 'pengurus'] as const, positions: [] };
  const bookkeeping = { roles: ['pengurus'] as const, positions: ['bendahara', 'ketua'] };

  it('shows a module to the roles it names', () => {
    expect(isModuleFor(everyone, 'anggota', [])).toBe(true);
    expect(isModuleFor(bookkeeping, 'anggota', [])).toBe(false);
  });

  it('shows a module aimed at some positions only to officers holding one', () => {
    expect(isModuleFor(bookkeeping, 'pengurus', ['bendahara'])).toBe(true);
    expect(isModuleFor(bookkeeping, 'pengurus', ['sekretaris'])).toBe(false);
    expect(isModuleFor(bookkeeping, 'pengurus', [])).toBe(false);
  });

  it('lets facilitators and admins preview everything, and nobody else', () => {
    expect(mayPreviewAll('pendamping')).toBe(true);
    expect(mayPreviewAll('admin')).toBe(true);
    expect(mayPreviewAll('pengurus')).toBe(false);
  });

  it('lets a facilitator preview other modules but study her own, pre-test first', () => {
    const forPendamping = { roles: ['pendamping'] as const, positions: [] };
    expect(previewsModule(everyone, 'pendamping')).toBe(true);
    expect(previewsModule(forPendamping, 'pendamping')).toBe(false);
    expect(previewsModule(forPendamping, 'admin')).toBe(true);
    expect(previewsModule(everyone, 'pengurus')).toBe(false);
  });
});

describe('summarizeProgress()', () => {
  const lessons = ['m/01', 'm/02', 'm/03', 'm/04'];

  it('starts at zero, not started', () => {
    expect(summarizeProgress(lessons, [], false)).toEqual({
      progress: 0,
      state: 'belum_mulai',
      lessonsCompleted: 0,
      lessonsTotal: 4,
    });
  });

  it('is in progress after a visit or a finished lesson, and done when all are finished', () => {
    expect(summarizeProgress(lessons, [], true).state).toBe('sedang_belajar');
    expect(summarizeProgress(lessons, ['m/02'], true)).toMatchObject({ progress: 0.25, state: 'sedang_belajar' });
    expect(summarizeProgress(lessons, lessons, true)).toMatchObject({ progress: 1, state: 'materi_selesai' });
  });

  it('ignores finished lessons that no longer exist, so progress never passes 1', () => {
    expect(summarizeProgress(['m/01', 'm/02'], ['m/01', 'm/02', 'm/old'], true)).toMatchObject({
      progress: 1,
      lessonsCompleted: 2,
    });
  });
});

describe('startHere()', () => {
  const everyone = { roles: ['anggota', 'pengurus'] as const, positions: [] };
  const bookkeeping = { roles: ['pengurus'] as const, positions: ['bendahara', 'ketua'] };
  const hakikat = { id: 'hakikat', audience: everyone, finished: false };
  const keuangan = { id: 'keuangan', audience: bookkeeping, finished: false };
  const modules = [hakikat, keuangan];

  it('points an officer to the module aimed at their position', () => {
    expect(startHere(modules, ['bendahara'])).toBe('keuangan');
  });

  it('points everyone else to the first unfinished module, and nobody to a finished one', () => {
    expect(startHere(modules, ['sekretaris'])).toBe('hakikat');
    expect(startHere([{ ...hakikat, finished: true }, keuangan], [])).toBe('keuangan');
    expect(startHere([{ ...keuangan, finished: true }], ['bendahara'])).toBeNull();
  });
});
