import { settings } from '../../lib/settings.ts';
import { joinOrigins, shownAddress } from '../workshop/join-address.ts';

// A member card: what one new or reset person needs to sign in for the first time. Its secret is in clear,
// so a card exists only in memory, for the one page that prints it.

export type MemberCard = {
  name: string;
  kubeName: string;
  username: string;
  /** A member's PIN, or an officer's first password (to be changed at the first sign-in). */
  kind: 'pin' | 'password';
  secret: string;
};

/** Where a card says to sign in and to join a workshop: the site's public address, or this machine's. */
export function cardAddresses(): { signIn: string; join: string } {
  const [origin = ''] = joinOrigins({ publicUrl: settings.PUBLIC_URL, host: settings.HOST, port: settings.PORT });
  return { signIn: shownAddress(`${origin}/masuk`), join: shownAddress(`${origin}/gabung`) };
}
