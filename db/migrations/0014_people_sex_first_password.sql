-- Hand-written: drizzle-kit rebuilds the table for a new CHECK, which would drop the change-log triggers on people.
-- SQLite takes a column CHECK in ADD COLUMN, with the same rule.
ALTER TABLE `people` ADD `sex` text CONSTRAINT "people_sex" CHECK("sex" is null or "sex" in ('L', 'P'));--> statement-breakpoint
ALTER TABLE `people` ADD `must_change_password` integer DEFAULT false NOT NULL;
