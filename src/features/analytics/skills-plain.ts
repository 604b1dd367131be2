import type { Translate, Locale } from '../../i18n/index.ts';
import type { SkillReport } from '../practice/report.ts';
import { score } from './format.ts';

// The skills part in one plain sentence, beside the knowledge verdict (plain.ts): how many people were scored
// before and after, and which way their mean score went. Null when nobody has both scores.

export function skillSentence(skills: SkillReport | null, t: Translate, locale: Locale): string | null {
  const { all } = skills ?? {};
  if (!all || all.n === 0 || all.meanGain === null) return null;
  const vars = {
    n: all.people,
    gain: score(locale, Math.abs(all.meanGain)),
    pre: score(locale, all.meanPre),
    post: score(locale, all.meanPost),
  };
  if (all.meanGain > 0) return t('report.skills.plain.up', vars);
  return all.meanGain < 0 ? t('report.skills.plain.down', vars) : t('report.skills.plain.same', vars);
}
