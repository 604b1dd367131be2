import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { atLeast, between, col, fixedCode, inOrder, isoDays, isoMonth, nonEmpty, oneOf } from './rules.ts';

/** The four roles (README: glossary); a person has exactly one. */
export const ROLES = ['anggota', 'pengurus', 'pendamping', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** Jenis kelamin as Indonesian forms write it: laki-laki, perempuan. */
export const SEXES = ['L', 'P'] as const;

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Lower-case sign-in name, unique across the platform. */
    username: text('username').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** argon2id hash; officers, facilitators and admins sign in with a password. */
    passwordHash: text('password_hash'),
    /** argon2id hash of a member's short numeric PIN. */
    pinHash: text('pin_hash'),
    /** When the password or PIN was last set: of two PIN resets on two sides, the later one stands (sync/merge.ts). */
    secretChangedAt: integer('secret_changed_at', { mode: 'timestamp_ms' }),
    phone: text('phone'),
    /** A member's own business, e.g. "warung sate". */
    business: text('business'),
    /** Jenis kelamin, L or P, where it is known (figures split by it); null: not known. */
    sex: text('sex', { enum: SEXES }),
    /** A first password given out on a card: the person must choose their own at the next sign-in. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('people_username_unique').on(t.username),
    index('people_role_idx').on(t.role),
    check('people_name', nonEmpty(t.name)),
    check('people_role', oneOf(t.role, ROLES)),
    check('people_sex', sql`${col(t.sex)} is null or ${oneOf(t.sex, SEXES)}`),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** Public half of the token; the secret half is stored only as a SHA-256 hash. */
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastVerifiedAt: integer('last_verified_at', { mode: 'timestamp_ms' }).notNull(),
    userAgent: text('user_agent'),
    /** Set when a member joined a workshop on a shared tablet: the session ends when their test is in. */
    // A tablet session lives only while its workshop is open: closing it deletes them (workshop/phases.ts),
    // so a workshop that is gone takes its sessions along rather than leaving sessions that point nowhere.
    workshopId: text('workshop_id').references(() => workshops.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_person_idx').on(t.personId), index('sessions_workshop_idx').on(t.workshopId)],
);

export const kubes = sqliteTable(
  'kubes',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    desa: text('desa').notNull(),
    kecamatan: text('kecamatan').notNull(),
    kabupaten: text('kabupaten').notNull(),
    provinsi: text('provinsi').notNull(),
    /** Kinds of business the group runs, e.g. ["warung sate", "penjualan kambing"]. */
    businessTypes: text('business_types', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Number of the decree (Surat Keputusan) that made the group legal. */
    skNumber: text('sk_number'),
    /** Date of that decree, YYYY-MM-DD. */
    skDate: text('sk_date'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('kubes_region_idx').on(t.kabupaten, t.kecamatan, t.desa),
    check('kubes_names', nonEmpty(t.name, t.desa, t.kecamatan, t.kabupaten, t.provinsi)),
    check('kubes_sk_date', isoDays(t.skDate)),
  ],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    joinedOn: text('joined_on').notNull(),
    leftOn: text('left_on'),
  },
  (t) => [
    index('memberships_kube_idx').on(t.kubeId),
    // Reports find each person's KUBE on a given day.
    index('memberships_person_idx').on(t.personId, t.joinedOn),
    // A person belongs to at most one KUBE at a time (README: glossary).
    uniqueIndex('memberships_one_current')
      .on(t.personId)
      .where(sql`${t.leftOn} is null`),
    check('memberships_dates', isoDays(t.joinedOn, t.leftOn)),
    check('memberships_in_order', inOrder(t.joinedOn, t.leftOn)),
  ],
);

/** Kinds of position (jabatan). Data, not code: a new division is a new row. */
export const jabatan = sqliteTable(
  'jabatan',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** `inti` for the core officers, otherwise the division's code (`marketing`, `pemberdayaan`, …). */
    division: text('division').notNull(),
    isCore: integer('is_core', { mode: 'boolean' }).notNull(),
    /** True when only one person may hold it at a time (ketua, a coordinator); false for division members. */
    singleHolder: integer('single_holder', { mode: 'boolean' }).notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [check('jabatan_name', nonEmpty(t.name))],
);

export const positions = sqliteTable(
  'positions',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    jabatanCode: text('jabatan_code')
      .notNull()
      .references(() => jabatan.code),
    /** First day in the position, YYYY-MM-DD. */
    startDate: text('start_date').notNull(),
    /** Last day in the position, YYYY-MM-DD; null while it is held. */
    endDate: text('end_date'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('positions_kube_idx').on(t.kubeId, t.startDate),
    index('positions_person_idx').on(t.personId),
    check('positions_dates', isoDays(t.startDate, t.endDate)),
    check('positions_in_order', inOrder(t.startDate, t.endDate)),
  ],
);

export const facilitatorAssignments = sqliteTable(
  'facilitator_assignments',
  {
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.kubeId, t.personId] }), index('assignments_person_idx').on(t.personId)],
);

