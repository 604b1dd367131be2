/// <reference types="astro/client" />

/** Id of this build, set in astro.config.mjs; versions the offline cache. */
declare const __KUBE_BUILD__: string;

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
