ALTER TABLE `field_link` ADD `pull_snapshot` text;--> statement-breakpoint
ALTER TABLE `sync_refusals` ADD `batch_to_seq` integer;