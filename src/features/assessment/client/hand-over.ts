import { handOver } from '../hand-over.ts';

// On the screens between two people on a shared device. The thank-you screen, still signed in, first
// signs the member out with its own form (a POST, so no link can do it); the screen after it hands over.
const signOut = document.querySelector<HTMLFormElement>('form[data-auto-submit]');
if (signOut) signOut.requestSubmit();
else void handOver();
