-- Retention tests ("tes ulang"): a third kind of attempt, and workshops that run one (purpose `retention`,
-- phase `retention_test`). SQLite widens a CHECK only by rebuilding the table, as drizzle-kit wrote below;
-- a rebuilt table loses its triggers, so the change-log triggers of both (migration 0011) are made again at
-- the end. Foreign keys must be off while a parent table is dropped (see 0009): the guard fails the
-- migration before it touches a row if they are on.
CREATE TABLE `__migration_guard` (`foreign_keys` integer NOT NULL CONSTRAINT `foreign_keys_off` CHECK (`foreign_keys` = 0));
--> statement-breakpoint
INSERT INTO `__migration_guard` SELECT `foreign_keys` FROM pragma_foreign_keys;
--> statement-breakpoint
DROP TABLE `__migration_guard`;
--> statement-breakpoint
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
	CONSTRAINT "attempts_kind" CHECK("kind" in ('pre', 'post', 'retention')),
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
CREATE INDEX `attempts_person_counted_idx` ON `attempts` (`person_id`,`module_slug`,`kind`,`score`,`form`,`submitted_at`,`item_set_id`,`item_bits`) WHERE "attempts"."counted" = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_counted` ON `attempts` (`person_id`,`module_slug`,`kind`) WHERE "attempts"."counted" = 1;--> statement-breakpoint
CREATE TABLE `__new_workshops` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`date` text NOT NULL,
	`place` text NOT NULL,
	`notes` text,
	`code` text NOT NULL,
	`phase` text NOT NULL,
	`purpose` text DEFAULT 'learning' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "workshops_date" CHECK("date" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "workshops_place" CHECK(length(trim("place")) > 0),
	CONSTRAINT "workshops_phase" CHECK("phase" in ('pre_test', 'materi', 'post_test', 'retention_test', 'selesai')),
	CONSTRAINT "workshops_purpose" CHECK("purpose" in ('learning', 'retention'))
);
--> statement-breakpoint
INSERT INTO `__new_workshops`("id", "kube_id", "module_slug", "date", "place", "notes", "code", "phase", "purpose", "created_by", "created_at", "closed_at") SELECT "id", "kube_id", "module_slug", "date", "place", "notes", "code", "phase", 'learning', "created_by", "created_at", "closed_at" FROM `workshops`;--> statement-breakpoint
DROP TABLE `workshops`;--> statement-breakpoint
ALTER TABLE `__new_workshops` RENAME TO `workshops`;--> statement-breakpoint
CREATE INDEX `workshops_kube_idx` ON `workshops` (`kube_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_open_code` ON `workshops` (`code`) WHERE "workshops"."closed_at" is null;--> statement-breakpoint
CREATE TRIGGER `attempts_log_insert` AFTER INSERT ON `attempts` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempts', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempts_log_update` AFTER UPDATE ON `attempts` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempts', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempts_log_delete` AFTER DELETE ON `attempts` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempts', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshops_log_insert` AFTER INSERT ON `workshops` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshops', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshops_log_update` AFTER UPDATE ON `workshops` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshops', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshops_log_delete` AFTER DELETE ON `workshops` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshops', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
