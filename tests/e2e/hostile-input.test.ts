import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attempts,
  capacityAssessments,
  certificates,
  INDICATOR_TARGETS,
  MARKETING_CHANNELS,
  PARTNER_TYPES,
  PARTNERSHIP_STATUSES,
  positions,
  ROLES,
  TEST_PERMISSIONS,
  WORKSHOP_PHASES,
} from '../../db/schema.ts';
import { certificateCode } from '../../src/features/certificates/code.ts';
import { createWorkshop } from '../../src/features/workshop/service.ts';
import { startApp, type RunningApp } from './helpers/app.ts';
import { addKube, addPerson, cookieFor } from './helpers/people.ts';
import { listActions, listEndpoints, listRoutes } from './helpers/routes.ts';

// Malformed, oversized and wrong-typed input thrown at every action and endpoint found in the code: each
// answers with a clear 4xx, never a 5xx or a success, and the database stays as it was. Every generated
// request breaks at least one rule its validator enforces, so a success would be a real hole.

// ---------------------------------------------------------------------------------------------------------
// What each action reads

/**
 * How a field is checked, which decides what is sure to be refused: `loose` fields may take almost anything
 * (optional, or checked only together with others), so they get hostile values but never carry the break.
 * A list of strings is an enum.
 */
type Kind =
  | 'id' // recordId(), the one id rule: [a-z0-9]{8,40}
  | 'uuid'
  | 'slug'
  | 'lessonId'
  | 'date'
  | 'text' // required, with a maximum length
  | 'secret' // a password: required, at most 1000 characters
  | 'pin'
  | 'username'
  | 'code' // a jabatan code
  | 'certificate' // a certificate's verification code: 10 characters of Crockford base 32
  | 'month'
  | 'amount'
  | 'year'
  | 'list' // a JSON array of objects
  | 'loose'
  | readonly string[];

type ActionSpec = {
  fields: Record<string, Kind>;
  /** Takes JSON; a form post is refused with 415. */
  json?: true;
  /** The page whose form posts to it (`?_action=`), as its route pattern. */
  page?: string;
};

const capacityFields: Record<string, Kind> = {
  kubeId: 'id',
  id: 'loose',
  assessedOn: 'date',
  notes: 'loose',
  'skor-a1': 'loose',
};
const channelFields: Record<string, Kind> = {
  kubeId: 'id',
  channel: MARKETING_CHANNELS,
  detail: 'loose',
  startedOn: 'date',
  endedOn: 'loose',
};
const productFields: Record<string, Kind> = {
  kubeId: 'id',
  name: 'text',
  note: 'loose',
  startedOn: 'date',
  endedOn: 'loose',
};
const partnershipFields: Record<string, Kind> = {
  kubeId: 'id',
  partner: 'text',
  type: PARTNER_TYPES,
  since: 'date',
  status: PARTNERSHIP_STATUSES,
  endedOn: 'loose',
  note: 'loose',
};
const kubeFields: Record<string, Kind> = {
  name: 'text',
  desa: 'text',
  kecamatan: 'text',
  kabupaten: 'text',
  provinsi: 'text',
  businessTypes: 'text',
  skNumber: 'loose',
  skDate: 'loose',
};
const personFields: Record<string, Kind> = {
  name: 'text',
  username: 'username',
  role: ROLES,
  kubeId: 'loose',
  joinedOn: 'loose',
  phone: 'loose',
  business: 'loose',
  sex: 'loose',
};

/**
 * Every action's fields, as its zod input reads them. A new action fails the test below until it is added
 * here. The three without input (sign out, sign out everywhere, load the demo) get only bodies that cannot be
 * read as a form at all; their pages show nothing for a refused sign-out, so they are called directly.
 */
