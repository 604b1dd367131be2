import type { Translate } from '../../i18n/index.ts';
import { csvFile, csvNumber, csvText } from './csv.ts';
import type { Flag, ItemFlags, SideStats } from './item-bank.ts';
import type { ItemBankView } from './item-bank-view.ts';

// The item bank page as a spreadsheet (the report's CSV rules: ';' and decimal commas, formulas neutralised):
// one row per item version, current versions first by form, then the old ones.

const side = (s: SideStats) => [
  String(s.n),
  csvNumber(s.difficulty, 3),
  csvNumber(s.discrimination, 3),
  csvNumber(s.pointBiserial, 3),
];

export function itemBankCsv(view: ItemBankView, t: Translate): string {
  const flag = (value: Flag) =>
    csvText(value === 'yes' ? t('itemBank.csv.yes') : value === 'no' ? t('itemBank.csv.no') : t('itemBank.csv.few'));
  const flags = (f: ItemFlags) => [flag(f.tooEasyBefore), flag(f.negative)];
  const header = [
    t('itemBank.csv.form'),
    t('itemBank.csv.id'),
    t('itemBank.csv.version'),
    t('itemBank.csv.status'),
    t('itemBank.csv.objective'),
    t('itemBank.col.item'),
    t('itemBank.col.key'),
    ...(['pre', 'post'] as const).flatMap((kind) => {
      const test = t(kind === 'pre' ? 'itemBank.col.pre' : 'itemBank.col.post');
      return ['n', 'p', 'D', 'r'].map((stat) => `${test} ${stat}`);
    }),
    t('itemBank.flag.tooEasy'),
    t('itemBank.flag.negative'),
  ];
  const current = view.forms.flatMap(({ form, items }) =>
    items.map((item) => [
      form ?? '',
      csvText(item.questionId),
      String(item.version),
      csvText(t('itemBank.csv.current')),
      csvText(item.objective),
      csvText(item.text),
      csvText(item.key),
      ...side(item.pre),
      ...side(item.post),
      ...flags(item.flags),
    ]),
  );
  const old = view.old.map((item) => [
    '',
    csvText(item.questionId),
    String(item.version),
    csvText(t('itemBank.old.title')),
    '',
    '',
    '',
    ...side(item.pre),
    ...side(item.post),
    ...flags(item.flags),
  ]);
  return csvFile(header, [...current, ...old]);
}
