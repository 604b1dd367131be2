import { useRef, useState, type KeyboardEvent } from 'react';
import type { PlayerItem } from '../../types.ts';
import { letter } from './labels.ts';

/** The options of one question as a radio group: arrows move, Enter or Space choose. */
export function Options(props: {
  item: PlayerItem;
  labelledBy: string;
  selected: string | undefined;
  onChoose: (optionId: string) => void;
}) {
  const { item, labelledBy, selected, onChoose } = props;
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  // Roving tabindex: only one option is in the Tab order, the chosen one at first.
  const [focusIndex, setFocusIndex] = useState(() =>
    Math.max(
      0,
      item.options.findIndex((option) => option.id === selected),
    ),
  );

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const count = item.options.length;
    const to: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowRight: index + 1,
      ArrowUp: index - 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: count - 1,
    };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + count) % count;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="player__options" role="radiogroup" aria-labelledby={labelledBy}>
      {item.options.map((option, index) => {
        const checked = option.id === selected;
        return (
          <button
            key={option.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={index === focusIndex ? 0 : -1}
            className="player__option"
            onFocus={() => {
              setFocusIndex(index);
            }}
            onKeyDown={(event) => {
              onKeyDown(event, index);
            }}
            onClick={() => {
              setFocusIndex(index);
              onChoose(option.id);
            }}
          >
            <span className="player__letter" aria-hidden="true">
              {letter(index)}
            </span>
            <span className="player__option-text">{option.text}</span>
            {checked && (
              <span className="player__check" aria-hidden="true">
                ✓
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
