CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`origin` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `change_log_row_idx` ON `change_log` (`table_name`,`row_key`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer,
	`pushed_through` integer DEFAULT 0 NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revoked_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "devices_name" CHECK(length(trim("name")) > 0)
);
--> statement-breakpoint
CREATE INDEX `devices_person_idx` ON `devices` (`person_id`);--> statement-breakpoint
CREATE TABLE `field_link` (
	`id` integer PRIMARY KEY NOT NULL,
	`district_url` text NOT NULL,
	`device_id` text NOT NULL,
	`device_name` text NOT NULL,
	`private_key` text NOT NULL,
	`person_id` text NOT NULL,
	`paired_at` integer NOT NULL,
	`pushed_seq` integer DEFAULT 0 NOT NULL,
	`pull_cursor` integer DEFAULT 0 NOT NULL,
	`kube_ids` text DEFAULT '[]' NOT NULL,
	`last_push_at` integer,
	`last_pull_at` integer,
	`last_error` text,
	CONSTRAINT "field_link_one_row" CHECK("id" = 1)
);
--> statement-breakpoint
CREATE TABLE `sync_base` (
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`row` text NOT NULL,
	PRIMARY KEY(`table_name`, `row_key`)
);
--> statement-breakpoint
CREATE TABLE `sync_context` (
	`id` integer PRIMARY KEY NOT NULL,
	`origin` text,
	CONSTRAINT "sync_context_one_row" CHECK("id" = 1)
);
--> statement-breakpoint
CREATE TABLE `sync_refusals` (
	`id` text PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`reason` text NOT NULL,
	`detail` text,
	`row` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "sync_refusals_reason" CHECK("reason" in ('kube_not_assigned', 'not_allowed', 'conflict_kept_district', 'invalid'))
);
--> statement-breakpoint
CREATE INDEX `sync_refusals_device_idx` ON `sync_refusals` (`device_id`,`created_at`);--> statement-breakpoint
INSERT INTO `sync_context` (`id`, `origin`) VALUES (1, NULL);
--> statement-breakpoint
CREATE TRIGGER `kubes_log_insert` AFTER INSERT ON `kubes` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kubes', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kubes_log_update` AFTER UPDATE ON `kubes` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kubes', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kubes_log_delete` AFTER DELETE ON `kubes` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kubes', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `jabatan_log_insert` AFTER INSERT ON `jabatan` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('jabatan', json_array(NEW."code"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `jabatan_log_update` AFTER UPDATE ON `jabatan` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('jabatan', json_array(NEW."code"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `jabatan_log_delete` AFTER DELETE ON `jabatan` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('jabatan', json_array(OLD."code"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_log_insert` AFTER INSERT ON `indicator_targets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('indicator_targets', json_array(NEW."year", NEW."key"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_log_update` AFTER UPDATE ON `indicator_targets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('indicator_targets', json_array(NEW."year", NEW."key"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_log_delete` AFTER DELETE ON `indicator_targets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('indicator_targets', json_array(OLD."year", OLD."key"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `people_log_insert` AFTER INSERT ON `people` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('people', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `people_log_update` AFTER UPDATE ON `people` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('people', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `people_log_delete` AFTER DELETE ON `people` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('people', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `memberships_log_insert` AFTER INSERT ON `memberships` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('memberships', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `memberships_log_update` AFTER UPDATE ON `memberships` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('memberships', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `memberships_log_delete` AFTER DELETE ON `memberships` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('memberships', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `facilitator_assignments_log_insert` AFTER INSERT ON `facilitator_assignments` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('facilitator_assignments', json_array(NEW."kube_id", NEW."person_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `facilitator_assignments_log_update` AFTER UPDATE ON `facilitator_assignments` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('facilitator_assignments', json_array(NEW."kube_id", NEW."person_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `facilitator_assignments_log_delete` AFTER DELETE ON `facilitator_assignments` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('facilitator_assignments', json_array(OLD."kube_id", OLD."person_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `positions_log_insert` AFTER INSERT ON `positions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('positions', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `positions_log_update` AFTER UPDATE ON `positions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('positions', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `positions_log_delete` AFTER DELETE ON `positions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('positions', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `item_sets_log_insert` AFTER INSERT ON `item_sets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('item_sets', json_array(NEW."module_slug", NEW."question_ids"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `item_sets_log_update` AFTER UPDATE ON `item_sets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('item_sets', json_array(NEW."module_slug", NEW."question_ids"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `item_sets_log_delete` AFTER DELETE ON `item_sets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('item_sets', json_array(OLD."module_slug", OLD."question_ids"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshops_log_insert` AFTER INSERT ON `workshops` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshops', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshops_log_update` AFTER UPDATE ON `workshops` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshops', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshops_log_delete` AFTER DELETE ON `workshops` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshops', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshop_attendance_log_insert` AFTER INSERT ON `workshop_attendance` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshop_attendance', json_array(NEW."workshop_id", NEW."person_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshop_attendance_log_update` AFTER UPDATE ON `workshop_attendance` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshop_attendance', json_array(NEW."workshop_id", NEW."person_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `workshop_attendance_log_delete` AFTER DELETE ON `workshop_attendance` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('workshop_attendance', json_array(OLD."workshop_id", OLD."person_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempts_log_insert` AFTER INSERT ON `attempts` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempts', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempts_log_update` AFTER UPDATE ON `attempts` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempts', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempts_log_delete` AFTER DELETE ON `attempts` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempts', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempt_answers_log_insert` AFTER INSERT ON `attempt_answers` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempt_answers', json_array(NEW."attempt_id", NEW."question_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempt_answers_log_update` AFTER UPDATE ON `attempt_answers` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempt_answers', json_array(NEW."attempt_id", NEW."question_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `attempt_answers_log_delete` AFTER DELETE ON `attempt_answers` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('attempt_answers', json_array(OLD."attempt_id", OLD."question_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `test_permissions_log_insert` AFTER INSERT ON `test_permissions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('test_permissions', json_array(NEW."person_id", NEW."module_slug", NEW."kind"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `test_permissions_log_update` AFTER UPDATE ON `test_permissions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('test_permissions', json_array(NEW."person_id", NEW."module_slug", NEW."kind"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `test_permissions_log_delete` AFTER DELETE ON `test_permissions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('test_permissions', json_array(OLD."person_id", OLD."module_slug", OLD."kind"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `lesson_visits_log_insert` AFTER INSERT ON `lesson_visits` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('lesson_visits', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `lesson_visits_log_update` AFTER UPDATE ON `lesson_visits` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('lesson_visits', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `lesson_visits_log_delete` AFTER DELETE ON `lesson_visits` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('lesson_visits', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `lesson_completions_log_insert` AFTER INSERT ON `lesson_completions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('lesson_completions', json_array(NEW."person_id", NEW."lesson_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `lesson_completions_log_update` AFTER UPDATE ON `lesson_completions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('lesson_completions', json_array(NEW."person_id", NEW."lesson_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `lesson_completions_log_delete` AFTER DELETE ON `lesson_completions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('lesson_completions', json_array(OLD."person_id", OLD."lesson_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `module_progress_log_insert` AFTER INSERT ON `module_progress` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('module_progress', json_array(NEW."person_id", NEW."module_slug"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `module_progress_log_update` AFTER UPDATE ON `module_progress` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('module_progress', json_array(NEW."person_id", NEW."module_slug"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `module_progress_log_delete` AFTER DELETE ON `module_progress` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('module_progress', json_array(OLD."person_id", OLD."module_slug"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `capacity_assessments_log_insert` AFTER INSERT ON `capacity_assessments` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('capacity_assessments', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `capacity_assessments_log_update` AFTER UPDATE ON `capacity_assessments` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('capacity_assessments', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `capacity_assessments_log_delete` AFTER DELETE ON `capacity_assessments` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('capacity_assessments', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `capacity_scores_log_insert` AFTER INSERT ON `capacity_scores` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('capacity_scores', json_array(NEW."assessment_id", NEW."item_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `capacity_scores_log_update` AFTER UPDATE ON `capacity_scores` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('capacity_scores', json_array(NEW."assessment_id", NEW."item_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `capacity_scores_log_delete` AFTER DELETE ON `capacity_scores` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('capacity_scores', json_array(OLD."assessment_id", OLD."item_id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_channels_log_insert` AFTER INSERT ON `kube_channels` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_channels', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_channels_log_update` AFTER UPDATE ON `kube_channels` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_channels', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_channels_log_delete` AFTER DELETE ON `kube_channels` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_channels', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_products_log_insert` AFTER INSERT ON `kube_products` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_products', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_products_log_update` AFTER UPDATE ON `kube_products` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_products', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_products_log_delete` AFTER DELETE ON `kube_products` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_products', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_partnerships_log_insert` AFTER INSERT ON `kube_partnerships` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_partnerships', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_partnerships_log_update` AFTER UPDATE ON `kube_partnerships` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_partnerships', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_partnerships_log_delete` AFTER DELETE ON `kube_partnerships` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_partnerships', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_turnover_log_insert` AFTER INSERT ON `kube_turnover` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_turnover', json_array(NEW."kube_id", NEW."month"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_turnover_log_update` AFTER UPDATE ON `kube_turnover` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_turnover', json_array(NEW."kube_id", NEW."month"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `kube_turnover_log_delete` AFTER DELETE ON `kube_turnover` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('kube_turnover', json_array(OLD."kube_id", OLD."month"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `practice_scores_log_insert` AFTER INSERT ON `practice_scores` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('practice_scores', json_array(NEW."person_id", NEW."task_slug", NEW."kind"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `practice_scores_log_update` AFTER UPDATE ON `practice_scores` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('practice_scores', json_array(NEW."person_id", NEW."task_slug", NEW."kind"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `practice_scores_log_delete` AFTER DELETE ON `practice_scores` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('practice_scores', json_array(OLD."person_id", OLD."task_slug", OLD."kind"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `record_changes_log_insert` AFTER INSERT ON `record_changes` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('record_changes', json_array(NEW."table_name", NEW."record_id", NEW."field", NEW."changed_at", NEW."new_value"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `record_changes_log_update` AFTER UPDATE ON `record_changes` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('record_changes', json_array(NEW."table_name", NEW."record_id", NEW."field", NEW."changed_at", NEW."new_value"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `record_changes_log_delete` AFTER DELETE ON `record_changes` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('record_changes', json_array(OLD."table_name", OLD."record_id", OLD."field", OLD."changed_at", OLD."new_value"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