const ACTIONS: Record<string, ActionSpec> = {
  'assessment.start': {
    fields: { attemptId: 'uuid', moduleSlug: 'slug', kind: ['pre', 'post', 'retention'] },
    page: '/belajar/[modul]/tes/[jenis]',
  },
  'assessment.saveAnswers': { fields: { attemptId: 'uuid', answers: 'list' }, json: true },
  'assessment.submit': { fields: { attemptId: 'uuid', answers: 'list' }, json: true },
  'assessment.sendHeld': { fields: { attemptId: 'uuid', answers: 'list' }, json: true },
  'assessment.submitForm': {
    fields: { attemptId: 'uuid', 'jawaban-q1': 'loose' },
    page: '/belajar/[modul]/tes/[jenis]',
  },
  'assessment.grant': {
    fields: { personId: 'id', moduleSlug: 'slug', kind: TEST_PERMISSIONS, revoke: 'loose' },
    page: '/kube/[id]/orang/[personId]',
  },
  'auth.setupFirstAdmin': {
    fields: { name: 'text', username: 'username', password: 'secret', passwordConfirm: 'loose' },
    page: '/mulai',
  },
  'demo.loadDemo': { fields: {} },
  'lapangan.pair': {
    fields: { districtUrl: 'text', facilitatorUsername: 'username', facilitatorPassword: 'secret', deviceName: 'text' },
    page: '/mulai',
  },
  'lapangan.sync': { fields: {}, page: '/lapangan' },
  'auth.signIn': { fields: { username: 'text', secret: 'secret', next: 'loose' }, page: '/masuk' },
  'auth.signOut': { fields: {} },
  'auth.signOutEverywhere': { fields: {} },
  'auth.changePassword': {
    fields: { currentPassword: 'secret', password: 'secret', passwordConfirm: 'loose' },
    page: '/akun',
  },
  'capacity.recordAssessment': { fields: capacityFields, page: '/kube/[id]/kapasitas/baru' },
  'capacity.correctAssessment': { fields: capacityFields, page: '/kube/[id]/kapasitas/[assessmentId]' },
  'facts.addChannel': { fields: channelFields, page: '/kube/[id]/usaha' },
  'facts.correctChannel': { fields: { ...channelFields, id: 'id' }, page: '/kube/[id]/usaha' },
  'facts.addProduct': { fields: productFields, page: '/kube/[id]/usaha' },
  'facts.correctProduct': { fields: { ...productFields, id: 'id' }, page: '/kube/[id]/usaha' },
  'facts.addPartnership': { fields: partnershipFields, page: '/kube/[id]/usaha' },
  'facts.correctPartnership': { fields: { ...partnershipFields, id: 'id' }, page: '/kube/[id]/usaha' },
  'facts.setTurnover': { fields: { kubeId: 'id', month: 'month', amount: 'amount' }, page: '/kube/[id]/usaha' },
  // A file whose content only the plan judges: no hostile value has the required headers.
  'impor.preview': { fields: { file: 'text' }, page: '/admin/impor' },
  'impor.confirm': { fields: { previewId: 'id' }, page: '/admin/impor' },
  'indicators.setTarget': { fields: { year: 'year', key: INDICATOR_TARGETS, value: 'text' }, page: '/admin/target' },
  'kartu.reissue': { fields: { kubeId: 'id', personId: 'id' }, page: '/kube/[id]' },
  'kube.create': { fields: kubeFields, page: '/admin/kube/baru' },
  'kube.update': { fields: { ...kubeFields, kubeId: 'id' }, page: '/admin/kube/[id]/ubah' },
  'kube.recordPosition': {
    fields: { kubeId: 'id', personId: 'id', jabatanCode: 'code', startDate: 'date', note: 'loose' },
    page: '/kube/[id]',
  },
  'kube.endPosition': { fields: { positionId: 'id', endDate: 'date' }, page: '/kube/[id]' },
  'kube.correctPosition': {
    fields: { positionId: 'id', startDate: 'date', endDate: 'loose', note: 'loose' },
    page: '/kube/[id]',
  },
  'kube.assignFacilitator': { fields: { kubeId: 'id', personId: 'id' }, page: '/kube/[id]' },
  'kube.unassignFacilitator': { fields: { kubeId: 'id', personId: 'id' }, page: '/kube/[id]' },
  'learning.completeLesson': { fields: { lessonId: 'lessonId' }, page: '/belajar/[modul]/[pelajaran]' },
  'people.create': {
    fields: { ...personFields, password: 'loose', passwordConfirm: 'loose', pin: 'loose' },
    page: '/admin/orang/baru',
  },
  'people.update': { fields: { ...personFields, id: 'id', active: 'loose' }, page: '/admin/orang/[id]' },
  'practice.score': {
    fields: {
      personId: 'id',
      taskSlug: 'slug',
      kind: ['pre', 'post'],
      doneOn: 'date',
      notes: 'loose',
      'poin-md-tujuan': 'loose',
    },
    page: '/kube/[id]/orang/[personId]/praktik/[tugas]',
  },
  'rencana.fill': { fields: { kubeId: 'id', year: 'year' }, page: '/kube/[id]/rencana' },
  'rencana.add': {
    fields: {
      kubeId: 'id',
      year: 'year',
      month: ['1', '6', '12'],
      moduleSlug: 'slug',
      audience: ['all', 'officers'],
      jabatanCode: 'loose',
      facilitatorId: 'loose',
    },
    page: '/kube/[id]/rencana',
  },
  'rencana.remove': { fields: { sessionId: 'id' }, page: '/kube/[id]/rencana' },
  'rencana.update': {
    fields: { sessionId: 'id', month: ['1', '6', '12'], facilitatorId: 'loose' },
    page: '/kube/[id]/rencana',
  },
  'rencana.start': { fields: { sessionId: 'id', place: 'text' }, page: '/kube/[id]/rencana' },
  'sertifikat.withdraw': { fields: { code: 'certificate', reason: 'text' }, page: '/sertifikat/[kode]/cetak' },
  'people.resetPin': { fields: { id: 'id', pin: 'pin' }, page: '/kube/[id]/orang/[personId]' },
  'people.resetSecret': {
    fields: { kind: ['pin', 'password'], id: 'id', pin: 'loose', password: 'loose', passwordConfirm: 'loose' },
    page: '/admin/orang/[id]',
  },
  'perangkat.revoke': { fields: { deviceId: 'id', confirm: ['1'] }, page: '/admin/perangkat' },
  // A file whose content only the import judges: every hostile value is refused as no paket lapangan.
  'perangkat.upload': { fields: { package: 'text' }, page: '/perangkat' },
  'workshop.join': { fields: { code: 'text', personId: 'id', pin: 'pin' }, page: '/gabung/[kode]/[personId]' },
  'workshop.report': { fields: { held: 'list' }, json: true },
  'workshop.create': {
    fields: { kubeId: 'id', moduleSlug: 'slug', date: 'date', place: 'text', notes: 'loose', purpose: 'loose' },
    page: '/kube/[id]/workshop',
  },
  'workshop.advance': { fields: { workshopId: 'id', from: WORKSHOP_PHASES, confirm: 'loose' }, page: '/workshop/[id]' },
  'workshop.markAttendance': { fields: { workshopId: 'id', personId: 'id' }, page: '/workshop/[id]' },
  'workshop.clearPinBlocks': { fields: { workshopId: 'id' }, page: '/workshop/[id]' },
};

const requiredFields = (spec: ActionSpec) => Object.keys(spec.fields).filter((name) => spec.fields[name] !== 'loose');

// ---------------------------------------------------------------------------------------------------------
// Hostile values

/** A long string, kept short in fast-check's report of a counterexample. */
class Big {
  readonly unit: string;
  readonly times: number;
  /** Closes what `unit` opened, e.g. `[` … `]` for deep nesting. */
  readonly close: string;
  constructor(unit: string, times: number, close = '') {
    this.unit = unit;
    this.times = times;
    this.close = close;
  }
  get value(): string {
    return this.unit.repeat(this.times) + this.close.repeat(this.times);
  }
  toJSON(): string {
    return this.value;
  }
  [fc.toStringMethod](): string {
    return `Big(${JSON.stringify(this.unit)} × ${this.times}${this.close ? ` + ${JSON.stringify(this.close)}` : ''})`;
  }
}

/** A file upload where a form expects text. */
class Upload {
  readonly content: string;
  constructor(content: string) {
    this.content = content;
  }
  [fc.toStringMethod](): string {
    return `Upload(${JSON.stringify(this.content.slice(0, 40))})`;
  }
}

type FormValue = string | Big | Upload;

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE people; --",
  'x"); DELETE FROM kubes; --',
  '1 UNION SELECT secret_hash FROM sessions',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '\u0000',
  'a\u0000b',
  '\u202Eexe.txt',
  '\u200F\u200E\u200B\uFEFF',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  'مرحبا بالعالم',
  '\uD800',
  '../../../etc/passwd',
  '%00%zz%',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  'NaN',
  '-Infinity',
  '1e309',
  '-1',
  '9'.repeat(400),
  '2026-02-30',
  '99999-01-01',
  ' ',
  '\r\n\r\n',
];

