import type { Translate } from '../../../i18n/index.ts';
import type { Rubric } from '../rubric-schema.ts';

/** A score as its rubric level, e.g. "3 — Sudah berjalan"; a dash for no score. */
export function levelText(rubric: Rubric, value: unknown, t: Translate): string {
  const level = rubric.levels.find((l) => l.score === value);
  return level ? t('capacity.level', { score: level.score, label: level.label }) : '—';
}
