import { readServerConfig, sessionLifetimeMs } from './config.ts';

// The app's settings, parsed once when the server loads, by the same schema `npm start` checked them with
// before it started (so a bad value has already stopped start-up with its name). Read at run time, never
// baked into the build: the built server runs wherever it is started, with that machine's environment.
export const settings = readServerConfig(process.env);

/** How long a sign-in lasts without use (SESSION_DAYS), in milliseconds. */
export const SESSION_MS = sessionLifetimeMs(settings);
