import { assessment } from '../features/assessment/actions.ts';
import { auth } from '../features/auth/actions.ts';
import { capacity } from '../features/capacity/actions.ts';
import { sertifikat } from '../features/certificates/actions.ts';
import { kartu } from '../features/cards/actions.ts';
import { demo } from '../features/demo/actions.ts';
import { impor } from '../features/district-import/actions.ts';
import { facts } from '../features/facts/actions.ts';
import { indicators } from '../features/indicators/actions.ts';
import { kube } from '../features/kube/actions.ts';
import { learning } from '../features/learning/actions.ts';
import { people } from '../features/people/actions.ts';
import { practice } from '../features/practice/actions.ts';
import { lapangan } from '../features/sync/field/actions.ts';
import { rencana } from '../features/training/actions.ts';
import { perangkat } from '../features/sync/devices/actions.ts';
import { workshop } from '../features/workshop/actions.ts';

// Every mutation of the platform, one namespace per feature slice. Each handler checks the caller's role
// and KUBE with `can()` and writes inside a transaction.
export const server = {
  assessment,
  auth,
  capacity,
  demo,
  facts,
  impor,
  indicators,
  kartu,
  kube,
  lapangan,
  learning,
  people,
  perangkat,
  practice,
  rencana,
  sertifikat,
  workshop,
};