/** Values that break a field's own rule (besides leaving it out, empty, too long or a file). */
const INVALID: Partial<Record<string, string[]>> = {
  id: [
    "' OR '1'='1",
    '1; DROP TABLE kubes',
    '<script>',
    'short',
    'AAAAAAAAAAAA',
    'a'.repeat(41),
    '../../x',
    'kube\u0000aaaaa',
  ],
  uuid: ['not-a-uuid', "' OR 1=1 --", '0b7a5c1e8f5d4c399a512d3f6b1c9e01', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'],
  slug: ['<script>', 'Hakikat-KUBE', '../hakikat-kube', "hakikat-kube' --", 'a'.repeat(61), 'hakikat kube'],
  lessonId: ['../../etc/passwd', 'A/B', 'hakikat-kube', '<script>/x', 'a/b/c'],
  date: [
    '2026-02-30',
    '99999-01-01',
    '2026-13-01',
    '0000-00-00',
    '2026-1-1',
    'kemarin',
    '2026/01/01',
    '２０２６-01-01',
    '2025-02-29',
    '2026-01-01T00:00:00Z',
    "2026-01-01' OR 1=1",
    '0001-01-01',
    '1979-12-31',
    '9999-12-31',
  ],
  pin: ['123', '1234567', 'abcd', '12 34', '１２３４', '-123', '1e3', '12.3'],
  username: ['<script>', 'ab', "a' OR 1=1", 'a b c', 'a'.repeat(33)],
  code: ['<script>', "ketua' --", 'KETUA', 'a-b', 'a'.repeat(41)],
  certificate: ['ahw6z9hpkb', 'AHW6Z-9HPKB', 'AHW6Z9HPK', 'AHW6Z9HPKBB', 'OOOOOOOOOO', 'UUUUUUUUUU', "' OR 1=1 --"],
  month: ['2026-13', '2026-00', '2026-1', 'januari', '2026-01-01', "2026-01' --", '0001-01', '1979-12'],
  amount: ['-1', '1,5', 'NaN', 'Infinity', 'abc', '99999999999999999999', '1.5.0,0', '١٢٣'],
  year: ['NaN', 'Infinity', '-1', '1e309', '2019', '2101', '2026.5', 'abc', '١٢٣'],
  enum: ["admin' OR 1=1", '<script>', 'PRE', 'null', '__proto__', 'constructor', ''],
};

/** Long strings: over every field's maximum (none allows more than 1000 characters), never digits or spaces. */
const longString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '\u0000', '<', "'", 'ا', '\u202E'), fc.constantFrom(5_000, 20_000, 100_000))
  .map(([unit, times]) => new Big(unit, times));

/** Bodies past the 1 MiB limit on actions. */
const hugeString = fc.constantFrom('a', 'é', '😀').map((unit) => new Big(unit, Math.ceil(2_100_000 / unit.length)));

const hostileString: fc.Arbitrary<string | Big> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: longString },
);

let valid: (kind: Kind) => string[] = () => [];

/** A form value sure to be refused for a field of this kind, or null to leave the field out. */
function breakingFormValue(kind: Kind, multipart: boolean): fc.Arbitrary<FormValue | null> {
  const own = INVALID[typeof kind === 'string' ? kind : 'enum'] ?? [];
  return fc.oneof(
    fc.constant(null),
    fc.constant(''),
    longString,
    ...(own.length > 0 ? [fc.constantFrom(...own)] : []),
    ...(multipart ? [fc.string({ maxLength: 20 }).map((content) => new Upload(content))] : []),
  );
}

/** Any value for a field: a good one (so the break is what is refused), a hostile one, or a file. */
function anyFormValue(kind: Kind, multipart: boolean): fc.Arbitrary<FormValue> {
  const good = typeof kind === 'string' ? valid(kind) : [...kind];
  return fc.oneof(
    ...(good.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...good) }] : []),
    { weight: 3, arbitrary: hostileString },
    ...(multipart
      ? [{ weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((content) => new Upload(content)) }]
      : []),
  );
}

/** Field names that are not the action's own, including ones that poke at parsers. */
const extraKey = (spec: ActionSpec) =>
  fc
    .oneof(
      fc.constantFrom('__proto__', 'constructor', '_action', 'name.sub', 'kubeId[]', 'x.y.z', ''),
      fc.string({ maxLength: 12 }),
    )
    .filter((key) => !Object.hasOwn(spec.fields, key));

type Body =
  | { kind: 'form'; multipart: boolean; entries: [string, FormValue][] }
  | { kind: 'json'; contentType: string; value: unknown }
  | { kind: 'raw'; contentType: string | null; payload: string | Big | Uint8Array; chunked: boolean };

/** Requests this test once answered with a 500, tried first on every run. */
const REGRESSIONS: Partial<Record<string, Body[]>> = {
  // A file for the password of a staff member reached the password rules as if it were text.
  'people.create': [
    {
      kind: 'form',
      multipart: true,
      entries: [
        ['name', new Upload('')],
        ['role', 'pengurus'],
        ['password', new Upload('')],
      ],
    },
  ],
};

/** A form with the action's fields, one of its required fields broken, repeated keys and strangers. */
function formBody(spec: ActionSpec): fc.Arbitrary<Body> {
  const names = Object.keys(spec.fields);
  const required = requiredFields(spec);
  return fc.boolean().chain((multipart) =>
    fc
      .record({
        broken: fc.constantFrom(...required),
        others: fc.record(
          Object.fromEntries(
            names.map((name) => [
              name,
              fc.array(anyFormValue(spec.fields[name] ?? 'loose', multipart), { maxLength: 3 }),
            ]),
          ),
        ),
        repeats: fc.array(anyFormValue('loose', multipart), { maxLength: 2 }),
        extra: fc.array(fc.tuple(extraKey(spec), hostileString), { maxLength: 4 }),
      })
      .chain((parts) =>
        breakingFormValue(spec.fields[parts.broken] ?? 'loose', multipart).map((breaking) => {
          const entries: [string, FormValue][] = [];
          for (const name of names) {
            if (name !== parts.broken) {
              for (const value of parts.others[name] ?? []) entries.push([name, value]);
            } else if (breaking !== null) {
              // The form reads the first value of a repeated field, so the broken one comes first.
              entries.push([name, breaking], ...parts.repeats.map((value): [string, FormValue] => [name, value]));
            }
          }
          return { kind: 'form' as const, multipart, entries: [...entries, ...parts.extra] };
        }),
      ),
  );
}

