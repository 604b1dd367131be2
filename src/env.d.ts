/// <reference types="astro/client" />

/** The service worker (src/sw/service-worker.ts) as compiled by the build (astro.config.mjs). */
declare module 'virtual:kube/service-worker' {
  const source: string;
  export default source;
}

declare namespace App {
  interface Locals {
    /** The signed-in person, or null for a visitor. */
    person: import('./features/auth/session.ts').SessionPerson | null;
    sessionId: string | null;
    /** Set when this device joined a workshop: a shared tablet, handed on after each test. */
    workshopId: string | null;
    /** That workshop, open (the session ends when it closes): its module is the only one the tablet may study. */
    workshop: import('./features/workshop/service.ts').Workshop | null;
    /** What `can()` needs to decide; null for a visitor. */
    actor: import('./features/auth/permissions.ts').Actor | null;
    locale: import('./i18n/index.ts').Locale;
    t: import('./i18n/index.ts').Translate;
    /** The fields of a form that failed, to fill it again (secrets are never echoed). */
    formValues: Record<string, string>;
  }
}
