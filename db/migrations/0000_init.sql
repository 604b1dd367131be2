CREATE TABLE `facilitator_assignments` (
	`kube_id` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`kube_id`, `person_id`),
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignments_person_idx` ON `facilitator_assignments` (`person_id`);--> statement-breakpoint
CREATE TABLE `jabatan` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`division` text NOT NULL,
	`is_core` integer NOT NULL,
	`single_holder` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kubes` (
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
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `kubes_region_idx` ON `kubes` (`kabupaten`,`kecamatan`,`desa`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`kube_id` text NOT NULL,
	`person_id` text NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text,
	FOREIGN KEY (`kube_id`) REFERENCES `kubes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_kube_idx` ON `memberships` (`kube_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_one_current` ON `memberships` (`person_id`) WHERE "memberships"."left_on" is null;--> statement-breakpoint
CREATE TABLE `people` (
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
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_username_unique` ON `people` (`username`);--> statement-breakpoint
CREATE INDEX `people_role_idx` ON `people` (`role`);--> statement-breakpoint
CREATE TABLE `positions` (
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
	FOREIGN KEY (`jabatan_code`) REFERENCES `jabatan`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `positions_kube_idx` ON `positions` (`kube_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `positions_person_idx` ON `positions` (`person_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`blocked_until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_verified_at` integer NOT NULL,
	`user_agent` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_person_idx` ON `sessions` (`person_id`);