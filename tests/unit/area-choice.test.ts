import { describe, expect, it } from 'vitest';
import { areaOptions, chooseArea, NO_AREA, type Area } from '../../src/features/kube/area-choice.ts';

const areas: Area[] = [
  { kabupaten: 'Nganjuk', kecamatan: 'Prambon', desa: 'Singkalanyar' },
  { kabupaten: 'Nganjuk', kecamatan: 'Prambon', desa: 'Tanjungtani' },
  { kabupaten: 'Nganjuk', kecamatan: 'Bagor', desa: 'Banaran' },
  { kabupaten: 'Sidoarjo', kecamatan: 'Prambon', desa: 'Cangkringturi' },
];
const ask = (query: string) => chooseArea(new URLSearchParams(query), areas);

describe('chooseArea()', () => {
  it('keeps a kabupaten, a kecamatan inside it and a desa inside that', () => {
    expect(ask('kabupaten=Nganjuk&kecamatan=Prambon&desa=Tanjungtani')).toEqual({
      kabupaten: 'Nganjuk',
      kecamatan: 'Prambon',
      desa: 'Tanjungtani',
    });
  });

  it('drops a place that is not there, with everything narrower, instead of failing', () => {
    expect(ask('kabupaten=Atlantis&kecamatan=Prambon')).toEqual(NO_AREA);
    expect(ask('kabupaten=Nganjuk&kecamatan=Sukomoro&desa=Banaran')).toEqual({ ...NO_AREA, kabupaten: 'Nganjuk' });
    expect(ask('kabupaten=Sidoarjo&kecamatan=Prambon&desa=Singkalanyar')).toEqual({
      kabupaten: 'Sidoarjo',
      kecamatan: 'Prambon',
      desa: null,
    });
  });

  it('ignores a kecamatan or desa without the wider place', () => {
    expect(ask('kecamatan=Prambon&desa=Singkalanyar')).toEqual(NO_AREA);
  });
});

describe('areaOptions()', () => {
  it('offers only the kecamatan of the chosen kabupaten and the desa of the chosen kecamatan', () => {
    const options = areaOptions(areas, { kabupaten: 'Nganjuk', kecamatan: 'Prambon', desa: null });
    expect(options.kabupaten.map((o) => o.value)).toEqual(['Nganjuk', 'Sidoarjo']);
    expect(options.kecamatan.map((o) => o.value)).toEqual(['Bagor', 'Prambon']);
    expect(options.desa.map((o) => o.value)).toEqual(['Singkalanyar', 'Tanjungtani']);
  });

  it('offers no kecamatan before a kabupaten is chosen', () => {
    expect(areaOptions(areas, NO_AREA)).toMatchObject({ kecamatan: [], desa: [] });
  });
});
