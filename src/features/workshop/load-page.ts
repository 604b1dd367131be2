import QRCode from 'qrcode';
import type { Executor } from '../../../db/client.ts';
import { settings } from '../../lib/settings.ts';
import { getKube } from '../kube/queries.ts';
import { getModule } from '../learning/curriculum.ts';
import { holdsAnswers, loadBoard } from './board.ts';
import { joinOrigins } from './join-address.ts';
import { countPinBlocks } from './pin-blocks.ts';
import { nextPhase } from './rules.ts';
import type { Workshop } from './service.ts';

/**
 * The facilitator's page of one workshop: its KUBE and module, the live board, the address tablets join at
 * (with its QR code, and any other address of this machine), the next phase and the tablets blocked for wrong
 * PINs. With `askToConfirm` (moving on was refused because tablets still hold answers) it also names who.
 */
export async function loadWorkshopPage(db: Executor, workshop: Workshop, askToConfirm: boolean) {
  const [kube, module, rows, pinBlocks] = await Promise.all([
    getKube(db, workshop.kubeId),
    getModule(workshop.moduleSlug),
    loadBoard(db, workshop),
    workshop.closedAt ? 0 : countPinBlocks(db, workshop),
  ]);
  const [tabletOrigin = '', ...otherOrigins] = joinOrigins({
    publicUrl: settings.PUBLIC_URL,
    host: settings.HOST,
    port: settings.PORT,
  });
  const joinUrl = `${tabletOrigin}/gabung?kode=${workshop.code}`;
  const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    kube,
    module,
    rows,
    pinBlocks,
    tabletOrigin,
    otherOrigins,
    qr,
    next: nextPhase(workshop.phase),
    holders: askToConfirm ? rows.filter(holdsAnswers) : [],
  };
}
