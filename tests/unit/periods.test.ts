import { describe, expect, it } from 'vitest';
import { reportQuery } from '../../src/features/analytics/query.ts';
import type { Actor } from '../../src/features/auth/permissions.ts';
import { readIndicatorRequest } from '../../src/features/indicators/query.ts';
import { TREND_MONTHS, trendDays } from '../../src/features/indicators/trend.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { translateMessage } from '../../src/lib/errors.ts';
import { issueMessage } from '../../src/lib/issues.ts';
import { withinYears } from '../../src/lib/period.ts';

const t = useTranslations('id');
const admin: Actor = { id: 'a', role: 'admin', kubeId: null, assignedKubeIds: [] };
const indicatorErrors = (query: string) => {
  const request = readIndicatorRequest(admin, new URLSearchParams(query), '2026-11-28');
  return request.ok ? null : request.errors;
};

describe('withinYears()', () => {
  it('allows a period of exactly ten years and refuses one day more', () => {
    expect(withinYears('2016-01-01', '2025-12-31')).toBe(true);
    expect(withinYears('2016-01-01', '2026-01-01')).toBe(false);
    expect(withinYears('2016-02-29', '2026-02-28')).toBe(true);
  });

  it('refuses eight thousand years', () => {
    expect(withinYears('0001-01-01', '9999-12-31')).toBe(false);
  });
});

describe('readIndicatorRequest()', () => {
  it('refuses a period longer than ten years, with the message on the start date', () => {
    const errors = indicatorErrors('dari=1990-01-01&sampai=2026-11-30');
    expect(errors).toEqual({ dari: { key: 'errors.periodTooLong', params: { max: 10 } } });
    expect(translateMessage(errors?.['dari'] ?? 'errors.invalid', t)).toBe(
      'Periode paling panjang 10 tahun. Pilih tanggal awal dan akhir yang lebih dekat.',
    );
  });

  it('counts an open end as today: a start date alone may not reach back more than ten years', () => {
    expect(indicatorErrors('dari=2000-01-01')).toEqual({ dari: { key: 'errors.periodTooLong', params: { max: 10 } } });
    expect(indicatorErrors('dari=2017-01-01')).toBeNull();
  });

  it('still accepts the default period and ten whole years', () => {
    expect(indicatorErrors('')).toBeNull();
    expect(indicatorErrors('dari=2016-01-01&sampai=2025-12-31')).toBeNull();
  });
});

describe('readIndicatorRequest() and the years people type', () => {
  it('names the years first when a date lies outside them (8,000 years never reach the span rule)', () => {
    expect(indicatorErrors('dari=0001-01-01&sampai=9999-12-31')).toEqual({
      dari: { key: 'errors.dateYears', params: { from: 1980, to: 2099 } },
      sampai: { key: 'errors.dateYears', params: { from: 1980, to: 2099 } },
    });
  });
});

describe('reportQuery', () => {
  it('refuses a period longer than ten years and keeps open-ended periods', () => {
    const long = reportQuery.safeParse({ dari: '1990-01-01', sampai: '2026-11-30' });
    expect(long.success ? [] : long.error.issues.map((i) => [i.path[0], issueMessage(i)])).toEqual([
      ['dari', { key: 'errors.periodTooLong', params: { max: 10 } }],
    ]);
    expect(reportQuery.safeParse({ dari: '2016-01-01', sampai: '2025-12-31' }).success).toBe(true);
    expect(reportQuery.safeParse({ dari: '2020-01-01' }).success).toBe(true);
  });
});

describe('trendDays()', () => {
  it('gives every month end of a short period, the last cut at its end', () => {
    expect(trendDays('2026-01-15', '2026-04-10')).toEqual({
      days: ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-10'],
      months: 4,
      earlierTo: null,
    });
  });

  it('gives only the last 24 month ends of a long period, and where the earlier part ends', () => {
    const trend = trendDays('2016-01-01', '2025-12-31');
    expect(trend.days).toHaveLength(TREND_MONTHS);
    expect(trend.days[0]).toBe('2024-01-31');
    expect(trend.days.at(-1)).toBe('2025-12-31');
    expect(trend.months).toBe(120);
    expect(trend.earlierTo).toBe('2023-12-31');
  });

  it('stays small and quick for any period, even eight thousand years', () => {
    const start = performance.now();
    const trend = trendDays('0001-01-01', '9999-12-31');
    expect(performance.now() - start).toBeLessThan(50);
    expect(trend.days).toHaveLength(TREND_MONTHS);
    expect(trend.days[0]).toBe('9998-01-31');
    // Years below 100 stay themselves (Date.UTC would read 0001 as 1901).
    expect(trendDays('0001-01-01', '0002-03-15').days[0]).toBe('0001-01-31');
  });

  it('gives one day for a period within one month', () => {
    expect(trendDays('2026-02-03', '2026-02-10')).toEqual({ days: ['2026-02-10'], months: 1, earlierTo: null });
  });
});
