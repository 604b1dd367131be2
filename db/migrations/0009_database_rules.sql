-- The database guards its own rules: CHECK constraints, one counted attempt per person, module and kind, and
-- the foreign key of sessions.workshop_id. SQLite adds a CHECK or a foreign key only by rebuilding the table
-- (create `__new_x`, copy, drop `x`, rename), which is what drizzle-kit wrote below.
--
-- Foreign keys must be off while a parent table is dropped: with them on, DROP TABLE deletes every row first,
-- and that delete would cascade into the children (people → attempts → attempt_answers …) or be refused.
-- `PRAGMA foreign_keys` is a no-op inside a transaction, and drizzle's migrator runs all migrations in one;
-- @libsql/client's `migrate()` (used by db/migrate.ts) turns them off before it begins and on after it ends.
-- The guard below makes sure of it: if foreign keys are on, the migration fails before it touches a row.
CREATE TABLE `__migration_guard` (`foreign_keys` integer NOT NULL CONSTRAINT `foreign_keys_off` CHECK (`foreign_keys` = 0));
--> statement-breakpoint
INSERT INTO `__migration_guard` SELECT `foreign_keys` FROM pragma_foreign_keys;
--> statement-breakpoint
DROP TABLE `__migration_guard`;
--> statement-breakpoint
-- Rows that break a new rule are repaired first, by the rule the app itself follows, so nothing is lost:
-- * Of two counted attempts of one person, module and kind (two submissions that raced), the earliest
--   submitted one (then the lowest id, as 0007 chose) stays counted; the others become retakes.
UPDATE `attempts` SET `counted` = 0 WHERE `counted` = 1 AND (`submitted_at` IS NULL OR `id` IN (
	SELECT `id` FROM (
		SELECT `id`, row_number() OVER (
			PARTITION BY `person_id`, `module_slug`, `kind` ORDER BY `submitted_at`, `id`
		) AS `rn`
		FROM `attempts` WHERE `counted` = 1 AND `submitted_at` IS NOT NULL
	) WHERE `rn` > 1
));
--> statement-breakpoint
-- * A tablet session whose workshop no longer exists is already refused at sign-in (workshop/tablet-session.ts):
--   it is ended, as closing the workshop would have ended it.
DELETE FROM `sessions` WHERE `workshop_id` IS NOT NULL AND `workshop_id` NOT IN (SELECT `id` FROM `workshops`);
--> statement-breakpoint
-- * A tablet that reported fewer than no unsent answers holds none.
UPDATE `device_reports` SET `unsent` = 0 WHERE `unsent` < 0;
--> statement-breakpoint
-- Any other broken rule (an unknown role, a rubric score of 5, an empty name, an end before its start) is no
-- row the app could have written, and no rule knows what it meant: the copy into `__new_x` fails, the whole
-- migration rolls back, and the error names the constraint, so a person can correct the row and start again.
CREATE TABLE `__new_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`kind` text NOT NULL,
	`form` text,
	`items` text NOT NULL,
	`answer_key` text NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`score` real,
	`correct` integer,
	`total` integer NOT NULL,
	`by_objective` text,
	`item_set_id` integer,
	`item_bits` text,
	`counted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_set_id`) REFERENCES `item_sets`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attempts_kind" CHECK("kind" in ('pre', 'post')),
	CONSTRAINT "attempts_form" CHECK("form" in ('A', 'B')),
	CONSTRAINT "attempts_score" CHECK("score" between 0 and 100),
	CONSTRAINT "attempts_correct" CHECK("correct" between 0 and "total"),
	CONSTRAINT "attempts_counted_submitted" CHECK("counted" = 0 or "submitted_at" is not null)
);
--> statement-breakpoint
INSERT INTO `__new_attempts`("id", "person_id", "module_slug", "kind", "form", "items", "answer_key", "started_at", "submitted_at", "score", "correct", "total", "by_objective", "item_set_id", "item_bits", "counted") SELECT "id", "person_id", "module_slug", "kind", "form", "items", "answer_key", "started_at", "submitted_at", "score", "correct", "total", "by_objective", "item_set_id", "item_bits", "counted" FROM `attempts`;--> statement-breakpoint
DROP TABLE `attempts`;--> statement-breakpoint
ALTER TABLE `__new_attempts` RENAME TO `attempts`;--> statement-breakpoint
CREATE INDEX `attempts_person_module_idx` ON `attempts` (`person_id`,`module_slug`,`kind`);--> statement-breakpoint
CREATE INDEX `attempts_counted_idx` ON `attempts` (`module_slug`,`kind`,`person_id`,`score`,`form`,`submitted_at`,`item_set_id`,`item_bits`) WHERE "attempts"."counted" = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_counted` ON `attempts` (`person_id`,`module_slug`,`kind`) WHERE "attempts"."counted" = 1;--> statement-breakpoint
CREATE TABLE `__new_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_verified_at` integer NOT NULL,
	`user_agent` text,
	`workshop_id` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_sessions`("id", "secret_hash", "person_id", "created_at", "last_verified_at", "user_agent", "workshop_id") SELECT "id", "secret_hash", "person_id", "created_at", "last_verified_at", "user_agent", "workshop_id" FROM `sessions`;--> statement-breakpoint
DROP TABLE `sessions`;--> statement-breakpoint
ALTER TABLE `__new_sessions` RENAME TO `sessions`;--> statement-breakpoint
CREATE INDEX `sessions_person_idx` ON `sessions` (`person_id`);--> statement-breakpoint
CREATE INDEX `sessions_workshop_idx` ON `sessions` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `__new_capacity_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`rubric_slug` text NOT NULL,
	`rubric_version` integer NOT NULL,
	`assessed_on` text NOT NULL,
	`notes` text,
	`assessed_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assessed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "capacity_assessments_assessed_on" CHECK("assessed_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
INSERT INTO `__new_capacity_assessments`("id", "kube_id", "rubric_slug", "rubric_version", "assessed_on", "notes", "assessed_by", "created_at") SELECT "id", "kube_id", "rubric_slug", "rubric_version", "assessed_on", "notes", "assessed_by", "created_at" FROM `capacity_assessments`;--> statement-breakpoint
DROP TABLE `capacity_assessments`;--> statement-breakpoint
ALTER TABLE `__new_capacity_assessments` RENAME TO `capacity_assessments`;--> statement-breakpoint
CREATE INDEX `capacity_assessments_kube_idx` ON `capacity_assessments` (`kube_id`,`assessed_on`);--> statement-breakpoint
CREATE TABLE `__new_capacity_scores` (
	`assessment_id` text NOT NULL,
	`item_id` text NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `item_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `capacity_assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "capacity_scores_score" CHECK("score" between 1 and 4)
);
--> statement-breakpoint
INSERT INTO `__new_capacity_scores`("assessment_id", "item_id", "score") SELECT "assessment_id", "item_id", "score" FROM `capacity_scores`;--> statement-breakpoint
DROP TABLE `capacity_scores`;--> statement-breakpoint
ALTER TABLE `__new_capacity_scores` RENAME TO `capacity_scores`;--> statement-breakpoint
CREATE TABLE `__new_device_reports` (
	`attempt_id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`unsent` integer NOT NULL,
	`submit_pending` integer NOT NULL,
	`reported_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "device_reports_unsent" CHECK("unsent" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_device_reports`("attempt_id", "workshop_id", "unsent", "submit_pending", "reported_at") SELECT "attempt_id", "workshop_id", "unsent", "submit_pending", "reported_at" FROM `device_reports`;--> statement-breakpoint
