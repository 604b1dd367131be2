import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

// The address tablets must open to join a workshop. Never the `Host` the facilitator's browser used: on the
// facilitator's own laptop that is `localhost` or 127.0.0.1, which a tablet cannot reach, and any client can
// write another host there (issue 13, F21). A configured public address wins; otherwise this machine's
// addresses on the local network (its hotspot or the hall's Wi-Fi), with the port it serves on.

export type JoinAddressSettings = {
  /** `PUBLIC_URL`, e.g. `https://kube.dinsos.example.go.id` behind a proxy, or unset. */
  publicUrl: string | undefined;
  /** `HOST`: the address the server listens on. */
  host: string;
  port: number;
};

/** Origins a tablet can open, best first: the public address, or each LAN address (IPv4) of this machine. */
export function joinOrigins(
  settings: JoinAddressSettings,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  if (settings.publicUrl) return [new URL(settings.publicUrl).origin];
  const listensEverywhere = settings.host === '0.0.0.0' || settings.host === '::';
  if (!listensEverywhere) return [`http://${settings.host}:${settings.port}`];
  const lan = Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' && !entry.internal)
    .map((entry) => `http://${entry.address}:${settings.port}`);
  return lan.length > 0 ? lan : [`http://localhost:${settings.port}`];
}

/** How an origin is shown on the projector: without `http://`, which nobody needs to type. */
export const shownAddress = (origin: string) => origin.replace(/^http:\/\//, '');
