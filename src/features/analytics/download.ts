import type { Translate } from '../../i18n/index.ts';
import type { SheetFooter } from './xlsx.ts';
import { XLSX_TYPE } from './xlsx.ts';

// The report's and the indicators' downloads come as CSV or, with `format=xlsx`, as an Excel workbook: the
// same route, so the same filters and the same permission checks hold for both.

export type DownloadFormat = 'csv' | 'xlsx';

/** The format asked for: CSV when none is named, null for anything but csv or xlsx. */
export function readFormat(params: URLSearchParams): DownloadFormat | null {
  const format = params.get('format');
  if (format === null || format === 'csv') return 'csv';
  return format === 'xlsx' ? 'xlsx' : null;
}

/** The moment a file was made, in Western Indonesia Time where the program runs: "2026-03-09 14:05 WIB". */
export function madeAt(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta',
    ...{ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} WIB`;
}

/** What every sheet's header block ends with: when the file was made, and by which program. */
export function sheetFooter(t: Translate, now = new Date()): SheetFooter {
  return { madeLabel: t('report.csv.made'), made: madeAt(now), program: t('footer.program') };
}

/** A file to save, never kept by a cache: it holds people's names and scores. */
export function fileResponse(body: string | Uint8Array<ArrayBuffer>, filename: string): Response {
  const xlsx = filename.endsWith('.xlsx');
  return new Response(body, {
    headers: {
      'content-type': xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** A download's address asking for another format, every other parameter kept. */
export function withFormat(href: string, format: DownloadFormat): string {
  const [path = '', query = ''] = href.split('?', 2);
  const params = new URLSearchParams(query);
  params.set('format', format);
  return `${path}?${params.toString()}`;
}
