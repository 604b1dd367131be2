CREATE TABLE `workshop_attendance` (
	`workshop_id` text NOT NULL,
	`person_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`method` text NOT NULL,
	PRIMARY KEY(`workshop_id`, `person_id`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `workshops` (
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
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `workshops_kube_idx` ON `workshops` (`kube_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_open_code` ON `workshops` (`code`) WHERE "workshops"."closed_at" is null;