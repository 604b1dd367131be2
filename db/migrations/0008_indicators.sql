CREATE TABLE `capacity_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`rubric_slug` text NOT NULL,
	`rubric_version` integer NOT NULL,
	`assessed_on` text NOT NULL,
	`notes` text,
	`assessed_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assessed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `capacity_assessments_kube_idx` ON `capacity_assessments` (`kube_id`,`assessed_on`);--> statement-breakpoint
CREATE TABLE `capacity_scores` (
	`assessment_id` text NOT NULL,
	`item_id` text NOT NULL,
	`score` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `item_id`),
	FOREIGN KEY (`assessment_id`) REFERENCES `capacity_assessments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `indicator_targets` (
	`year` integer NOT NULL,
	`key` text NOT NULL,
	`value` real NOT NULL,
	`set_by` text,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`year`, `key`),
	FOREIGN KEY (`set_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `kube_channels` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`channel` text NOT NULL,
	`detail` text,
	`started_on` text NOT NULL,
	`ended_on` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `kube_channels_kube_idx` ON `kube_channels` (`kube_id`);--> statement-breakpoint
CREATE TABLE `kube_partnerships` (
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
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `kube_partnerships_kube_idx` ON `kube_partnerships` (`kube_id`);--> statement-breakpoint
CREATE TABLE `kube_products` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`name` text NOT NULL,
	`note` text,
	`started_on` text NOT NULL,
	`ended_on` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `kube_products_kube_idx` ON `kube_products` (`kube_id`);--> statement-breakpoint
CREATE TABLE `kube_turnover` (
	`kube_id` text NOT NULL,
	`month` text NOT NULL,
	`amount` integer NOT NULL,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`kube_id`, `month`),
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `record_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`changed_by` text,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`changed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `record_changes_record_idx` ON `record_changes` (`table_name`,`record_id`);