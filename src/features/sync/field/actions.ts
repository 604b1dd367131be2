import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { asAction, forbidden, refusal } from '../../../lib/action-errors.ts';
import { db } from '../../../lib/db.ts';
import { maySendFieldData } from './access.ts';
import { readFieldLink, serverIsSetUp } from './link.ts';
import { pairWithDistrict } from './pair.ts';
import { pairInput } from './schemas.ts';
import { syncNow } from './sync-now.ts';
import { httpTransport } from './transport.ts';

// The field laptop's two actions: pairing a fresh laptop (first run only, like creating the first admin), and
// "Kirim ke server kabupaten" for its facilitator (or an admin of this server).

export const lapangan = {
  /** First run only: pairs this laptop with the district and takes the facilitator's KUBEs. */
  pair: defineAction({
    accept: 'form',
    input: pairInput,
    handler: async (input, context) => {
      const { t } = context.locals;
      // A link without its first pull is a pairing cut off half-way (the laptop was switched off): pairing again may
      // replace it (pair.ts).
      if (await serverIsSetUp(db)) throw refusal(t, 'CONFLICT', 'setup.alreadyDone');
      const paired = await asAction(() => pairWithDistrict(db, input, httpTransport(input.districtUrl)), t);
      return { personName: paired.personName, complete: paired.complete };
    },
  }),

  /** Sends what waits to the district, then takes its changes; answers what was sent and what was refused. */
  sync: defineAction({
    accept: 'form',
    input: z.object({}),
    handler: async (_input, context) => {
      const { t, actor } = context.locals;
      const link = await readFieldLink(db);
      if (!link || !maySendFieldData(actor, link)) throw forbidden(t);
      return asAction(async () => {
        const outcome = await syncNow(db, httpTransport(link.districtUrl));
        return {
          sent: Object.entries(outcome.sent).map(([table, count]) => ({ table, count })),
          refused: outcome.refused.length,
        };
      }, t);
    },
  }),
};
