import { describe, expect, it } from 'vitest';
import type { Question, QuestionBank } from '../../src/features/learning/content-schemas.ts';
import { checkVersions, fingerprint, type VersionLock } from '../../src/features/learning/question-versions.ts';

const question: Question = {
  id: 'hk-q01',
  version: 1,
  objective: 'hk-1',
  text: 'Berapa keluarga dalam satu KUBE?',
  options: [
    { id: 'a', text: '1 sampai 4' },
    { id: 'b', text: '5 sampai 20' },
  ],
  correct: 'b',
  explanation: 'Permensos 2/2019.',
};
const bank = (q: Question): { file: string; data: QuestionBank } => ({
  file: 'content/questions/hakikat-kube.yaml',
  data: { module: 'hakikat-kube', questions: [q] },
});
const lock: VersionLock = { 'hakikat-kube/hk-q01': { version: 1, fingerprint: fingerprint(question) } };

describe('checkVersions()', () => {
  it('accepts an unchanged question, and a better explanation without a new version', () => {
    expect(checkVersions([bank(question)], lock)).toEqual([]);
    expect(checkVersions([bank({ ...question, explanation: 'Menurut Permensos 2/2019.' })], lock)).toEqual([]);
  });

  it('refuses a reworded question that kept its version, and names the fix', () => {
    const reworded = { ...question, text: 'Berapa jumlah keluarga dalam satu KUBE?' };
    expect(checkVersions([bank(reworded)], lock)).toEqual([
      'content/questions/hakikat-kube.yaml: questions.0.version: "hk-q01" changed; raise its version to 2',
    ]);
    expect(checkVersions([bank({ ...reworded, version: 2 })], lock)).toEqual([]);
  });

  it('refuses a changed answer or option just the same', () => {
    expect(checkVersions([bank({ ...question, correct: 'a' })], lock)).toHaveLength(1);
    expect(
      checkVersions([bank({ ...question, options: [...question.options, { id: 'c', text: 'Lebih' }] })], lock),
    ).toHaveLength(1);
  });

  it('asks for new questions to be recorded', () => {
    expect(checkVersions([bank(question)], {})[0]).toContain('run `npm run content:lock`');
  });
});