/** A JSON value of the wrong type for a field of this kind, or undefined to leave it out. */
function breakingJsonValue(kind: Kind): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );
  if (kind === 'list') {
    // Elements that no list of this app accepts: every one is missing its required keys or mistyped.
    const badElement = fc.oneof(
      fc.integer(),
      fc.string(),
      fc.constant(null),
      fc.constant({}),
      fc.record({ attemptId: fc.integer() }),
      fc.record({
        questionId: fc.constantFrom("' OR 1=1", '<script>'),
        optionId: fc.string(),
        answeredAt: fc.constantFrom('2026-02-30T00:00:00Z', 'kemarin'),
      }),
      // A typed number (numeric items) that no item takes: too long, or with control characters.
      fc.record({
        questionId: fc.constant('kk-q32'),
        optionId: fc.constantFrom('1'.repeat(41), 'Rp 1.000\u0000', '12\n34', ''),
        answeredAt: fc.constant('2026-03-01T08:00:00Z'),
      }),
    );
    return fc.oneof(
      fc.constant(undefined),
      wrongType,
      fc.string(),
      longString,
      fc.array(badElement, { minLength: 1, maxLength: 5 }),
    );
  }
  const own = INVALID[typeof kind === 'string' ? kind : 'enum'] ?? [];
  return fc.oneof(
    fc.constant(undefined),
    wrongType,
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    longString,
    ...(own.length > 0 ? [fc.constantFrom(...own)] : []),
  );
}

function anyJsonValue(kind: Kind): fc.Arbitrary<unknown> {
  const good: unknown[] = kind === 'list' ? [[]] : typeof kind === 'string' ? valid(kind) : [...kind];
  return fc.oneof(
    ...(good.length > 0 ? [fc.constantFrom(...good)] : []),
    breakingJsonValue(kind),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/** JSON with the action's field names: one required field mistyped or missing, the rest anything. */
function jsonBody(spec: ActionSpec): fc.Arbitrary<Body> {
  const names = Object.keys(spec.fields);
  const required = requiredFields(spec);
  const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON');
  const shaped = fc
    .record({
      broken: fc.constantFrom(...required),
      others: fc.record(Object.fromEntries(names.map((name) => [name, anyJsonValue(spec.fields[name] ?? 'loose')]))),
      extra: fc.dictionary(extraKey(spec), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      contentType,
    })
    .chain(({ broken, others, extra, contentType: type }) =>
      breakingJsonValue(spec.fields[broken] ?? 'loose').map((value) => ({
        kind: 'json' as const,
        contentType: type,
        value: { ...others, ...extra, [broken]: value },
      })),
    );
  // Any JSON at all; an object loses its first required field, so it cannot pass by luck.
  const anything = fc.tuple(fc.jsonValue(), contentType).map(([value, type]) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const copy = Object.fromEntries(Object.entries(value).filter(([key]) => key !== required[0]));
      return { kind: 'json' as const, contentType: type, value: copy };
    }
    return { kind: 'json' as const, contentType: type, value };
  });
  return fc.oneof(shaped, anything);
}

/** Bodies no action can read as its input: wrong or missing content types, broken multipart, too big. */
const unreadableBody: fc.Arbitrary<Body> = fc.oneof(
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom(
      'text/plain;charset=UTF-8',
      'text/html',
      'application/xml',
      'application/octet-stream',
      'image/png',
      'multipart/mixed; boundary=zzz',
      'application/x-www-form-urlencodedx',
      'application/jsonp',
    ),
    payload: fc.oneof(
      hostileString,
      fc.uint8Array({ maxLength: 64 }),
      fc.constant('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;&a;&a;</x>'),
    ),
    chunked: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom('multipart/form-data; boundary=zzz', 'multipart/form-data'),
    payload: fc.constantFrom(
      'garbage',
      '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
      '--other\r\n\r\n--other--',
    ),
    chunked: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constant(null),
    payload: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    chunked: fc.constant(false),
  }),
  fc.record({
    kind: fc.constant('raw' as const),
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
    payload: hugeString,
    chunked: fc.boolean(),
  }),
);

/** JSON text that does not parse (whitespace alone included). */
const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '[1,',
    '{"a":}',
    "{'a':1}",
    '{"a":1}garbage',
    'NaN',
    'undefined',
    '\uFEFF\uFEFF{}',
    '{"a":"\\x"}',
    ' ',
  ),
  fc.constant(new Big('[', 100_000)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

function actionBody(spec: ActionSpec): fc.Arbitrary<Body> {
  if (requiredFields(spec).length === 0) return unreadableBody;
  const [main, other] = spec.json ? [jsonBody(spec), formBody(spec)] : [formBody(spec), jsonBody(spec)];
  return fc.oneof(
    { weight: 5, arbitrary: main },
    { weight: 2, arbitrary: other },
    { weight: 2, arbitrary: unreadableBody },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Sending and judging

const text = (value: string | Big) => (typeof value === 'string' ? value : value.value);

function chunkedStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
      controller.close();
    },
  });
}

type Init = { headers: Record<string, string>; body?: BodyInit; duplex?: 'half'; oversized?: true };

/** Astro's limit on an action's body (`security.actionBodySizeLimit`). */
const BODY_LIMIT = 1024 * 1024;
/** Node's limit on a request's headers, its address included (`--max-http-header-size`). */
const NODE_HEADER_LIMIT = 16 * 1024;

function requestInit(body: Body | null): Init {
  if (!body) return { headers: {} };
  if (body.kind === 'form') {
    if (body.multipart) {
      const form = new FormData();
      for (const [name, value] of body.entries) {
        if (value instanceof Upload) form.append(name, new Blob([value.content]), 'berkas.txt');
        else form.append(name, text(value));
      }
      return { headers: {}, body: form };
    }
    const params = new URLSearchParams();
    for (const [name, value] of body.entries)
      params.append(name, value instanceof Upload ? value.content : text(value));
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() };
  }
  if (body.kind === 'json') {
    return { headers: { 'content-type': body.contentType }, body: JSON.stringify(body.value) };
  }
  const headers: Record<string, string> = body.contentType ? { 'content-type': body.contentType } : {};
  const bytes =
    body.payload instanceof Uint8Array ? new Uint8Array(body.payload) : new TextEncoder().encode(text(body.payload));
  const size = bytes.length > BODY_LIMIT ? { oversized: true as const } : {};
  // Without a length the server cannot refuse a big body up front; it has to count while reading. It stops
  // reading at the limit, so the connection cannot carry another request: fetch must not keep it for one.
  if (body.chunked) {
    return { headers: { ...headers, connection: 'close' }, body: chunkedStream(bytes), duplex: 'half', ...size };
  }
  return { headers, body: bytes, ...size };
}