/** Failed sign-in counters, shared by every app instance because they live in the database. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: integer('window_started_at').notNull(),
  blockedUntil: integer('blocked_until').notNull(),
});

export type Person = typeof people.$inferSelect;
export type Kube = typeof kubes.$inferSelect;
export type Position = typeof positions.$inferSelect;

// Learning progress, kept as distinct logs in the manner of Kolibri: each visit, each completion, and a
// per-person per-module summary that is recomputed from them.

/** One row per opening of a lesson page. */
export const lessonVisits = sqliteTable(
  'lesson_visits',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    /** Lesson id from the content collection, `<module>/<file>`. */
    lessonId: text('lesson_id').notNull(),
    visitedAt: integer('visited_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('lesson_visits_person_idx').on(t.personId, t.moduleSlug)],
);

/** A lesson a person marked as done; marking it again changes nothing. */
export const lessonCompletions = sqliteTable(
  'lesson_completions',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    moduleSlug: text('module_slug').notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.lessonId] }),
    index('lesson_completions_module_idx').on(t.personId, t.moduleSlug),
  ],
);

export const MODULE_STATES = ['belum_mulai', 'sedang_belajar', 'materi_selesai'] as const;
export type ModuleState = (typeof MODULE_STATES)[number];

/** Per person and module: how far they are (0–1), where they stand, and when they last did something. */
export const moduleProgress = sqliteTable(
  'module_progress',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    progress: real('progress').notNull(),
    state: text('state', { enum: MODULE_STATES }).notNull(),
    lessonsCompleted: integer('lessons_completed').notNull(),
    lessonsTotal: integer('lessons_total').notNull(),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.moduleSlug] }),
    check('module_progress_progress', between(t.progress, 0, 1)),
    check('module_progress_state', oneOf(t.state, MODULE_STATES)),
    check('module_progress_lessons', sql`${atLeast(t.lessonsCompleted, 0)} and ${atLeast(t.lessonsTotal, 0)}`),
  ],
);

// Pre-tests, post-tests and retention tests. An attempt keeps the exact items it showed (id, version, option
// order) and its own answer key, so editing a question later never changes a past result.

/** A retention test ("tes ulang") comes 60–90 days after the post-test: does the learning last? */
export const TEST_KINDS = ['pre', 'post', 'retention'] as const;
/** A practical task is scored before and after the training only. */
export const PRACTICE_KINDS = ['pre', 'post'] as const;
/** Parallel forms of a module's test (content: `form` of a question). */
export const TEST_FORMS = ['A', 'B'] as const;

/** The index the pair join reads counted attempts from, person first (named in analytics/pairs.ts). */
export const ATTEMPTS_BY_PERSON_COUNTED = 'attempts_person_counted_idx';

