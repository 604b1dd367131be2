import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EARLIEST_YEAR, isWithinYears, LATEST_YEAR, latestWorkshopDate, todayIso } from '../../src/lib/dates.ts';
import { isoDate, optionalIsoDate } from '../../src/lib/forms.ts';
import { issueMessage, type Issue } from '../../src/lib/issues.ts';

const YEARS_MESSAGE = { key: 'errors.dateYears', params: { from: 1980, to: 2099 } };

const messages = (result: { error?: { issues: Issue[] } | undefined }) => result.error?.issues.map(issueMessage) ?? [];

describe('isoDate()', () => {
  it('accepts a day within the years a KUBE can have', () => {
    expect(isoDate().parse(`${EARLIEST_YEAR}-01-01`)).toBe('1980-01-01');
    expect(isoDate().parse('2026-03-09')).toBe('2026-03-09');
    expect(isoDate().parse(`${LATEST_YEAR}-12-31`)).toBe('2099-12-31');
  });

  it.each(['0001-01-01', '1979-12-31', '2100-01-01', '9999-12-31'])('refuses %s, naming the years allowed', (day) => {
    expect(messages(isoDate().safeParse(day))).toEqual([YEARS_MESSAGE]);
  });

  it('still says "write the date correctly" for a day that does not exist', () => {
    expect(messages(isoDate().safeParse('9999-02-30'))).toEqual([{ key: 'errors.date', params: {} }]);
  });
});

describe('optionalIsoDate()', () => {
  it('lets an empty field through and bounds a filled one, as the report and indicator filters use it', () => {
    expect(optionalIsoDate().parse(null)).toBeNull();
    expect(optionalIsoDate().parse('')).toBeNull();
    expect(messages(optionalIsoDate().safeParse('0001-01-01'))).toEqual([YEARS_MESSAGE]);
    expect(messages(optionalIsoDate().safeParse('9999-12-31'))).toEqual([YEARS_MESSAGE]);
  });
});

describe('isWithinYears()', () => {
  it('judges turnover months as well as days', () => {
    expect(isWithinYears('2026-06')).toBe(true);
    expect(isWithinYears('0001-01')).toBe(false);
    expect(isWithinYears('2100-01')).toBe(false);
  });
});

describe('latestWorkshopDate()', () => {
  it('allows planning a workshop about a year ahead, not more', () => {
    const now = new Date('2026-03-01T03:00:00Z');
    const latest = latestWorkshopDate(now);
    expect(latest >= '2027-03-01').toBe(true);
    expect(latest <= '2027-03-03').toBe(true);
  });
});

describe('todayIso()', () => {
  // Jakarta is UTC+7: from 17:00 UTC it is already the next day there.
  it.each([
    ['2026-03-01T16:59:59Z', '2026-03-01'],
    ['2026-03-01T17:00:00Z', '2026-03-02'],
    ['2026-03-01T20:30:00Z', '2026-03-02'],
    ['2026-12-31T23:59:59Z', '2027-01-01'],
  ])('at %s is %s, the day in Jakarta', (utc, day) => {
    expect(todayIso(new Date(utc))).toBe(day);
  });
});

describe('one source for "today"', () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
    );

  it('leaves no page or feature to work out the day in UTC by itself', () => {
    // `toISOString().slice(0, 10)` and `new Date().getDate()` give the UTC (or server) day, not Jakarta's.
    const own = sourceFiles('src').filter((file) => {
      if (file === join('src', 'lib', 'dates.ts')) return false;
      const text = readFileSync(file, 'utf8');
      return /toISOString\(\)\.slice\(0, (7|10)\)|new Date\(\)\.get|getUTC(Date|Month|FullYear)\(/.test(text);
    });
    expect(own).toEqual([]);
  });
});
