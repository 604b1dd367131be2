CREATE TABLE `practice_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`task_slug` text NOT NULL,
	`task_version` integer NOT NULL,
	`kind` text NOT NULL,
	`checked` text NOT NULL,
	`total` integer NOT NULL,
	`score` real NOT NULL,
	`done_on` text NOT NULL,
	`notes` text,
	`scored_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scored_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "practice_scores_kind" CHECK("kind" in ('pre', 'post')),
	CONSTRAINT "practice_scores_score" CHECK("score" between 0 and 100),
	CONSTRAINT "practice_scores_total" CHECK("total" >= 1),
	CONSTRAINT "practice_scores_done_on" CHECK("done_on" glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practice_scores_person_task_kind` ON `practice_scores` (`person_id`,`task_slug`,`kind`);--> statement-breakpoint
CREATE INDEX `practice_scores_task_idx` ON `practice_scores` (`task_slug`,`kind`,`person_id`,`score`);