export const attempts = sqliteTable(
  'attempts',
  {
    /** Made by the device (a UUID), so a resend of the same attempt is recognised. */
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    kind: text('kind', { enum: TEST_KINDS }).notNull(),
    /** `A` or `B` for modules with parallel forms; null when both tests use the same items. */
    form: text('form', { enum: TEST_FORMS }),
    items: text('items', { mode: 'json' })
      .$type<import('../src/features/assessment/types.ts').AttemptItem[]>()
      .notNull(),
    /** Correct option per question id, as the items were when shown. Never sent to the device. */
    answerKey: text('answer_key', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    /** 0–100 once submitted. */
    score: real('score'),
    correct: integer('correct'),
    total: integer('total').notNull(),
    byObjective: text('by_objective', { mode: 'json' }).$type<
      Record<string, import('../src/features/assessment/types.ts').ObjectiveScore>
    >(),
    /** The set of questions shown, once submitted (see `itemSets`). */
    itemSetId: integer('item_set_id').references(() => itemSets.id),
    /** Once submitted: '1' or '0' per question of the set, in the set's order (unanswered is '0'). */
    itemBits: text('item_bits'),
    /**
     * The first submitted attempt of its person, module and kind: the one that counts for gain (README: "Gain reports" and the glossary).
     * Set once at submission; retakes are submitted later and never count.
     */
    counted: integer('counted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('attempts_person_module_idx').on(t.personId, t.moduleSlug, t.kind),
    // Reports read counted attempts from this index alone: the pair join, the scores and the item results.
    index('attempts_counted_idx')
      .on(t.moduleSlug, t.kind, t.personId, t.score, t.form, t.submittedAt, t.itemSetId, t.itemBits)
      .where(sql`${t.counted} = 1`),
    // The same by person first: the pair join of one person's tests reads both sides from this index alone
    // (analytics/pairs.ts names it). A lookup in the table instead reads through each row's items and key,
    // which on a district made the officers' pairs some 40 % slower.
    index(ATTEMPTS_BY_PERSON_COUNTED)
      .on(t.personId, t.moduleSlug, t.kind, t.score, t.form, t.submittedAt, t.itemSetId, t.itemBits)
      .where(sql`${t.counted} = 1`),
    // One counted attempt per person, module and kind (README: "Gain reports"); submitAttempt picks it.
    uniqueIndex('attempts_one_counted')
      .on(t.personId, t.moduleSlug, t.kind)
      .where(sql`${t.counted} = 1`),
    check('attempts_kind', oneOf(t.kind, TEST_KINDS)),
    check('attempts_form', oneOf(t.form, TEST_FORMS)),
    check('attempts_score', between(t.score, 0, 100)),
    check('attempts_correct', between(t.correct, 0, t.total)),
    check('attempts_counted_submitted', sql`${col(t.counted)} = 0 or ${col(t.submittedAt)} is not null`),
  ],
);

/**
 * A set of questions as an attempt showed them, sorted by id: a form of a module's test. Attempts point to their
 * set and keep one character per question, so a report over 100,000 attempts reads a few bytes per attempt.
 */
export const itemSets = sqliteTable(
  'item_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    moduleSlug: text('module_slug').notNull(),
    /** Question ids, sorted, joined by commas. */
    questionIds: text('question_ids').notNull(),
  },
  (t) => [uniqueIndex('item_sets_module_questions').on(t.moduleSlug, t.questionIds)],
);

export const attemptAnswers = sqliteTable(
  'attempt_answers',
  {
    attemptId: text('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    optionId: text('option_id').notNull(),
    /** When the person chose it, by the device's clock. */
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
    /** When the server stored it. */
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

export const TEST_PERMISSIONS = ['waive_pre', 'open_post', 'retake_pre', 'retake_post'] as const;
export type TestPermissionKind = (typeof TEST_PERMISSIONS)[number];

/** What a facilitator allowed one person in one module: skip the pre-test, open the post-test, a retake. */
export const testPermissions = sqliteTable(
  'test_permissions',
  {
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    kind: text('kind', { enum: TEST_PERMISSIONS }).notNull(),
    grantedBy: text('granted_by').references(() => people.id, { onDelete: 'set null' }),
    /** A retake allows one more attempt after this moment. */
    grantedAt: integer('granted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.moduleSlug, t.kind] }),
    check('test_permissions_kind', oneOf(t.kind, TEST_PERMISSIONS)),
  ],
);

// Workshops: a facilitator runs pre-test → materi → post-test for a whole KUBE on shared tablets, or a
// retention test alone (retention_test → selesai) some months after.

export const WORKSHOP_PHASES = ['pre_test', 'materi', 'post_test', 'retention_test', 'selesai'] as const;
export type WorkshopPhase = (typeof WORKSHOP_PHASES)[number];
/** What a workshop is for: teaching a module, or checking months later what stayed. */
export const WORKSHOP_PURPOSES = ['learning', 'retention'] as const;
export type WorkshopPurpose = (typeof WORKSHOP_PURPOSES)[number];

export const workshops = sqliteTable(
  'workshops',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    moduleSlug: text('module_slug').notNull(),
    /** Day of the workshop, YYYY-MM-DD. */
    date: text('date').notNull(),
    place: text('place').notNull(),
    notes: text('notes'),
    /** Six characters without look-alikes, typed on the tablets; free again once the workshop closes. */
    code: text('code').notNull(),
    phase: text('phase', { enum: WORKSHOP_PHASES }).notNull(),
    purpose: text('purpose', { enum: WORKSHOP_PURPOSES }).notNull().default('learning'),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('workshops_kube_idx').on(t.kubeId, t.date),
    // A code names one open workshop at a time.
    uniqueIndex('workshops_open_code')
      .on(t.code)
      .where(sql`${t.closedAt} is null`),
    check('workshops_date', isoDays(t.date)),
    check('workshops_place', nonEmpty(t.place)),
    check('workshops_phase', oneOf(t.phase, WORKSHOP_PHASES)),
    check('workshops_purpose', oneOf(t.purpose, WORKSHOP_PURPOSES)),
  ],
);

export const ATTENDANCE_METHODS = ['pin', 'manual'] as const;

/** Presensi: who came, when, and how it was recorded (PIN on a tablet, or by the facilitator). */
export const workshopAttendance = sqliteTable(
  'workshop_attendance',
  {
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
    method: text('method', { enum: ATTENDANCE_METHODS }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workshopId, t.personId] }),
    check('workshop_attendance_method', oneOf(t.method, ATTENDANCE_METHODS)),
  ],
);

/**
 * What a workshop tablet last said about an attempt it holds: how many answers it has not been able to
 * send, and whether "Kumpulkan" was pressed without the server confirming it. Tablets report every few
 * seconds, so the board can name who still holds answers before the facilitator closes a phase.
 */
export const deviceReports = sqliteTable(
  'device_reports',
  {
    attemptId: text('attempt_id')
      .primaryKey()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    /** Answers on the device the server has not confirmed. */
    unsent: integer('unsent').notNull(),
    /** "Kumpulkan" was pressed on the device and the submission has not reached the server. */
    submitPending: integer('submit_pending', { mode: 'boolean' }).notNull(),
    reportedAt: integer('reported_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('device_reports_workshop_idx').on(t.workshopId), check('device_reports_unsent', atLeast(t.unsent, 0))],
);

// ---------------------------------------------------------------------------------------------------------------------
// Success indicator 3: a KUBE's capacity, scored with the rubric in content/rubrics, and dated facts about its
// marketing, products, partnerships and turnover. Corrections keep history in `recordChanges`.

/**
 * One scoring of a KUBE with the capacity rubric, with its officers, on a day. The earliest is the baseline;
 * later ones are follow-ups (tindak lanjut). Derived from the dates, so a corrected date never leaves two.
 */
export const capacityAssessments = sqliteTable(
  'capacity_assessments',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    /** The rubric file (content/rubrics/<slug>.yaml) and the version it had. */
    rubricSlug: text('rubric_slug').notNull(),
    rubricVersion: integer('rubric_version').notNull(),
    /** Day of the scoring, YYYY-MM-DD. */
    assessedOn: text('assessed_on').notNull(),
    notes: text('notes'),
    assessedBy: text('assessed_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('capacity_assessments_kube_idx').on(t.kubeId, t.assessedOn),
    check('capacity_assessments_assessed_on', isoDays(t.assessedOn)),
  ],
);

/** The score (1–4) of one rubric item in one assessment. */
export const capacityScores = sqliteTable(
  'capacity_scores',
  {
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => capacityAssessments.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    score: integer('score').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.itemId] }), check('capacity_scores_score', between(t.score, 1, 4))],
);

export const MARKETING_CHANNELS = [
  'jual_langsung',
  'titip_warung',
  'pasar',
  'pesanan',
  'whatsapp',
  'media_sosial',
  'marketplace',
  'pameran',
  'lainnya',
] as const;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** A way the KUBE sells, from the day it began to the day it stopped. */
export const kubeChannels = sqliteTable(
  'kube_channels',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    channel: text('channel', { enum: MARKETING_CHANNELS }).notNull(),
    /** E.g. the market's name or the marketplace shop. */
    detail: text('detail'),
    startedOn: text('started_on').notNull(),
    endedOn: text('ended_on'),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('kube_channels_kube_idx').on(t.kubeId),
    check('kube_channels_channel', oneOf(t.channel, MARKETING_CHANNELS)),
    check('kube_channels_dates', isoDays(t.startedOn, t.endedOn)),
    check('kube_channels_in_order', inOrder(t.startedOn, t.endedOn)),
  ],
);

