import { defineAction } from 'astro:actions';
import { asAction, forbidden, notFound } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { findPersonKubeId } from '../auth/actor.ts';
import { can } from '../auth/permissions.ts';
import { getPerson } from '../people/queries.ts';
import { scoringForm } from './schemas.ts';
import { savePracticeScore } from './service.ts';
import { tasksForPerson } from './tasks.ts';

export const practice = {
  /**
   * A facilitator's scoring of a person doing a practical task, before or after the training. Scoring the same
   * kind again corrects it; the old values go to the history.
   */
  score: defineAction({
    accept: 'form',
    input: scoringForm,
    handler: async (input, context) => {
      const { actor, t } = context.locals;
      const kubeId = await findPersonKubeId(db, input.personId);
      if (!actor || !can(actor, 'practice.score', { kubeId })) throw forbidden(t);
      const person = await getPerson(db, input.personId);
      // Only a task that fits the person now: the same list their page shows.
      const task = person && (await tasksForPerson(db, person)).find((entry) => entry.id === input.taskSlug);
      if (!task) throw notFound(t);
      const shape = { slug: task.id, version: task.data.version, pointIds: task.data.checklist.map((p) => p.id) };
      return asAction(
        () =>
          savePracticeScore(
            db,
            {
              personId: input.personId,
              kind: input.kind,
              checked: input.checked,
              doneOn: input.doneOn,
              notes: input.notes,
            },
            shape,
            actor.id,
          ),
        t,
      );
    },
  }),
};
