import type { Executor } from '../../../../db/client.ts';
import { listDevices, listRefusals, type DeviceScope } from './queries.ts';

/** Everything the device pages show: the devices in scope, the one being revoked (?cabut=), the newest refusals. */
export async function loadDevicesPage(db: Executor, scope: DeviceScope, confirming: string | null) {
  const [devices, refusals] = await Promise.all([listDevices(db, scope), listRefusals(db, scope)]);
  const revoking = devices.find((device) => device.id === confirming && !device.revokedAt) ?? null;
  return { devices, refusals, revoking };
}
