import { defineAction } from 'astro:actions';
import { asAction, notFound } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { scoringForm } from './schemas.ts';
import { scorePracticeTask } from './service.ts';
import { getTask } from './tasks.ts';

export const practice = {
  /**
   * A facilitator's scoring of a person doing a practical task, before or after the training. Scoring the same
   * kind again corrects it; the old values go to the history.
   */
  score: defineAction({
    accept: 'form',
    input: scoringForm,
    handler: async ({ taskSlug, ...input }, context) => {
      const task = await getTask(taskSlug);
      if (!task) throw notFound(context.locals.t);
      const shape = {
        slug: task.id,
        version: task.data.version,
        positions: task.data.positions,
        pointIds: task.data.checklist.map((p) => p.id),
      };
      return asAction(() => scorePracticeTask(db, context.locals.actor, input, shape), context.locals.t);
    },
  }),
};