/** A product or service the KUBE offers, from when to when. */
export const kubeProducts = sqliteTable(
  'kube_products',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    note: text('note'),
    startedOn: text('started_on').notNull(),
    endedOn: text('ended_on'),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('kube_products_kube_idx').on(t.kubeId),
    check('kube_products_name', nonEmpty(t.name)),
    check('kube_products_dates', isoDays(t.startedOn, t.endedOn)),
    check('kube_products_in_order', inOrder(t.startedOn, t.endedOn)),
  ],
);

export const PARTNER_TYPES = [
  'pemasok',
  'pembeli',
  'pemerintah_desa',
  'bumdes',
  'dinas',
  'bank_koperasi',
  'swasta',
  'lainnya',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const PARTNERSHIP_STATUSES = ['dijajaki', 'aktif', 'berakhir'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** A partnership (kemitraan): with whom, what kind, since when, and how it stands. */
export const kubePartnerships = sqliteTable(
  'kube_partnerships',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    partner: text('partner').notNull(),
    type: text('type', { enum: PARTNER_TYPES }).notNull(),
    since: text('since').notNull(),
    status: text('status', { enum: PARTNERSHIP_STATUSES }).notNull(),
    /** The last day of a partnership that ended. */
    endedOn: text('ended_on'),
    note: text('note'),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('kube_partnerships_kube_idx').on(t.kubeId),
    check('kube_partnerships_partner', nonEmpty(t.partner)),
    check('kube_partnerships_type', oneOf(t.type, PARTNER_TYPES)),
    check('kube_partnerships_status', oneOf(t.status, PARTNERSHIP_STATUSES)),
    check('kube_partnerships_dates', isoDays(t.since, t.endedOn)),
    check('kube_partnerships_in_order', inOrder(t.since, t.endedOn)),
    // An ended partnership has its last day, and only an ended one (indicators/facts.ts).
    check('kube_partnerships_ended', sql`(${col(t.status)} = 'berakhir') = (${col(t.endedOn)} is not null)`),
  ],
);

/** A KUBE's turnover (omzet) in one month, in rupiah; optional. */
export const kubeTurnover = sqliteTable(
  'kube_turnover',
  {
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'restrict' }),
    /** YYYY-MM. */
    month: text('month').notNull(),
    amount: integer('amount').notNull(),
    recordedBy: text('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kubeId, t.month] }),
    check('kube_turnover_month', isoMonth(t.month)),
    check('kube_turnover_amount', atLeast(t.amount, 0)),
  ],
);

