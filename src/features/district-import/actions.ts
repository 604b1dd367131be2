import { defineAction } from 'astro:actions';
import { asAction, forbidden } from '../../lib/action-errors.ts';
import { db } from '../../lib/db.ts';
import { can } from '../auth/permissions.ts';
import { confirmInput, previewInput } from './upload-schemas.ts';
import { confirmUpload, previewUpload } from './upload-service.ts';

// The upload page's two steps. Admins only: an import may create KUBEs and people anywhere.
export const impor = {
  /** Step 1: reads the file and keeps its plan for the preview; nothing is saved. */
  preview: defineAction({
    accept: 'form',
    input: previewInput,
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'admin.area')) throw forbidden(context.locals.t);
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      return asAction(() => previewUpload(db, actor.id, bytes), context.locals.t);
    },
  }),

  /** Step 2: starts the import of a preview as a job and answers at once. */
  confirm: defineAction({
    accept: 'form',
    input: confirmInput,
    handler: async (input, context) => {
      const actor = context.locals.actor;
      if (!actor || !can(actor, 'admin.area')) throw forbidden(context.locals.t);
      return asAction(() => Promise.resolve(confirmUpload(db, actor.id, input.previewId)), context.locals.t);
    },
  }),
};
