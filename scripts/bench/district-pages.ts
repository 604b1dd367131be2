// The pages an admin and a facilitator open, in a district seeded by district-seed.ts, and how to time them:
// each asked once to warm up, then up to `runs` times one after another; p50 and p95 of the server's whole answer.
import type { District } from './district-seed.ts';
import { percentile } from './load.ts';

export type DistrictPage = { name: string; path: string; who: 'admin' | 'pendamping' | 'pengurus' };

/** The sign-in cookie a page is timed with. */
export const cookieFor = (district: Pick<District, 'cookies'>, who: DistrictPage['who']): string =>
  who === 'admin'
    ? district.cookies.admin
    : who === 'pendamping'
      ? district.cookies.facilitator
      : district.cookies.officer;

export function districtPages(district: District): DistrictPage[] {
  const { kubeId, personId, officerId, workshopId, assessmentId } = district.sample;
  const modul = district.modules[0] ?? '';
  const kube = `/kube/${kubeId}`;
  return [
    { name: 'home', path: '/', who: 'admin' },
    { name: 'admin home', path: '/admin', who: 'admin' },
    { name: 'people list', path: '/admin/orang', who: 'admin' },
    { name: 'people list, page 100', path: '/admin/orang?halaman=100', who: 'admin' },
    { name: 'people list, name search', path: '/admin/orang?cari=Warga%20517', who: 'admin' },
    { name: 'person (admin)', path: `/admin/orang/${officerId}`, who: 'admin' },
    { name: 'new person form', path: '/admin/orang/baru', who: 'admin' },
    { name: 'KUBE edit form', path: `/admin/kube/${kubeId}/ubah`, who: 'admin' },
    { name: 'item bank', path: '/admin/soal', who: 'admin' },
    { name: 'item bank, one module', path: `/admin/soal/${modul}`, who: 'admin' },
    { name: 'indicator targets', path: '/admin/target', who: 'admin' },
    { name: 'field laptops', path: '/admin/perangkat', who: 'admin' },
    { name: 'KUBE list', path: '/kube', who: 'admin' },
    { name: 'KUBE list, page 20', path: '/kube?halaman=20', who: 'admin' },
    { name: 'KUBE page', path: kube, who: 'admin' },
    { name: 'person in KUBE', path: `${kube}/orang/${personId}`, who: 'admin' },
    { name: 'KUBE workshops', path: `${kube}/workshop`, who: 'admin' },
    { name: 'capacity list', path: `${kube}/kapasitas`, who: 'admin' },
    { name: 'capacity assessment', path: `${kube}/kapasitas/${assessmentId}`, who: 'admin' },
    { name: 'business facts', path: `${kube}/usaha`, who: 'admin' },
    { name: 'gain report, whole program', path: '/laporan', who: 'admin' },
    { name: 'gain report, one module', path: `/laporan?modul=${modul}`, who: 'admin' },
    { name: 'gain report, one KUBE', path: `/laporan?kube=${kubeId}`, who: 'admin' },
    { name: 'report CSV, one module', path: `/laporan/unduh?modul=${modul}`, who: 'admin' },
    { name: 'indicator dashboard', path: '/indikator', who: 'admin' },
    { name: 'indicator 1 detail', path: '/indikator/1', who: 'admin' },
    { name: 'indicator 2 detail', path: '/indikator/2', who: 'admin' },
    { name: 'indicator 3 detail', path: '/indikator/3', who: 'admin' },
    { name: 'indicator 4 detail', path: '/indikator/4', who: 'admin' },
    { name: 'training by area', path: '/admin/pelatihan', who: 'admin' },
    { name: 'facilitator home', path: '/', who: 'pendamping' },
    { name: 'facilitator KUBE list', path: '/kube', who: 'pendamping' },
    { name: 'facilitator KUBE page', path: kube, who: 'pendamping' },
    { name: 'KUBE training plan', path: `${kube}/rencana`, who: 'pendamping' },
    { name: 'new workshop form', path: '/workshop/baru', who: 'pendamping' },
    { name: 'workshop page', path: `/workshop/${workshopId}`, who: 'pendamping' },
    { name: 'live board', path: `/workshop/${workshopId}/papan`, who: 'pendamping' },
    { name: 'facilitator report', path: '/laporan', who: 'pendamping' },
    { name: 'facilitator indicators', path: '/indikator', who: 'pendamping' },
    { name: 'field kit page', path: '/lapangan', who: 'pendamping' },
    // An officer's home: the modules, the learning path with its certificates, and any retention test due.
    { name: 'officer home', path: '/', who: 'pengurus' },
  ];
}

export type PageTiming = { page: DistrictPage; status: number; bytes: number; times: number[] };

/** The p-th percentile of some times, by the bench's one rule (load.ts). */
export const percentileOf = (values: readonly number[], p: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    p,
  );

/** Times one page: the whole answer read, as a browser would. */
export async function timePage(base: string, page: DistrictPage, cookie: string, runs: number): Promise<PageTiming> {
  const once = async (retry = true): Promise<{ ms: number; status: number; bytes: number }> => {
    const start = performance.now();
    try {
      const response = await fetch(`${base}${page.path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await response.arrayBuffer();
      return { ms: performance.now() - start, status: response.status, bytes: body.byteLength };
    } catch (error) {
      // A kept-alive socket the server closed just as it was reused (its keep-alive timeout is 5 s): once more.
      if (retry && String((error as Error).cause).includes('other side closed')) return once(false);
      throw error;
    }
  };
  const first = await once();
  const times: number[] = [];
  // A slow page is asked fewer times (at least 3), so the whole bench stays within minutes.
  const until = performance.now() + 15_000;
  for (let run = 0; run < runs && (run < 3 || performance.now() < until); run++) times.push((await once()).ms);
  return { page, status: first.status, bytes: first.bytes, times };
}
