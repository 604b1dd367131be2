import { describe, expect, it } from 'vitest';
import { offlineUrlsData, readOfflineUrls } from '../../src/features/learning/offline-urls.ts';

describe('readOfflineUrls()', () => {
  it('reads back the pages the server listed', () => {
    const urls = ['/belajar/dasar-kube', '/belajar/dasar-kube/1-apa-itu-kube'];
    expect(readOfflineUrls(offlineUrlsData(urls))).toEqual(urls);
    expect(readOfflineUrls(offlineUrlsData([]))).toEqual([]);
  });

  it('keeps nothing from data that is missing, not JSON or not a list of pages', () => {
    expect(readOfflineUrls(undefined)).toEqual([]);
    expect(readOfflineUrls('[')).toEqual([]);
    expect(readOfflineUrls('{"0":"/belajar/x"}')).toEqual([]);
    expect(readOfflineUrls('["/belajar/x", 3, null]')).toEqual(['/belajar/x']);
  });
});