const statuses: Record<string, number> = {};
let requestCount = 0;
let app: RunningApp;

/**
 * Sends one hostile request and says what is wrong with the answer, or null. A clear refusal is a 4xx that
 * says something: an action error in JSON with its code or input issues, or a page or text. (Node itself
 * answers an address too long to read with a bare 431, before the app sees it.)
 */
async function refusal(
  path: string,
  { method = 'POST', body = null, cookie }: { method?: string; body?: Body | null; cookie?: string | undefined },
  accept: (response: Response) => boolean = () => false,
): Promise<string | null> {
  const init = requestInit(body);
  let response: Response;
  let answer: string;
  try {
    response = await fetch(`${app.url}${path}`, {
      ...init,
      method,
      redirect: 'manual',
      headers: { origin: app.origin, ...(cookie ? { cookie } : {}), ...init.headers },
    });
    answer = await response.text();
  } catch (error) {
    // A server may answer a body or an address too big to read before the request has all arrived, and hang
    // up; the reset can reach fetch before the answer does. That is a refusal too, if the server is still there.
    if (!init.oversized && path.length <= NODE_HEADER_LIMIT) throw error;
    requestCount += 1;
    statuses['hung up'] = (statuses['hung up'] ?? 0) + 1;
    const alive = await fetch(`${app.url}/masuk`);
    return alive.status === 200 ? null : `the server stopped answering after an oversized body to ${path}`;
  }
  requestCount += 1;
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  const said = `${method} ${path.slice(0, 80)} → ${response.status} ${answer.slice(0, 200)}`;
  if (accept(response)) return null;
  if (response.status < 400 || response.status >= 500) return `not a 4xx: ${said}`;
  if (answer.trim() === '' && response.status !== 431) return `a refusal that says nothing: ${said}`;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    const error = JSON.parse(answer) as {
      type?: string;
      code?: string;
      issues?: unknown[];
      error?: string;
      message?: string;
    };
    const clear =
      (error.type === 'AstroActionError' && Boolean(error.code)) ||
      // The field kit's endpoints (features/sync/district/verify.ts): a dictionary key and its Indonesian words.
      (Boolean(error.error?.startsWith('sync.error.')) && Boolean(error.message)) ||
      (error.type === 'AstroActionInputError' && (error.issues?.length ?? 0) > 0);
    if (!clear) return `an unclear JSON error: ${said}`;
  }
  return null;
}

/** Runs a property over hostile requests; fast-check shrinks and prints the smallest one that fails. */
async function check<T>(
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  send: (value: T) => Promise<string | null>,
  examples: T[] = [],
) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      expect(await send(value)).toBeNull();
    }),
    { numRuns, examples: examples.map((value): [T] => [value]) },
  );
}

// ---------------------------------------------------------------------------------------------------------
// The database, before and after

/**
 * Columns that change on any signed-in request by design: a session's last-verified time moves with its
 * sliding expiry (features/auth/session.ts). The rest of every row counts, sessions included, so a hostile
 * sign-out or sign-in would show. `rate_limits` is not excluded: sign-in failures are counted by design, but
 * every sign-in and join here is refused by its validator before any attempt is counted.
 */
const VOLATILE_COLUMNS: Partial<Record<string, string[]>> = { sessions: ['last_verified_at'] };

