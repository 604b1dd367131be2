import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { refusal } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { startSession } from '../auth/actions.ts';
import { serverIsSetUp } from '../auth/actor.ts';
import { DEMO_ACCOUNTS, DEMO_ADMIN_ID, loadDemo } from './seed.ts';

export const demo = {
  /**
   * First run only: instead of creating an admin, load the clearly labelled demo (KUBE "Maju Bersama 1" with
   * its people and indicator records) and sign in as its admin.
   */
  loadDemo: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: async (_input, context) => {
      if (await serverIsSetUp(db)) throw refusal(context.locals.t, 'CONFLICT', 'setup.alreadyDone');
      await loadDemo(db);
      await startSession(context, DEMO_ADMIN_ID);
      return {
        accounts: DEMO_ACCOUNTS.map((a) => ({ role: a.role, username: a.key, secret: a.secret, name: a.name })),
      };
    },
  }),
};