export const INDICATOR_TARGETS = [
  'i1_both_divisions',
  'i2_class_gain',
  'i2_mastery',
  'i3_improved',
  // The fourth figure, an addition of this platform: KUBEs trained in every quarter ("pelatihan berkala").
  'i4_regular_training',
] as const;
export type IndicatorTargetKey = (typeof INDICATOR_TARGETS)[number];

/** A target the admin set for one indicator in one year (defaults apply where none is set). */
export const indicatorTargets = sqliteTable(
  'indicator_targets',
  {
    year: integer('year').notNull(),
    key: text('key', { enum: INDICATOR_TARGETS }).notNull(),
    value: real('value').notNull(),
    setBy: text('set_by').references(() => people.id, { onDelete: 'set null' }),
    setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.key] }),
    check('indicator_targets_key', oneOf(t.key, INDICATOR_TARGETS)),
    check('indicator_targets_value', atLeast(t.value, 0)),
  ],
);

/**
 * What a correction changed: a record's field, its old and new value (JSON), who and when. Corrections of
 * positions, assessments, scores, facts and targets write here in the same transaction, so nothing is
 * overwritten silently.
 */
export const recordChanges = sqliteTable(
  'record_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The table's name, e.g. `kube_partnerships`. */
    tableName: text('table_name').notNull(),
    /** The record's key; for composite keys the parts joined by '/'. */
    recordId: text('record_id').notNull(),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    changedBy: text('changed_by').references(() => people.id, { onDelete: 'set null' }),
    changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('record_changes_record_idx').on(t.tableName, t.recordId)],
);

