import type { APIRoute } from 'astro';
import { can } from '../../../features/auth/permissions.ts';
import { buildImportTemplate } from '../../../features/district-import/template.ts';

// The empty import template (XLSX): the headers, an example row and a sheet explaining each column.
export const GET: APIRoute = async (context) => {
  const { actor, locale } = context.locals;
  if (!can(actor, 'admin.area')) return context.rewrite('/403');
  const bytes = await buildImportTemplate(locale);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="templat-impor-kube.xlsx"',
      'cache-control': 'private, no-store',
    },
  });
};
