import { defineAction } from 'astro:actions';
import { getEntry } from 'astro:content';
import { z } from 'astro/zod';
import { refusal } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { can } from '../auth/permissions.ts';
import { getModule, listHeldPositions, listLessons, maySeeModule } from './curriculum.ts';
import { completeLesson } from './progress.ts';

export const learning = {
  /** "Tandai selesai": marks a lesson done for the signed-in person. */
  completeLesson: defineAction({
    accept: 'form',
    input: z.object({
      lessonId: z
        .string({ error: 'errors.invalid' })
        .max(200)
        .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'errors.invalid'),
    }),
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'learning.study')) throw refusal(context.locals.t, 'FORBIDDEN', 'errors.forbidden');
      const lesson = await getEntry('lessons', input.lessonId);
      const module = lesson ? await getModule(lesson.data.module) : undefined;
      if (!lesson || !module) throw refusal(context.locals.t, 'NOT_FOUND', 'errors.notFound');
      // A workshop tablet studies only its workshop's module.
      const elsewhere = context.locals.workshop !== null && context.locals.workshop.moduleSlug !== module.id;
      if (elsewhere || !maySeeModule(actor, module, await listHeldPositions(db, actor.id))) {
        throw refusal(context.locals.t, 'FORBIDDEN', 'errors.forbidden');
      }
      const lessonIds = (await listLessons(module.id)).map((entry) => entry.id);
      const { changed } = await completeLesson(db, actor.id, { moduleSlug: module.id, lessonId: lesson.id, lessonIds });
      return { changed };
    },
  }),
};