// ---------------------------------------------------------------------------------------------------------------------
// Success indicator 2 asks for skill as well as knowledge: practical tasks (content/tasks) that a facilitator
// watches a person do and scores with the task's checklist, before the training (pre) and after it (post).

/**
 * A facilitator's scoring of one person doing one practical task, before (pre) or after (post) the training.
 * One per person, task and kind: a correction changes the row and writes `recordChanges`.
 */
export const practiceScores = sqliteTable(
  'practice_scores',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The task file (content/tasks/<slug>.yaml) and the version it had when scored. */
    taskSlug: text('task_slug').notNull(),
    taskVersion: integer('task_version').notNull(),
    kind: text('kind', { enum: PRACTICE_KINDS }).notNull(),
    /** Ids of the checklist points the person did, as the checklist was at `taskVersion`. */
    checked: text('checked', { mode: 'json' }).$type<string[]>().notNull(),
    /** Number of points on the checklist at `taskVersion`. */
    total: integer('total').notNull(),
    /** 0–100: the share of the checklist done. */
    score: real('score').notNull(),
    /** Day the task was done, YYYY-MM-DD. */
    doneOn: text('done_on').notNull(),
    notes: text('notes'),
    scoredBy: text('scored_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('practice_scores_person_task_kind').on(t.personId, t.taskSlug, t.kind),
    index('practice_scores_task_idx').on(t.taskSlug, t.kind, t.personId, t.score),
    check('practice_scores_kind', oneOf(t.kind, PRACTICE_KINDS)),
    check('practice_scores_score', between(t.score, 0, 100)),
    check('practice_scores_total', atLeast(t.total, 1)),
    check('practice_scores_done_on', isoDays(t.doneOn)),
  ],
);

// ---------------------------------------------------------------------------------------------------------------------
// Field kit (README: "Field kit"): a field server on a facilitator's laptop runs workshops offline and syncs with the
// district server. Every synced table has triggers (migration 0011) that append the key of each changed row to
// `change_log`; `sync_context` says whether a write is the server's own (null) or applied from the other side.

/** A field server paired with this (district) server: its facilitator, its public key, and how far its pushes got. */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    /** The facilitator who paired it; the district accepts records only for the KUBEs assigned to them. */
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** A name the facilitator gave the laptop, e.g. "Laptop Prambon". */
    name: text('name').notNull(),
    /** Ed25519 public key (SPKI, base64): the device signs every request and every paket lapangan with its private key. */
    publicKey: text('public_key').notNull(),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }),
    /** The field's change-log sequence up to which its pushes are applied here: a batch at or below it is a resend. */
    pushedThrough: integer('pushed_through').notNull().default(0),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revokedBy: text('revoked_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('devices_person_idx').on(t.personId), check('devices_name', nonEmpty(t.name))],
);

