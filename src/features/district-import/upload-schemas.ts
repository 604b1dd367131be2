import { z } from 'astro/zod';
import { recordId } from '../../lib/forms.ts';
import { MAX_BYTES } from './columns.ts';

// The inputs of the upload page (admin/impor). Messages are dictionary keys (see src/lib/forms.ts).

/** Step 1: an XLSX or CSV file, not empty and not larger than the import reads; its content is judged by the plan. */
export const previewInput = z.object({
  file: z
    .instanceof(File, { error: 'import.upload.chooseFile' })
    .refine((file) => file.size > 0, 'import.upload.chooseFile')
    .refine((file) => file.size <= MAX_BYTES, {
      error: 'import.errors.fileTooBig',
      params: { max: MAX_BYTES / 1024 / 1024 },
    }),
});

/** Step 2: the preview the admin confirms. */
export const confirmInput = z.object({ previewId: recordId() });
