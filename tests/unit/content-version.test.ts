import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentVersionOf } from '../../src/features/sync/content-version.ts';

// The curriculum's fingerprint, which a field laptop and the district must share: a module's retention days are
// part of it, since they decide when a retention test opens on either side.

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('contentVersionOf()', () => {
  it('changes with a module’s retention days, and not for a left-out default', () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-content-'));
    cpSync('content', dir, { recursive: true });
    const before = contentVersionOf(dir);
    expect(contentVersionOf(dir)).toBe(before);
    const file = join(dir, 'modules', 'hakikat-kube.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('  dueByDays: 90');
    writeFileSync(file, text.replace('  dueByDays: 90', '  dueByDays: 75'));
    expect(contentVersionOf(dir)).not.toBe(before);
    // Writing the default days out, or leaving them out, is the same curriculum.
    writeFileSync(file, text.replace(/\nretention:\n {2}opensAfterDays: 60\n {2}dueByDays: 90/, ''));
    expect(readFileSync(file, 'utf8')).not.toContain('retention:');
    expect(contentVersionOf(dir)).toBe(before);
  });
});
