CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`serial` integer NOT NULL,
	`earned_on` text NOT NULL,
	`kube_name` text,
	`facilitator_name` text,
	`withdrawn_at` integer,
	`withdrawn_reason` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "certificates_id" CHECK("id" glob '[0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]'),
	CONSTRAINT "certificates_serial" CHECK("serial" >= 1),
	CONSTRAINT "certificates_earned_on" CHECK("earned_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "certificates_withdrawn" CHECK(("withdrawn_at" is null and "withdrawn_reason" is null) or ("withdrawn_at" is not null and "withdrawn_reason" is not null and length(trim("withdrawn_reason")) > 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_person_module_serial` ON `certificates` (`person_id`,`module_slug`,`serial`);
--> statement-breakpoint
CREATE TRIGGER `certificates_log_insert` AFTER INSERT ON `certificates` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('certificates', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `certificates_log_update` AFTER UPDATE ON `certificates` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('certificates', json_array(NEW."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `certificates_log_delete` AFTER DELETE ON `certificates` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('certificates', json_array(OLD."id"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
