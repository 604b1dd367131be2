-- A settable target for the fourth figure, "pelatihan berkala" (KUBEs trained in every quarter): SQLite widens
-- the key's CHECK only by rebuilding the table, and the rebuilt table needs its change-log triggers again
-- (migration 0011). Nothing points at indicator_targets; the guard is 0018's all the same.
CREATE TABLE `__migration_guard` (`foreign_keys` integer NOT NULL CONSTRAINT `foreign_keys_off` CHECK (`foreign_keys` = 0));
--> statement-breakpoint
INSERT INTO `__migration_guard` SELECT `foreign_keys` FROM pragma_foreign_keys;
--> statement-breakpoint
DROP TABLE `__migration_guard`;
--> statement-breakpoint
CREATE TABLE `__new_indicator_targets` (
	`year` integer NOT NULL,
	`key` text NOT NULL,
	`value` real NOT NULL,
	`set_by` text,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`year`, `key`),
	FOREIGN KEY (`set_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "indicator_targets_key" CHECK("key" in ('i1_both_divisions', 'i2_class_gain', 'i2_mastery', 'i3_improved', 'i4_regular_training')),
	CONSTRAINT "indicator_targets_value" CHECK("value" >= 0)
);
--> statement-breakpoint
INSERT INTO `__new_indicator_targets`("year", "key", "value", "set_by", "set_at") SELECT "year", "key", "value", "set_by", "set_at" FROM `indicator_targets`;--> statement-breakpoint
DROP TABLE `indicator_targets`;--> statement-breakpoint
ALTER TABLE `__new_indicator_targets` RENAME TO `indicator_targets`;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_log_insert` AFTER INSERT ON `indicator_targets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('indicator_targets', json_array(NEW."year", NEW."key"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_log_update` AFTER UPDATE ON `indicator_targets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('indicator_targets', json_array(NEW."year", NEW."key"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_log_delete` AFTER DELETE ON `indicator_targets` BEGIN INSERT INTO change_log (table_name, row_key, origin, at) VALUES ('indicator_targets', json_array(OLD."year", OLD."key"), (SELECT origin FROM sync_context WHERE id = 1), CAST(unixepoch('subsec') * 1000 AS INTEGER)); END;
