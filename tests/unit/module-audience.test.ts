import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../../src/features/learning/content-check.ts';
import { isModuleFor } from '../../src/features/learning/rules.ts';

// Issue 16: risk management (keuangan-kube/04) reaches every officer, not only the bendahara and the ketua
// (review D9: the paper plans it for all pengurus). Read from content/, so narrowing the audience again fails.

const { modules } = loadCurriculum('content', []);
const keuangan = modules.find((m) => m.data.slug === 'keuangan-kube')?.data;
const officers = ['ketua', 'sekretaris', 'bendahara', 'koordinator_marketing', 'koordinator_pemberdayaan'];

describe('who the module on money and its risks is for', () => {
  it('is for every officer, whatever position they hold, and for one whose position is not recorded yet', () => {
    expect(keuangan).toBeDefined();
    const audience = keuangan?.audience ?? { roles: [], positions: [] };
    for (const position of officers) expect(isModuleFor(audience, 'pengurus', [position]), position).toBe(true);
    expect(isModuleFor(audience, 'pengurus', [])).toBe(true);
  });

  it('stays an officers module: members do not get it', () => {
    expect(isModuleFor(keuangan?.audience ?? { roles: [], positions: [] }, 'anggota', [])).toBe(false);
  });
});
