import QRCode from 'qrcode';
import type { Executor } from '../../../db/client.ts';
import type { Certificate } from '../../../db/schema.ts';
import { settings } from '../../lib/settings.ts';
import { can, type Actor } from '../auth/permissions.ts';
import { getModule, type ModuleEntry } from '../learning/curriculum.ts';
import { readFieldLink } from '../sync/field/link.ts';
import { findCertificate } from './queries.ts';

/**
 * Where anyone checks a certificate: the district's address. On a field laptop that is the district it is
 * paired with (the certificate is pushed there), not the laptop, which nobody outside the village hall reaches.
 */
export async function verifyOrigin(db: Executor, requestOrigin: string): Promise<string> {
  const link = await readFieldLink(db);
  if (link) return new URL(link.districtUrl).origin;
  return settings.PUBLIC_URL ? new URL(settings.PUBLIC_URL).origin : requestOrigin;
}

export type CertificatePage = {
  certificate: Certificate;
  personName: string;
  module: ModuleEntry | undefined;
  verifyUrl: string;
  /** The QR code of `verifyUrl`, as SVG markup. */
  qr: string;
};

/**
 * The printable certificate for its holder, their KUBE's facilitator or an admin; 'forbidden' for anyone else
 * and 'not-found' for a code that names none (the public page says whether one exists).
 */
export async function loadCertificatePage(
  db: Executor,
  actor: Actor | null,
  code: string,
  requestOrigin: string,
): Promise<CertificatePage | 'forbidden' | 'not-found'> {
  const found = await findCertificate(db, code);
  if (!found) return 'not-found';
  const { certificate, personName, kubeId } = found;
  if (!actor || !can(actor, 'person.view', { personId: certificate.personId, kubeId })) return 'forbidden';
  const verifyUrl = `${await verifyOrigin(db, requestOrigin)}/sertifikat/${certificate.id}`;
  const [module, qr] = await Promise.all([
    getModule(certificate.moduleSlug),
    QRCode.toString(verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }),
  ]);
  return { certificate, personName, module, verifyUrl, qr };
}
