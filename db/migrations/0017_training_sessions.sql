CREATE TABLE `training_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`module_slug` text NOT NULL,
	`audience` text NOT NULL,
	`jabatan_code` text,
	`facilitator_id` text,
	`workshop_id` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`jabatan_code`) REFERENCES `jabatan`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facilitator_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "training_sessions_month" CHECK("month" between 1 and 12),
	CONSTRAINT "training_sessions_year" CHECK("year" between 2020 and 2099),
	CONSTRAINT "training_sessions_audience" CHECK("audience" in ('all', 'officers', 'position')),
	CONSTRAINT "training_sessions_position" CHECK(("audience" = 'position') = ("jabatan_code" is not null))
);
--> statement-breakpoint
CREATE INDEX `training_sessions_kube_idx` ON `training_sessions` (`kube_id`,`year`,`month`);--> statement-breakpoint
CREATE INDEX `training_sessions_workshop_idx` ON `training_sessions` (`workshop_id`);
--> statement-breakpoint
CREATE TRIGGER `training_sessions_log_insert` AFTER INSERT ON `training_sessions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('training_sessions', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `training_sessions_log_update` AFTER UPDATE ON `training_sessions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('training_sessions', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `training_sessions_log_delete` AFTER DELETE ON `training_sessions` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('training_sessions', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
