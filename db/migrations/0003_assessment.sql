CREATE TABLE `attempt_answers` (
	`attempt_id` text NOT NULL,
	`question_id` text NOT NULL,
	`option_id` text NOT NULL,
	`answered_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`kind` text NOT NULL,
	`form` text,
	`items` text NOT NULL,
	`answer_key` text NOT NULL,
	`started_at` integer NOT NULL,
	`submitted_at` integer,
	`score` real,
	`correct` integer,
	`total` integer NOT NULL,
	`by_objective` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attempts_person_module_idx` ON `attempts` (`person_id`,`module_slug`,`kind`);--> statement-breakpoint
CREATE TABLE `test_permissions` (
	`person_id` text NOT NULL,
	`module_slug` text NOT NULL,
	`kind` text NOT NULL,
	`granted_by` text,
	`granted_at` integer NOT NULL,
	PRIMARY KEY(`person_id`, `module_slug`, `kind`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
