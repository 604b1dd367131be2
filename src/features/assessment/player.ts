import { getEntry } from 'astro:content';
import type { Attempt } from './service.ts';
import type { PlayerAttempt, PlayerItem } from './types.ts';

/** The player's view of an attempt: texts from the question bank, options in the attempt's order. */
export async function toPlayerAttempt(
  attempt: Attempt,
  moduleTitle: string,
  serverAnswers: Record<string, string>,
  resultUrl: string,
): Promise<PlayerAttempt> {
  const bank = await getEntry('questions', attempt.moduleSlug);
  const byId = new Map((bank?.data.questions ?? []).map((q) => [q.id, q]));
  const items: PlayerItem[] = attempt.items.map((item) => {
    const question = byId.get(item.questionId);
    const text = question?.text ?? item.questionId;
    if (item.type === 'number') {
      // The unit only: the answer stays on the server.
      const unit = question?.type === 'number' ? question.unit : undefined;
      return { questionId: item.questionId, text, options: [], type: 'number', ...(unit ? { unit } : {}) };
    }
    const options = new Map((question?.type === 'number' ? [] : (question?.options ?? [])).map((o) => [o.id, o.text]));
    return {
      questionId: item.questionId,
      text,
      options: item.optionOrder.map((id) => ({ id, text: options.get(id) ?? id })),
    };
  });
  return {
    attemptId: attempt.id,
    personId: attempt.personId,
    moduleSlug: attempt.moduleSlug,
    moduleTitle,
    kind: attempt.kind,
    items,
    serverAnswers,
    submitted: attempt.submittedAt !== null,
    resultUrl,
  };
}
