import type { APIRoute } from 'astro';
import worker from 'virtual:kube/service-worker';

// The service worker for offline reading: its source is src/sw/service-worker.ts, compiled by the build with
// the build's id in its cache name (astro.config.mjs).
export const GET: APIRoute = () =>
  new Response(worker, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      // Browsers check for a new worker on every visit; never let a proxy keep an old one.
      'cache-control': 'no-cache',
      'service-worker-allowed': '/',
    },
  });
