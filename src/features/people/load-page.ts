import type { Executor } from '../../../db/client.ts';
import { listKubeOptions } from '../kube/queries.ts';
import { findLookAlikesOf } from './look-alike.ts';
import { getPerson, type PersonDetail } from './queries.ts';
import { usesPin } from './schemas.ts';

/**
 * The admin page of one person: their record, the KUBEs they may be moved to and the active people of their
 * KUBE whose names look alike (shown until the names are told apart); null when there is no such person.
 */
export async function loadPersonPage(db: Executor, id: string) {
  const [person, kubeOptions] = await Promise.all([getPerson(db, id), listKubeOptions(db)]);
  if (!person) return null;
  const lookAlikes = person.active ? await findLookAlikesOf(db, person.id, person.membership?.kubeId) : [];
  const pin = usesPin(person.role);
  return { person, kubeOptions, lookAlikes, usesPin: pin, hasSecret: pin ? person.hasPin : person.hasPassword };
}

export type PersonEdit = {
  name: string | undefined;
  username: string | undefined;
  role: string | undefined;
  sex: string | null | undefined;
  kubeId: string | null | undefined;
  joinedOn: string | null | undefined;
  phone: string | null | undefined;
  business: string | null | undefined;
  active: boolean;
};

/** What the edit form shows: what was typed after a refused edit, otherwise what is stored. */
export function personEdit(person: PersonDetail, typed: Readonly<Record<string, string>> | null): PersonEdit {
  if (typed) {
    const { name, username, role, sex, kubeId, joinedOn, phone, business } = typed;
    return { name, username, role, sex, kubeId, joinedOn, phone, business, active: typed['active'] === 'on' };
  }
  const { name, username, role, sex, phone, business, active } = person;
  return {
    name,
    username,
    role,
    sex,
    kubeId: person.membership?.kubeId,
    joinedOn: person.membership?.joinedOn,
    phone,
    business,
    active,
  };
}
