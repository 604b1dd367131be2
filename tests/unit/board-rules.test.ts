import { describe, expect, it } from 'vitest';
import {
  countBoard,
  holdsAnswers,
  judgeRow,
  lacksPin,
  sortBoard,
  type AttemptFacts,
  type DeviceFacts,
  type Participant,
} from '../../src/features/workshop/board-rules.ts';

const NOW = new Date('2026-12-01T08:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const person = (over: Partial<Participant> = {}): Participant => ({
  personId: 'p1',
  name: 'Bakri',
  role: 'anggota',
  hasPin: true,
  joinedAt: ago(600),
  method: 'pin',
  ...over,
});
const attempt = (over: Partial<AttemptFacts> = {}): AttemptFacts => ({
  id: 'a1',
  kind: 'pre',
  total: 10,
  score: null,
  startedAt: ago(5),
  submittedAt: null,
  answered: 0,
  lastAnswerAt: null,
  ...over,
});
const none = new Map<string, DeviceFacts>();

describe('judgeRow()', () => {
  it('warns about a tablet that dropped seconds after opening the test, though it never reported', () => {
    const row = judgeRow(
      person(),
      [attempt({ startedAt: ago(60), answered: 2, lastAnswerAt: ago(50) })],
      none,
      'pre',
      NOW,
    );
    expect(row.state).toBe('terputus');
    expect(row.silentSince).toEqual(ago(50));
    expect(holdsAnswers(row)).toBe(true);
  });

  it('counts a test whose answers keep arriving as in progress, without a report', () => {
    const row = judgeRow(
      person(),
      [attempt({ startedAt: ago(60), answered: 4, lastAnswerAt: ago(3) })],
      none,
      'pre',
      NOW,
    );
    expect(row.state).toBe('mengerjakan');
    expect(row.answered).toBe(4);
    expect(holdsAnswers(row)).toBe(false);
  });

  it('does not warn about an attempt left open before the member joined this workshop', () => {
    const row = judgeRow(person(), [attempt({ startedAt: ago(86_400) })], none, 'pre', NOW);
    expect(row.silentSince).toBeNull();
    expect(row.state).toBe('mengerjakan');
  });

  it('puts unsent answers ahead of silence, and silence ahead of progress', () => {
    const devices = new Map([['a1', { unsent: 3, submitPending: false, reportedAt: ago(40) }]]);
    const row = judgeRow(person(), [attempt({ startedAt: ago(60) })], devices, 'pre', NOW);
    expect(row.state).toBe('belum_terkirim');
    expect(row.unsent).toBe(3);
    expect(row.silentSince).toEqual(ago(40));
  });

  it('keeps an unfinished pre-test visible after the phase moved on to the post-test', () => {
    const row = judgeRow(person(), [attempt({ startedAt: ago(400), answered: 3 })], none, 'post', NOW);
    expect(row.state).toBe('terputus');
    expect(row.unfinished).toEqual([{ kind: 'pre', answered: 3, total: 10 }]);
  });

  it('scores the first handed-in attempts and forgets an unfinished retake', () => {
    const own = [
      attempt({ id: 'pre1', startedAt: ago(500), submittedAt: ago(400), score: 40 }),
      attempt({ id: 'post1', kind: 'post', startedAt: ago(100), submittedAt: ago(30), score: 80 }),
    ];
    const row = judgeRow(person(), own, none, 'post', NOW);
    expect(row).toMatchObject({ state: 'selesai', pre: 40, post: 80, gain: 40, unfinished: [] });
    expect(row.g).toBeCloseTo(0.667, 3);
  });
});

describe('lacksPin()', () => {
  it('flags members without a PIN, never officers (they sign in with a password)', () => {
    expect(lacksPin(person({ hasPin: false }))).toBe(true);
    expect(lacksPin(person({ role: 'pengurus', hasPin: false }))).toBe(false);
    expect(lacksPin(person())).toBe(false);
  });
});

describe('sortBoard() and countBoard()', () => {
  const rows = [
    judgeRow(person({ personId: 'x', name: 'Ani', joinedAt: null }), [], none, 'pre', NOW),
    judgeRow(person({ personId: 'y', name: 'Dewi' }), [], none, 'pre', NOW),
    judgeRow(person({ personId: 'z', name: 'Sumarni' }), [attempt({ startedAt: ago(90) })], none, 'pre', NOW),
    judgeRow(person({ personId: 'w', name: 'Budi' }), [attempt({ startedAt: ago(2) })], none, 'pre', NOW),
  ];

  it('puts trouble first, then the people present, then those not here yet', () => {
    expect(sortBoard(rows).map((r) => r.name)).toEqual(['Sumarni', 'Budi', 'Dewi', 'Ani']);
  });

  it('counts trouble by the same rule as the warning box, so a silent tablet is never "0"', () => {
    expect(countBoard(rows)).toEqual({ present: 3, total: 4, answering: 1, done: 0, trouble: 1 });
    expect(countBoard(rows).trouble).toBe(rows.filter(holdsAnswers).length);
  });
});
