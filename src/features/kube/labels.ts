import { isMessageKey, type Translate } from '../../i18n/index.ts';

/** A division's name for people. Known divisions are in the dictionary; one added later shows its code. */
export function divisionLabel(t: Translate, division: string): string {
  const key = `kube.division.${division}`;
  return isMessageKey(key) ? t(key) : t('kube.division.other', { name: division });
}