DROP TABLE `device_reports`;--> statement-breakpoint
ALTER TABLE `__new_device_reports` RENAME TO `device_reports`;--> statement-breakpoint
CREATE INDEX `device_reports_workshop_idx` ON `device_reports` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `__new_indicator_targets` (
	`year` integer NOT NULL,
	`key` text NOT NULL,
	`value` real NOT NULL,
	`set_by` text,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`year`, `key`),
	FOREIGN KEY (`set_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "indicator_targets_key" CHECK("key" in ('i1_both_divisions', 'i2_class_gain', 'i2_mastery', 'i3_improved')),
	CONSTRAINT "indicator_targets_value" CHECK("value" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_indicator_targets`("year", "key", "value", "set_by", "set_at") SELECT "year", "key", "value", "set_by", "set_at" FROM `indicator_targets`;--> statement-breakpoint
DROP TABLE `indicator_targets`;--> statement-breakpoint
ALTER TABLE `__new_indicator_targets` RENAME TO `indicator_targets`;--> statement-breakpoint
CREATE TABLE `__new_jabatan` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`division` text NOT NULL,
	`is_core` integer NOT NULL,
	`single_holder` integer NOT NULL,
	`sort_order` integer NOT NULL,
	CONSTRAINT "jabatan_name" CHECK(length(trim("name")) > 0)
);
--> statement-breakpoint
INSERT INTO `__new_jabatan`("code", "name", "division", "is_core", "single_holder", "sort_order") SELECT "code", "name", "division", "is_core", "single_holder", "sort_order" FROM `jabatan`;--> statement-breakpoint
DROP TABLE `jabatan`;--> statement-breakpoint
ALTER TABLE `__new_jabatan` RENAME TO `jabatan`;--> statement-breakpoint
CREATE TABLE `__new_kube_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`channel` text NOT NULL,
	`detail` text,
	`started_on` text NOT NULL,
	`ended_on` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "kube_channels_channel" CHECK("channel" in ('jual_langsung', 'titip_warung', 'pasar', 'pesanan', 'whatsapp', 'media_sosial', 'marketplace', 'pameran', 'lainnya')),
	CONSTRAINT "kube_channels_dates" CHECK("started_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' and "ended_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "kube_channels_in_order" CHECK("ended_on" is null or "ended_on" >= "started_on")
);
--> statement-breakpoint
INSERT INTO `__new_kube_channels`("id", "kube_id", "channel", "detail", "started_on", "ended_on", "created_by", "created_at") SELECT "id", "kube_id", "channel", "detail", "started_on", "ended_on", "created_by", "created_at" FROM `kube_channels`;--> statement-breakpoint
DROP TABLE `kube_channels`;--> statement-breakpoint
ALTER TABLE `__new_kube_channels` RENAME TO `kube_channels`;--> statement-breakpoint
CREATE INDEX `kube_channels_kube_idx` ON `kube_channels` (`kube_id`);--> statement-breakpoint
CREATE TABLE `__new_kube_partnerships` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`partner` text NOT NULL,
	`type` text NOT NULL,
	`since` text NOT NULL,
	`status` text NOT NULL,
	`ended_on` text,
	`note` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "kube_partnerships_partner" CHECK(length(trim("partner")) > 0),
	CONSTRAINT "kube_partnerships_type" CHECK("type" in ('pemasok', 'pembeli', 'pemerintah_desa', 'bumdes', 'dinas', 'bank_koperasi', 'swasta', 'lainnya')),
	CONSTRAINT "kube_partnerships_status" CHECK("status" in ('dijajaki', 'aktif', 'berakhir')),
	CONSTRAINT "kube_partnerships_dates" CHECK("since" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' and "ended_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "kube_partnerships_in_order" CHECK("ended_on" is null or "ended_on" >= "since"),
	CONSTRAINT "kube_partnerships_ended" CHECK(("status" = 'berakhir') = ("ended_on" is not null))
);
--> statement-breakpoint
INSERT INTO `__new_kube_partnerships`("id", "kube_id", "partner", "type", "since", "status", "ended_on", "note", "created_by", "created_at") SELECT "id", "kube_id", "partner", "type", "since", "status", "ended_on", "note", "created_by", "created_at" FROM `kube_partnerships`;--> statement-breakpoint
DROP TABLE `kube_partnerships`;--> statement-breakpoint
ALTER TABLE `__new_kube_partnerships` RENAME TO `kube_partnerships`;--> statement-breakpoint
CREATE INDEX `kube_partnerships_kube_idx` ON `kube_partnerships` (`kube_id`);--> statement-breakpoint
CREATE TABLE `__new_kube_products` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`name` text NOT NULL,
	`note` text,
	`started_on` text NOT NULL,
	`ended_on` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "kube_products_name" CHECK(length(trim("name")) > 0),
	CONSTRAINT "kube_products_dates" CHECK("started_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' and "ended_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "kube_products_in_order" CHECK("ended_on" is null or "ended_on" >= "started_on")
);
--> statement-breakpoint
INSERT INTO `__new_kube_products`("id", "kube_id", "name", "note", "started_on", "ended_on", "created_by", "created_at") SELECT "id", "kube_id", "name", "note", "started_on", "ended_on", "created_by", "created_at" FROM `kube_products`;--> statement-breakpoint
DROP TABLE `kube_products`;--> statement-breakpoint
ALTER TABLE `__new_kube_products` RENAME TO `kube_products`;--> statement-breakpoint
CREATE INDEX `kube_products_kube_idx` ON `kube_products` (`kube_id`);--> statement-breakpoint
CREATE TABLE `__new_kube_turnover` (
	`kube_id` text NOT NULL,
	`month` text NOT NULL,
	`amount` integer NOT NULL,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`kube_id`, `month`),
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "kube_turnover_month" CHECK("month" glob '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	CONSTRAINT "kube_turnover_amount" CHECK("amount" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_kube_turnover`("kube_id", "month", "amount", "recorded_by", "recorded_at") SELECT "kube_id", "month", "amount", "recorded_by", "recorded_at" FROM `kube_turnover`;--> statement-breakpoint
DROP TABLE `kube_turnover`;--> statement-breakpoint
ALTER TABLE `__new_kube_turnover` RENAME TO `kube_turnover`;--> statement-breakpoint
CREATE TABLE `__new_kubes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`desa` text NOT NULL,
	`kecamatan` text NOT NULL,
	`kabupaten` text NOT NULL,
	`provinsi` text NOT NULL,
	`business_types` text DEFAULT '[]' NOT NULL,
	`sk_number` text,
	`sk_date` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	CONSTRAINT "kubes_names" CHECK(length(trim("name")) > 0 and length(trim("desa")) > 0 and length(trim("kecamatan")) > 0 and length(trim("kabupaten")) > 0 and length(trim("provinsi")) > 0),
	CONSTRAINT "kubes_sk_date" CHECK("sk_date" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
INSERT INTO `__new_kubes`("id", "name", "desa", "kecamatan", "kabupaten", "provinsi", "business_types", "sk_number", "sk_date", "created_at", "updated_at") SELECT "id", "name", "desa", "kecamatan", "kabupaten", "provinsi", "business_types", "sk_number", "sk_date", "created_at", "updated_at" FROM `kubes`;--> statement-breakpoint
DROP TABLE `kubes`;--> statement-breakpoint
ALTER TABLE `__new_kubes` RENAME TO `kubes`;--> statement-breakpoint
CREATE INDEX `kubes_region_idx` ON `kubes` (`kabupaten`,`kecamatan`,`desa`);--> statement-breakpoint
CREATE TABLE `__new_memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`person_id` text NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_dates" CHECK("joined_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' and "left_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "memberships_in_order" CHECK("left_on" is null or "left_on" >= "joined_on")
);
--> statement-breakpoint
INSERT INTO `__new_memberships`("id", "kube_id", "person_id", "joined_on", "left_on") SELECT "id", "kube_id", "person_id", "joined_on", "left_on" FROM `memberships`;--> statement-breakpoint
DROP TABLE `memberships`;--> statement-breakpoint
ALTER TABLE `__new_memberships` RENAME TO `memberships`;--> statement-breakpoint
CREATE INDEX `memberships_kube_idx` ON `memberships` (`kube_id`);--> statement-breakpoint
CREATE INDEX `memberships_person_idx` ON `memberships` (`person_id`,`joined_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_one_current` ON `memberships` (`person_id`) WHERE "memberships"."left_on" is null;--> statement-breakpoint
CREATE TABLE `__new_module_progress` (
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`progress` real NOT NULL,
	`state` text NOT NULL,
	`lessons_completed` integer NOT NULL,
	`lessons_total` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `module_slug`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "module_progress_progress" CHECK("progress" between 0 and 1),
	CONSTRAINT "module_progress_state" CHECK("state" in ('belum_mulai', 'sedang_belajar', 'materi_selesai')),
	CONSTRAINT "module_progress_lessons" CHECK("lessons_completed" >= 0 and "lessons_total" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_module_progress`("person_id", "module_slug", "progress", "state", "lessons_completed", "lessons_total", "last_activity_at") SELECT "person_id", "module_slug", "progress", "state", "lessons_completed", "lessons_total", "last_activity_at" FROM `module_progress`;--> statement-breakpoint
DROP TABLE `module_progress`;--> statement-breakpoint
ALTER TABLE `__new_module_progress` RENAME TO `module_progress`;--> statement-breakpoint
CREATE TABLE `__new_people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`username` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`pin_hash` text,
	`phone` text,
	`business` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	CONSTRAINT "people_name" CHECK(length(trim("name")) > 0),
	CONSTRAINT "people_role" CHECK("role" in ('anggota', 'pengurus', 'pendamping', 'admin'))
);
--> statement-breakpoint
INSERT INTO `__new_people`("id", "name", "username", "role", "password_hash", "pin_hash", "phone", "business", "active", "created_at", "updated_at") SELECT "id", "name", "username", "role", "password_hash", "pin_hash", "phone", "business", "active", "created_at", "updated_at" FROM `people`;--> statement-breakpoint
DROP TABLE `people`;--> statement-breakpoint
ALTER TABLE `__new_people` RENAME TO `people`;--> statement-breakpoint
CREATE UNIQUE INDEX `people_username_unique` ON `people` (`username`);--> statement-breakpoint
CREATE INDEX `people_role_idx` ON `people` (`role`);--> statement-breakpoint
CREATE TABLE `__new_positions` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`person_id` text NOT NULL,
	`jabatan_code` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`jabatan_code`) REFERENCES `jabatan`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "positions_dates" CHECK("start_date" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' and "end_date" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "positions_in_order" CHECK("end_date" is null or "end_date" >= "start_date")
);
--> statement-breakpoint
INSERT INTO `__new_positions`("id", "kube_id", "person_id", "jabatan_code", "start_date", "end_date", "note", "created_at") SELECT "id", "kube_id", "person_id", "jabatan_code", "start_date", "end_date", "note", "created_at" FROM `positions`;--> statement-breakpoint
DROP TABLE `positions`;--> statement-breakpoint
ALTER TABLE `__new_positions` RENAME TO `positions`;--> statement-breakpoint
CREATE INDEX `positions_kube_idx` ON `positions` (`kube_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `positions_person_idx` ON `positions` (`person_id`);--> statement-breakpoint
CREATE TABLE `__new_test_permissions` (
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`kind` text NOT NULL,
	`granted_by` text,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `module_slug`, `kind`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "test_permissions_kind" CHECK("kind" in ('waive_pre', 'open_post', 'retake_pre', 'retake_post'))
);
--> statement-breakpoint
INSERT INTO `__new_test_permissions`("person_id", "module_slug", "kind", "granted_by", "granted_at") SELECT "person_id", "module_slug", "kind", "granted_by", "granted_at" FROM `test_permissions`;--> statement-breakpoint
DROP TABLE `test_permissions`;--> statement-breakpoint
ALTER TABLE `__new_test_permissions` RENAME TO `test_permissions`;--> statement-breakpoint
CREATE TABLE `__new_workshop_attendance` (
	`workshop_id` text NOT NULL,
	`person_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`method` text NOT NULL,
	PRIMARY KEY(`workshop_id`, `person_id`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "workshop_attendance_method" CHECK("method" in ('pin', 'manual'))
);
--> statement-breakpoint
INSERT INTO `__new_workshop_attendance`("workshop_id", "person_id", "joined_at", "method") SELECT "workshop_id", "person_id", "joined_at", "method" FROM `workshop_attendance`;--> statement-breakpoint
DROP TABLE `workshop_attendance`;--> statement-breakpoint
ALTER TABLE `__new_workshop_attendance` RENAME TO `workshop_attendance`;--> statement-breakpoint
CREATE TABLE `__new_workshops` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	`notes` text,
	`code` text NOT NULL,
	`phase` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "workshops_date" CHECK("date" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "workshops_place" CHECK(length(trim("place")) > 0),
	CONSTRAINT "workshops_phase" CHECK("phase" in ('pre_test', 'materi', 'post_test', 'selesai'))
);
--> statement-breakpoint
INSERT INTO `__new_workshops`("id", "kube_id", "module_slug", "date", "place", "notes", "code", "phase", "created_by", "created_at", "closed_at") SELECT "id", "kube_id", "module_slug", "date", "place", "notes", "code", "phase", "created_by", "created_at", "closed_at" FROM `workshops`;--> statement-breakpoint
DROP TABLE `workshops`;--> statement-breakpoint
ALTER TABLE `__new_workshops` RENAME TO `workshops`;--> statement-breakpoint
CREATE INDEX `workshops_kube_idx` ON `workshops` (`kube_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_open_code` ON `workshops` (`code`) WHERE "workshops"."closed_at" is null;--> statement-breakpoint
-- The rebuilt tables must hold together: a foreign key the copy broke fails the migration here.
CREATE TABLE `__migration_guard` (`broken` integer NOT NULL CONSTRAINT `foreign_keys_hold` CHECK (`broken` = 0));
--> statement-breakpoint
INSERT INTO `__migration_guard` SELECT count(*) FROM pragma_foreign_key_check;
--> statement-breakpoint
DROP TABLE `__migration_guard`;