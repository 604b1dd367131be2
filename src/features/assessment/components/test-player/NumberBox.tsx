import { useId, useState } from 'react';
import { formatNumberAnswer, groupDigits, parseNumberAnswer } from '../../number-answer.ts';
import type { PlayerItem } from '../../types.ts';
import type { Translate } from './labels.ts';

const isRupiah = (unit: string | undefined) => unit !== undefined && /^rp\.?$/i.test(unit);

/**
 * The answer box of a numeric item. What is typed stays as typed; below it the player says back the number it
 * read ("Rp 1.250.000"), so a villager sees a missing zero, or why the box cannot be read. Only a readable
 * number is kept as the answer, as its canonical digits.
 */
export function NumberBox(props: {
  item: PlayerItem;
  /** The question's text, so the box is named by its question. */
  labelledBy: string;
  selected: string | undefined;
  onAnswer: (digits: string) => void;
  t: Translate;
}) {
  const { item, labelledBy, selected, onAnswer, t } = props;
  const labelId = useId();
  const unitId = useId();
  const echoId = useId();
  const [typed, setTyped] = useState(() => (selected === undefined ? '' : groupDigits(selected)));
  const parsed = typed.trim() === '' ? null : parseNumberAnswer(typed);
  const before = isRupiah(item.unit);
  const unit = item.unit ? (
    <span className="player__unit" id={unitId}>
      {item.unit}
    </span>
  ) : null;

  return (
    <div className="player__number">
      <p className="player__number-label" id={labelId}>
        {t('player.number.label')}
      </p>
      <div className="player__number-row">
        {before && unit}
        <input
          className="player__number-box"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          aria-labelledby={[labelledBy, labelId, item.unit ? unitId : ''].join(' ').trim()}
          aria-describedby={echoId}
          aria-invalid={parsed !== null && !parsed.ok}
          value={typed}
          onChange={(event) => {
            const value = event.target.value;
            setTyped(value);
            const read = parseNumberAnswer(value);
            if (read.ok) onAnswer(read.value);
          }}
        />
        {!before && unit}
      </div>
      <p id={echoId} className={parsed && !parsed.ok ? 'player__echo alert' : 'player__echo'} aria-live="polite">
        {parsed === null
          ? t('player.number.hint')
          : parsed.ok
            ? t('player.number.echo', { value: formatNumberAnswer(parsed.value, item.unit) })
            : t(`assessment.errors.number.${parsed.problem}`)}
      </p>
    </div>
  );
}
