CREATE TABLE `item_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`module_slug` text NOT NULL,
	`question_ids` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_sets_module_questions` ON `item_sets` (`module_slug`,`question_ids`);--> statement-breakpoint
ALTER TABLE `attempts` ADD `item_set_id` integer REFERENCES item_sets(id);--> statement-breakpoint
ALTER TABLE `attempts` ADD `item_bits` text;--> statement-breakpoint
ALTER TABLE `attempts` ADD `counted` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `attempts_counted_idx` ON `attempts` (`module_slug`,`kind`,`person_id`,`score`,`form`,`submitted_at`,`item_set_id`,`item_bits`) WHERE "attempts"."counted" = 1;--> statement-breakpoint
CREATE INDEX `memberships_person_idx` ON `memberships` (`person_id`,`joined_on`);--> statement-breakpoint
-- Attempts submitted before these columns existed: their question set (ids sorted, comma-joined) …
INSERT OR IGNORE INTO `item_sets` (`module_slug`, `question_ids`)
SELECT DISTINCT `module_slug`, (
	SELECT group_concat(json_extract(item.value, '$.questionId'), ',' ORDER BY json_extract(item.value, '$.questionId'))
	FROM json_each(`attempts`.`items`) AS item
) FROM `attempts` WHERE `submitted_at` IS NOT NULL;
--> statement-breakpoint
-- … and '1' per question where the stored answer matches the key, else '0', in the set's order.
UPDATE `attempts` SET
	`item_set_id` = (
		SELECT s.id FROM `item_sets` AS s WHERE s.module_slug = `attempts`.`module_slug` AND s.question_ids = (
			SELECT group_concat(json_extract(item.value, '$.questionId'), ',' ORDER BY json_extract(item.value, '$.questionId'))
			FROM json_each(`attempts`.`items`) AS item
		)
	),
	`item_bits` = (
		SELECT group_concat(
			CASE WHEN answer.option_id IS NOT NULL
				AND answer.option_id = json_extract(`attempts`.`answer_key`, '$."' || json_extract(item.value, '$.questionId') || '"')
			THEN '1' ELSE '0' END,
			'' ORDER BY json_extract(item.value, '$.questionId')
		)
		FROM json_each(`attempts`.`items`) AS item
		LEFT JOIN `attempt_answers` AS answer
			ON answer.attempt_id = `attempts`.`id` AND answer.question_id = json_extract(item.value, '$.questionId')
	)
WHERE `submitted_at` IS NOT NULL;
--> statement-breakpoint
-- The first submitted attempt of each person, module and kind is the one that counts.
UPDATE `attempts` SET `counted` = 1 WHERE `id` IN (
	SELECT `id` FROM (
		SELECT `id`, row_number() OVER (
			PARTITION BY `person_id`, `module_slug`, `kind` ORDER BY `submitted_at`, `id`
		) AS `rn`
		FROM `attempts` WHERE `submitted_at` IS NOT NULL
	) WHERE `rn` = 1
);
