CREATE TABLE `device_reports` (
	`attempt_id` text PRIMARY KEY NOT NULL,
	`workshop_id` text NOT NULL,
	`unsent` integer NOT NULL,
	`submit_pending` integer NOT NULL,
	`reported_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `device_reports_workshop_idx` ON `device_reports` (`workshop_id`);