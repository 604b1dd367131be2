import type { APIContext } from 'astro';
import { clientAddress } from '../../lib/request.ts';
import type { Source } from './attempts.ts';
import { readDeviceId } from './cookies.ts';

/** The source of a request for the rate limits: its address, and the device id of a tablet that has one. */
export function requestSource(context: Pick<APIContext, 'clientAddress' | 'request' | 'cookies'>): Source {
  return { address: clientAddress(context), device: readDeviceId(context.cookies) };
}
