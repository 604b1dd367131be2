import { useTranslations, type Locale } from '../../i18n/index.ts';
import { COLUMNS } from './columns.ts';
import { loadExcel } from '../../lib/excel.ts';

const EXAMPLE = {
  kabupaten: 'Bantul',
  kecamatan: 'Imogiri',
  desa: 'Wukirsari',
  kubeName: 'KUBE Maju Bersama',
  name: 'Siti Aminah',
  sex: 'P',
  role: 'pengurus',
  jabatan: 'ketua',
  phone: '0812 3456 7890',
  username: 'siti.aminah',
  provinsi: 'DI Yogyakarta',
} as const;

/** The downloadable XLSX template: the headers and one example row, and a sheet explaining each column. */
export async function buildImportTemplate(locale: Locale = 'id'): Promise<Uint8Array> {
  const t = useTranslations(locale);
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(t('import.template.sheet'));
  data.columns = COLUMNS.map((column) => ({ header: column.header, key: column.key, width: 22 }));
  data.getRow(1).font = { bold: true };
  // Text cells, so Excel keeps a phone number's leading 0.
  data.columns.forEach((column) => {
    column.numFmt = '@';
  });
  data.addRow(EXAMPLE);
  const help = workbook.addWorksheet(t('import.template.helpSheet'));
  help.columns = [
    { header: t('import.template.column'), key: 'column', width: 18 },
    { header: t('import.template.meaning'), key: 'meaning', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of COLUMNS) help.addRow({ column: column.header, meaning: t(`import.template.${column.key}`) });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