function cell(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('hex');
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Every table's rows, hashed: `table → "n rows <hash>"`. */
async function fingerprint(): Promise<Record<string, string>> {
  const { client } = app.connection;
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const result: Record<string, string> = {};
  for (const row of tables.rows) {
    const table = row['name'];
    if (typeof table !== 'string') continue;
    const content = await client.execute(`SELECT * FROM "${table}" ORDER BY rowid`);
    const skip = new Set(VOLATILE_COLUMNS[table] ?? []);
    const hash = createHash('sha256');
    for (const values of content.rows) {
      hash.update(JSON.stringify(content.columns.map((column, i) => (skip.has(column) ? null : cell(values[i])))));
    }
    result[table] = `${content.rows.length} rows ${hash.digest('hex').slice(0, 16)}`;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Setting up

const ATTEMPT_ID = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ASSESSMENT_ID = 'hostileassessment01';
const cookies = { admin: '', anggota: '' };
let ids: {
  kube: string;
  workshop: string;
  code: string;
  anggota: string;
  pengurus: string;
  position: string;
  certificate: string;
};
let initial: Record<string, string>;

function concrete(route: string): string {
  const id = route.startsWith('/workshop/') ? ids.workshop : route.startsWith('/admin/orang/') ? ids.anggota : ids.kube;
  return (
    route
      .replace('[modul]', 'hakikat-kube')
      .replace('[pelajaran]', '01-apa-itu-kube')
      .replace('[jenis]', 'pre')
      .replace('[assessmentId]', ASSESSMENT_ID)
      // A practical task fits an officer only: the ketua's page of a task for every officer.
      .replace('[personId]', route.includes('/praktik/') ? ids.pengurus : ids.anggota)
      .replace('[tugas]', 'musyawarah-divisi')
      .replace('[kode]', route.startsWith('/sertifikat/') ? ids.certificate : ids.code)
      .replace('[id]', id)
  );
}

beforeAll(async () => {
  app = await startApp();
  const kube = await addKube(app.connection, 'kubehostilea', 'KUBE Uji Masukan');
  await addKube(app.connection, 'kubehostileb', 'KUBE Lain');
  const admin = await addPerson(app.connection, 'admin', 'h.admin', 'Admin-Hostile-2024');
  const anggota = await addPerson(app.connection, 'anggota', 'h.anggota', '8642', kube);
  const pengurus = await addPerson(app.connection, 'pengurus', 'h.ketua', 'Ketua-Hostile-2024', kube);
  await addPerson(app.connection, 'pendamping', 'h.pendamping', 'Pendamping-Hostile-2024', kube);
  cookies.admin = await cookieFor(app.connection, admin.id);
  cookies.anggota = await cookieFor(app.connection, anggota.id);
  const { db } = app.connection;
  await db.insert(attempts).values({
    ...{ id: ATTEMPT_ID, personId: anggota.id, moduleSlug: 'hakikat-kube', kind: 'pre', items: [], answerKey: {} },
    ...{ startedAt: new Date(), submittedAt: new Date(), score: 50, correct: 0, total: 0, byObjective: {} },
  });
  await db.insert(capacityAssessments).values({
    ...{ id: ASSESSMENT_ID, kubeId: kube, rubricSlug: 'kapasitas-kube', rubricVersion: 1 },
    assessedOn: '2026-01-15',
  });
  await db.insert(positions).values({
    ...{ id: 'hostileposition01', kubeId: kube, personId: pengurus.id, jabatanCode: 'ketua' },
    startDate: '2025-01-01',
  });
  const workshop = await createWorkshop(
    db,
    { kubeId: kube, moduleSlug: 'hakikat-kube', date: '2026-12-01', place: 'Balai desa', notes: null },
    admin.id,
  );
  ids = {
    kube,
    workshop: workshop.id,
    code: workshop.code,
    anggota: anggota.id,
    pengurus: pengurus.id,
    position: 'hostileposition01',
    certificate: certificateCode(anggota.id, 'hakikat-kube', 1),
  };
  await db.insert(certificates).values({
    id: ids.certificate,
    personId: anggota.id,
    moduleSlug: 'hakikat-kube',
    serial: 1,
    earnedOn: '2026-01-20',
  });
  // Values a field accepts, so that a request is refused for its one broken field and nothing else.
  const good: Partial<Record<string, string[]>> = {
    id: [kube, workshop.id, ids.position, ASSESSMENT_ID, anggota.id, pengurus.id],
    uuid: [ATTEMPT_ID],
    slug: ['hakikat-kube', 'usaha-produk'],
    lessonId: ['hakikat-kube/01-apa-itu-kube'],
    date: ['2025-01-15', '2024-02-29'],
    text: ['Balai desa', 'Uji Masukan'],
    secret: ['Sandi-Uji-Yang-Kuat-2024'],
    pin: ['2468'],
    username: ['uji.baru'],
    code: ['ketua'],
    certificate: [ids.certificate],
    month: ['2025-06'],
    amount: ['1.500.000'],
    year: ['2026'],
    loose: [''],
  };
  valid = (kind) => (typeof kind === 'string' ? (good[kind] ?? []) : [...kind]);
  initial = await fingerprint();
});

afterAll(async () => {
  const actions = listActions().length;
  const endpoints = listEndpoints().length;
  const counts = Object.entries(statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  console.log(
    `hostile input: ${actions} actions, ${endpoints} endpoints, ${requestCount} requests, statuses {${counts}}`,
  );
  await app.stop();
});

// ---------------------------------------------------------------------------------------------------------
// The tests

describe('hostile input to actions', () => {
  const actions = listActions();

  it('finds the actions in the code, and knows the fields of every one', () => {
    expect(actions).toContain('people.create');
    expect(
      actions.filter((name) => !Object.hasOwn(ACTIONS, name)),
      'actions without fields in hostile-input.test.ts',
    ).toEqual([]);
    expect(
      Object.keys(ACTIONS).filter((name) => !actions.includes(name)),
      'fields of actions that are gone',
    ).toEqual([]);
    const routes = listRoutes();
    const pages = Object.values(ACTIONS).flatMap((spec) => (spec.page ? [spec.page] : []));
    expect(
      pages.filter((page) => !routes.includes(page)),
      'pages that do not exist',
    ).toEqual([]);
  });

  for (const action of actions) {
    it(`${action}: an admin's malformed, oversized and wrong-typed input is refused with a clear 4xx, changing nothing`, async () => {
      const spec = ACTIONS[action];
      if (!spec) throw new Error(`Add the fields of ${action} to ACTIONS in tests/e2e/hostile-input.test.ts`);
      const before = await fingerprint();
      const cookie = cookies.admin;
      await check(
        actionBody(spec),
        20,
        (body) => refusal(`/_actions/${action}`, { body, cookie }),
        REGRESSIONS[action],
      );
      if (spec.page) {
        const page = `${concrete(spec.page)}?_action=${action}`;
        await check(actionBody(spec), 8, (body) => refusal(page, { body, cookie }), REGRESSIONS[action]);
      }
      expect(await fingerprint()).toEqual(before);
    });
  }

  it('answers JSON that does not parse with 400, on every action, called directly or from a page', async () => {
    const call = fc.record({
      action: fc.constantFrom(...actions),
      viaPage: fc.boolean(),
      payload: malformedJson,
      chunked: fc.boolean(),
    });
    await check(
      call,
      60,
      ({ action, viaPage, payload, chunked }) => {
        const page = ACTIONS[action]?.page;
        const path = viaPage && page ? `${concrete(page)}?_action=${action}` : `/_actions/${action}`;
        const body: Body = { kind: 'raw', contentType: 'application/json', payload, chunked };
        return refusal(path, { body, cookie: cookies.admin });
      },
      [
        { action: 'workshop.report', viaPage: false, payload: '{', chunked: false },
        { action: 'kube.create', viaPage: true, payload: '[1,', chunked: true },
      ],
    );
  });

  it('answers a made-up, prototype-poking or badly escaped action name with 404', async () => {
    // Names as they go into a path: the made-up ones escaped, so none turns into another path (`..`, `?`, `#`).
    const name = fc.oneof(
      fc.constantFrom(
        'auth',
        'people',
        'auth.',
        '.auth',
        'auth..signIn',
        'auth.signIn.orThrow',
        '__proto__',
        'auth.__proto__',
        'constructor',
        'auth.constructor',
        'people.create.toString',
        '%zz',
        'auth.%zz',
        'auth.signIn%00',
      ),
      fc
        .string({ unit: 'binary', maxLength: 30 })
        .filter((value) => !/^\.*$/.test(value) && !actions.includes(value))
        .map(encodeURIComponent),
    );
    await check(
      fc.tuple(name, fc.boolean()),
      40,
      ([action, viaPage]) => {
        const body: Body = { kind: 'form', multipart: false, entries: [['a', 'b']] };
        // A query escapes the name once more, and the server decodes it twice.
        const path = viaPage ? `/akun?_action=${encodeURIComponent(action)}` : `/_actions/${action}`;
        return refusal(path, { body, cookie: cookies.admin });
      },
      [
        ['auth', false],
        ['%zz', true],
      ] satisfies [string, boolean][],
    );
  });

  it('refuses the same to a member and to a visitor', async () => {
    for (const action of actions) {
      const spec = ACTIONS[action];
      if (!spec) continue;
      for (const cookie of [cookies.anggota, undefined]) {
        await check(actionBody(spec), 4, (body) => refusal(`/_actions/${action}`, { body, cookie }));
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Endpoints

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

type Query = [string, string | Big][];
type Call = { method: string; path: string; query: Query; body: Body | null };

const address = ({ path, query }: Call) =>
  query.length === 0
    ? path
    : `${path}?${new URLSearchParams(query.map(([name, value]) => [name, text(value)])).toString()}`;

/**
 * Long values that still fit in an address, and now and then one that does not (Node answers 431). Not in
 * between: a visitor is sent to sign in with the address escaped once more in `lanjut`, which can outgrow
 * what fetch reads as headers.
 */
const queryValue: fc.Arbitrary<string | Big> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(new Big('a', 1000), new Big('é', 150), new Big('<', 300)) },
  { weight: 1, arbitrary: fc.constant(new Big('a', 40_000)) },
);

/** A query: the breaking parameters first (a server reads the first of a repeated name), then noise. */
function query(breaking: fc.Arbitrary<Query>, names: string[], omit: (first: Query) => string[] = () => []) {
  const noise = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), queryValue), {
    maxLength: 5,
  });
  return fc.tuple(breaking, noise).map(([first, rest]): Query => {
    const left = new Set(omit(first));
    return [...first, ...rest.filter(([name]) => !left.has(name))];
  });
}

const badCode = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('<script>', "' OR 1=1 --", 'A', '%', '😀', '\u0000', '../x', 'a_b'),
      fc.string({ maxLength: 10 }),
    )
    .map(([bad, more]) => bad + more),
  fc.constant('a'.repeat(61)),
);
const badDate = fc.constantFrom(...(INVALID['date'] ?? []));
const badMastery = fc.constantFrom(
  '-1',
  '100.5',
  '1e3',
  'NaN',
  'Infinity',
  '1e309',
  'abc',
  '50%',
  '٥٠',
  '9'.repeat(400),
);
/** `jk` is L or P (any case) or empty: anything else is refused. */
const badSex = fc.constantFrom('X', 'LP', 'laki-laki', 'Perempuan', '0', '<script>', "L' OR '1'='1", 'L\u0000', 'Ｌ');
const datesOutOfOrder = fc.constant<Query>([
  ['dari', '2026-12-31'],
  ['sampai', '2026-01-01'],
]);

const reportQuery = query(
  fc.oneof(
    fc.tuple(fc.constantFrom('modul', 'kube', 'workshop', 'jabatan'), badCode).map((pair): Query => [pair]),
    fc.tuple(fc.constantFrom('dari', 'sampai'), badDate).map((pair): Query => [pair]),
    badMastery.map((value): Query => [['ketuntasan', value]]),
    badSex.map((value): Query => [['jk', value]]),
    datesOutOfOrder,
  ),
  ['modul', 'kube', 'workshop', 'jabatan', 'jk', 'dari', 'sampai', 'ketuntasan'],
);

/** `bagian` must be 1, 2, 3 or 4 (the fourth figure); when it is the broken one, it may also be missing. */
const indicatorQuery = query(
  fc.oneof(
    fc
      .constantFrom('', '0', '5', '1.0', ' 1', '01', 'satu', '<script>', "1' OR '1'='1")
      .map((part): Query => [['bagian', part]]),
    fc.constant<Query>([]),
    fc
      .tuple(fc.constantFrom('kabupaten', 'kecamatan', 'desa'), fc.constantFrom('x'.repeat(81), new Big('é', 150)))
      .map(([name, value]): Query => [
        ['bagian', '1'],
        [name, value],
      ]),
    fc.tuple(fc.constantFrom('dari', 'sampai'), badDate).map((pair): Query => [['bagian', '2'], pair]),
    datesOutOfOrder.map((pairs): Query => [['bagian', '3'], ...pairs]),
    badSex.map((value): Query => [
      ['bagian', '2'],
      ['jk', value],
    ]),
  ),
  ['bagian', 'kabupaten', 'kecamatan', 'desa', 'dari', 'sampai', 'jk'],
  (first) => (first.length === 0 ? ['bagian'] : []),
);

/** A language switch without a language: `bahasa` missing, empty or not one of ours. */
const languageForm: fc.Arbitrary<Body> = fc
  .tuple(
    fc.oneof(fc.constant(null), fc.constantFrom('', 'ID', 'EN', ' id', 'id\u0000', 'fr', 'id-ID'), hostileString),
    fc.array(fc.tuple(fc.constantFrom('kembali', 'bahasa', 'x'), hostileString), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([bahasa, rest, multipart]) => ({
    kind: 'form' as const,
    multipart,
    entries: [
      ...(bahasa === null ? [] : [['bahasa', bahasa] as [string, FormValue]]),
      ...rest.filter(([name]) => bahasa !== null || name !== 'bahasa'),
    ],
  }));

const anyBody: fc.Arbitrary<Body> = fc.oneof(unreadableBody, jsonBody({ fields: { x: 'text' } }));

type EndpointSpec = {
  /** Hostile calls with the methods the endpoint answers. */
  calls: fc.Arbitrary<Call>;
  /** Takes no input at all, so any query is as good as none: it must simply keep answering. */
  ignoresInput?: true;
};

const get = (path: string, queries: fc.Arbitrary<Query>) =>
  fc.record({ method: fc.constant('GET'), path: fc.constant(path), query: queries, body: fc.constant(null) });

const fieldKitPost = (path: string, fields: Record<string, Kind>) =>
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant(path),
    query: fc.constantFrom<Query>([], [['bahasa', 'id']]),
    body: fc.oneof(jsonBody({ fields }), unreadableBody),
  });

/** Every endpoint found in src/pages; a new one fails the test below until it is added here. */
const ENDPOINTS: Record<string, EndpointSpec> = {
  '/bahasa': {
    calls: fc.record({
      method: fc.constant('POST'),
      path: fc.constant('/bahasa'),
      query: fc.constantFrom<Query>([], [['bahasa', 'id']]),
      body: fc.oneof({ weight: 3, arbitrary: languageForm }, { weight: 1, arbitrary: unreadableBody }),
    }),
  },
  '/sw.js': { calls: get('/sw.js', reportQuery), ignoresInput: true },
  '/laporan/unduh': { calls: get('/laporan/unduh', reportQuery) },
  '/indikator/unduh': { calls: get('/indikator/unduh', indicatorQuery) },
  // The field kit's endpoints take signed JSON from a paired laptop: anything else is a 4xx naming a sync error.
  '/api/lapangan/pasang': {
    calls: fieldKitPost('/api/lapangan/pasang', {
      username: 'username',
      password: 'secret',
      deviceName: 'text',
      publicKey: 'text',
    }),
  },
  '/api/lapangan/tarik': {
    calls: fieldKitPost('/api/lapangan/tarik', {
      deviceId: 'id',
      at: 'amount',
      cursor: 'amount',
      knownKubeIds: 'list',
      contentVersion: 'text',
    }),
  },
  '/api/lapangan/kirim': {
    calls: fieldKitPost('/api/lapangan/kirim', {
      deviceId: 'id',
      at: 'amount',
      fromSeq: 'amount',
      toSeq: 'amount',
      contentVersion: 'text',
      changes: 'list',
    }),
  },
  // A field laptop's paket lapangan and sync progress take no input; on this unpaired server they are nobody's.
  '/lapangan/paket': { calls: get('/lapangan/paket', reportQuery) },
  '/lapangan/kemajuan': { calls: get('/lapangan/kemajuan', reportQuery) },
  // The import template takes no input; an import's progress answers every unknown job alike ("gone"), for the
  // admin who started it only (tests/integration/import-upload.test.ts).
  '/admin/impor/templat': { calls: get('/admin/impor/templat', reportQuery), ignoresInput: true },
  '/admin/impor/kemajuan': { calls: get('/admin/impor/kemajuan', reportQuery), ignoresInput: true },
  // A module's item statistics as CSV: its only input is the module in the path, never one that exists here.
  '/admin/soal/[modul]/unduh': {
    calls: fc
      .record({
        modul: fc.oneof(
          fc.constantFrom(
            "' OR '1'='1",
            '%zz',
            '%00',
            '..%2F..%2Flaporan',
            'x'.repeat(5000),
            '__proto__',
            'constructor',
          ),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
        ),
        query: reportQuery,
      })
      .map(({ modul, query: q }) => ({ method: 'GET', path: `/admin/soal/${modul}/unduh`, query: q, body: null })),
  },
  // A tablet's materi watch: its only input is the join code in the path, never one of an open workshop here.
  '/gabung/fase/[kode]': {
    calls: fc
      .record({
        kode: fc.oneof(
          fc.constantFrom("' OR '1'='1", '%zz', '%00', '..%2F..%2Fmasuk', 'x'.repeat(5000), '__proto__', 'ZZZZZZ'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
        ),
        query: reportQuery,
      })
      .map(({ kode, query: q }) => ({ method: 'GET', path: `/gabung/fase/${kode}`, query: q, body: null })),
  },
  // A fragment renders for any method; its only input is the workshop id in the path.
  '/workshop/[id]/papan': {
    calls: fc
      .record({
        method: fc.constantFrom('GET', 'POST'),
        id: fc.oneof(
          fc.constantFrom("' OR '1'='1", '%zz', '%00', '..%2F..%2Fadmin', 'x'.repeat(5000), '__proto__'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
        ),
        query: reportQuery,
        body: anyBody,
      })
      .map(({ method, id, query: q, body }) => ({
        method,
        path: `/workshop/${id}/papan`,
        query: q,
        body: method === 'GET' ? null : body,
      })),
  },
};

describe('hostile input to endpoints', () => {
  const endpoints = listEndpoints();

  it('finds the endpoints in the code, and has hostile calls for every one', () => {
    expect(endpoints.map((e) => e.route)).toContain('/laporan/unduh');
    expect(
      endpoints.filter((e) => !Object.hasOwn(ENDPOINTS, e.route)).map((e) => e.route),
      'endpoints without calls',
    ).toEqual([]);
  });

  for (const endpoint of endpoints) {
    it(`${endpoint.route}: hostile queries and bodies get a clear 4xx, other methods 404, nothing changes`, async () => {
      const spec = ENDPOINTS[endpoint.route];
      if (!spec)
        throw new Error(`Add hostile calls for ${endpoint.route} to ENDPOINTS in tests/e2e/hostile-input.test.ts`);
      const before = await fingerprint();
      const keepsAnswering = (response: Response) => spec.ignoresInput === true && response.status === 200;
      for (const [cookie, runs] of [
        [cookies.admin, 20],
        [cookies.anggota, 5],
        [undefined, 5],
      ] as const) {
        // A visitor is sent to sign in before any input is read.
        const signIn = (response: Response) =>
          cookie === undefined &&
          response.status === 302 &&
          (response.headers.get('location') ?? '').startsWith('/masuk');
        await check(spec.calls, runs, (call) =>
          refusal(
            address(call),
            { method: call.method, body: call.body, cookie },
            (r) => keepsAnswering(r) || signIn(r),
          ),
        );
      }
      // Methods the endpoint does not export are not found, whatever they carry.
      const others = endpoint.methods.includes('ALL') ? [] : METHODS.filter((m) => !endpoint.methods.includes(m));
      if (others.length > 0) {
        const route = concrete(endpoint.route);
        const call = fc.tuple(
          fc.constantFrom(...others),
          anyBody,
          fc.constantFrom('', '?bahasa=id', '?bagian=1', '?%zz'),
        );
        await check(call, 10, ([method, body, search]) =>
          refusal(`${route}${search}`, {
            method,
            body: method === 'GET' ? null : body,
            cookie: cookies.admin,
          }),
        );
      }
      expect(await fingerprint()).toEqual(before);
    });
  }
});

describe('after the barrage', () => {
  it('leaves every table as it was, and the server still serves and knows who is signed in', async () => {
    expect(await fingerprint()).toEqual(initial);
    expect((await fetch(`${app.url}/masuk`)).status).toBe(200);
    const account = await fetch(`${app.url}/akun`, { redirect: 'manual', headers: { cookie: cookies.admin } });
    expect(account.status).toBe(200);
  });
});
