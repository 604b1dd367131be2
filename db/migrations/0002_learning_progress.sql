CREATE TABLE `lesson_completions` (
	`person_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `lesson_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_completions_module_idx` ON `lesson_completions` (`person_id`,`module_slug`);--> statement-breakpoint
CREATE TABLE `lesson_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`lesson_id` text NOT NULL,
	`visited_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lesson_visits_person_idx` ON `lesson_visits` (`person_id`,`module_slug`);--> statement-breakpoint
CREATE TABLE `module_progress` (
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`progress` real NOT NULL,
	`state` text NOT NULL,
	`lessons_completed` integer NOT NULL,
	`lessons_total` integer NOT NULL,
	`last_activity_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `module_slug`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