/** One row per insert, update or delete of a synced row (written by triggers), in order: what the other side lacks. */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    /** The row's key values as a JSON array, in the order of the table's key (features/sync/tables.ts). */
    rowKey: text('row_key').notNull(),
    /** Null for the server's own writes; the device id (district) or 'district' (field) for writes a sync applied. */
    origin: text('origin'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('change_log_row_idx').on(t.tableName, t.rowKey)],
);

/** One row (id 1): the origin the change-log triggers record while a sync applies the other side's rows. */
export const syncContext = sqliteTable(
  'sync_context',
  {
    id: integer('id').primaryKey(),
    origin: text('origin'),
  },
  (t) => [check('sync_context_one_row', sql`${col(t.id)} = 1`)],
);

/** One row (id 1), on a field server only: the district it is paired with and how far pushes and pulls got. */
export const fieldLink = sqliteTable(
  'field_link',
  {
    id: integer('id').primaryKey(),
    districtUrl: text('district_url').notNull(),
    deviceId: text('device_id').notNull(),
    deviceName: text('device_name').notNull(),
    /** Ed25519 private key (PKCS#8, base64). It never leaves this server. */
    privateKey: text('private_key').notNull(),
    /** The facilitator who paired it (a row of `people`, pulled from the district). */
    personId: text('person_id').notNull(),
    pairedAt: integer('paired_at', { mode: 'timestamp_ms' }).notNull(),
    /** Highest own change-log seq the district confirmed. Everything after it is waiting to be sent. */
    pushedSeq: integer('pushed_seq').notNull().default(0),
    /** The district's change-log seq this server has pulled up to. */
    pullCursor: integer('pull_cursor').notNull().default(0),
    /** The KUBEs the district last said are assigned to the facilitator (JSON array). */
    kubeIds: text('kube_ids', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    lastPushAt: integer('last_push_at', { mode: 'timestamp_ms' }),
    lastPullAt: integer('last_pull_at', { mode: 'timestamp_ms' }),
    /**
     * Where an unfinished snapshot of newly assigned KUBEs stands (the district's position, JSON, sent back as it
     * came); null when no snapshot is under way.
     */
    pullSnapshot: text('pull_snapshot', { mode: 'json' }).$type<unknown>(),
    /** The last sync's failure, as a dictionary key, until a sync succeeds. */
    lastError: text('last_error'),
  },
  (t) => [check('field_link_one_row', sql`${col(t.id)} = 1`)],
);

/** On a field server: each synced row as both sides last agreed on it, the base of the three-way merge. */
export const syncBase = sqliteTable(
  'sync_base',
  {
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    row: text('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowKey] })],
);

export const SYNC_REFUSAL_REASONS = ['kube_not_assigned', 'not_allowed', 'conflict_kept_district', 'invalid'] as const;
export type SyncRefusalReason = (typeof SYNC_REFUSAL_REASONS)[number];

/** A row (or a field of one) the district did not take from a device, with why: listed on both sides. */
export const syncRefusals = sqliteTable(
  'sync_refusals',
  {
    id: text('id').primaryKey(),
    /** The device that sent it (on a field server: its own id, as the district answered). */
    deviceId: text('device_id').notNull(),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    reason: text('reason', { enum: SYNC_REFUSAL_REASONS }).notNull(),
    /** For a conflict: the field whose district value was kept, and both values (JSON). */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The row as the device sent it, so nothing is lost and an admin can look at it. */
    row: text('row', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    /** At the district: the last seq of the push batch that carried it, so a resent batch is answered with it too. */
    batchToSeq: integer('batch_to_seq'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sync_refusals_device_idx').on(t.deviceId, t.createdAt),
    check('sync_refusals_reason', oneOf(t.reason, SYNC_REFUSAL_REASONS)),
  ],
);

// ---------------------------------------------------------------------------------------------------------------------
// Certificates (issue 19): a module passed (post-test at the mastery score, and the module's practical task where
// the person has one) earns one. Anyone can check its code at /sertifikat/<code>, which shows only the name, the
// module, the day and whether it still stands.

/** Crockford's base 32 (no I, L, O or U, which read as 1, 1, 0 and V), as a GLOB class; a code has 10. */
export const CERTIFICATE_CODE_CLASS = '[0-9A-HJKMNP-TV-Z]';
export const CERTIFICATE_CODE_LENGTH = 10;

/**
 * One certificate of one person for one module. The id is the verification code, worked out from the person,
 * the module and `serial` (certificates/code.ts), so a field server and the district that issue the same
 * certificate issue the same code. A withdrawn one stays, with its reason; a later pass earns the next serial.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    /** The verification code: 10 letters and digits of Crockford's base 32. */
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    moduleSlug: text('module_slug').notNull(),
    /** 1 for the first certificate of this person and module; one more after each withdrawal. */
    serial: integer('serial').notNull(),
    /** The day the module was passed, YYYY-MM-DD: the later of the post-test and the practical task. */
    earnedOn: text('earned_on').notNull(),
    /** As printed: the person's KUBE and the facilitator when it was earned (null when there was none). */
    kubeName: text('kube_name'),
    facilitatorName: text('facilitator_name'),
    /** Set by an admin; the reason is kept, and who did it is in record_changes. */
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [
    uniqueIndex('certificates_person_module_serial').on(t.personId, t.moduleSlug, t.serial),
    check('certificates_id', fixedCode(t.id, CERTIFICATE_CODE_CLASS, CERTIFICATE_CODE_LENGTH)),
    check('certificates_serial', atLeast(t.serial, 1)),
    check('certificates_earned_on', isoDays(t.earnedOn)),
    check(
      'certificates_withdrawn',
      sql`(${col(t.withdrawnAt)} is null and ${col(t.withdrawnReason)} is null) or (${col(t.withdrawnAt)} is not null and ${col(t.withdrawnReason)} is not null and ${nonEmpty(t.withdrawnReason)})`,
    ),
  ],
);
export type Certificate = typeof certificates.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------------
// Training plans (issue 19): a KUBE's sessions of a year, each a module in a month for some of its people. The
// program's default sequence fills a new plan; a session becomes a workshop in one tap, and the workshop held
// marks it done.

/** Who a planned session is for: every member, the officers, or the holders of one position. */
export const SESSION_AUDIENCES = ['all', 'officers', 'position'] as const;
export type SessionAudience = (typeof SESSION_AUDIENCES)[number];

export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    id: text('id').primaryKey(),
    kubeId: text('kube_id')
      .notNull()
      .references(() => kubes.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    /** 1–12. */
    month: integer('month').notNull(),
    moduleSlug: text('module_slug').notNull(),
    audience: text('audience', { enum: SESSION_AUDIENCES }).notNull(),
    /** The position, when the session is for one (`audience` = position). */
    jabatanCode: text('jabatan_code').references(() => jabatan.code),
    /** Who facilitates it; null: not decided yet. */
    facilitatorId: text('facilitator_id').references(() => people.id, { onDelete: 'set null' }),
    /** The workshop it became; the session is done once that workshop is closed. */
    workshopId: text('workshop_id').references(() => workshops.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('training_sessions_kube_idx').on(t.kubeId, t.year, t.month),
    index('training_sessions_workshop_idx').on(t.workshopId),
    check('training_sessions_month', between(t.month, 1, 12)),
    check('training_sessions_year', between(t.year, 2020, 2099)),
    check('training_sessions_audience', oneOf(t.audience, SESSION_AUDIENCES)),
    check('training_sessions_position', sql`(${col(t.audience)} = 'position') = (${col(t.jabatanCode)} is not null)`),
  ],
);
export type TrainingSession = typeof trainingSessions.$inferSelect;
