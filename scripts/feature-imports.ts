import { registerHooks } from 'node:module';

// Feature code is written for Astro's Vite build. Two things it relies on Node does not do by itself:
// - the dictionaries are JSON modules imported without `with { type: 'json' }`, which Node refuses;
// - `astro:actions` is a virtual module (src/lib/forms.ts re-exports the action helpers). Its ActionError,
//   isActionError and isInputError are Astro's own runtime file, which needs no Vite: a script gets that file.
// A script that reaches feature code registers this first, then loads the rest with a dynamic import.
const ASTRO_ACTIONS = new URL('../node_modules/astro/dist/actions/runtime/client.js', import.meta.url).href;

export function allowFeatureImports(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === 'astro:actions') return { url: ASTRO_ACTIONS, shortCircuit: true };
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (url.endsWith('.json') && url.includes('/src/i18n/')) {
        return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
      }
      return nextLoad(url, context);
    },
  });
}
