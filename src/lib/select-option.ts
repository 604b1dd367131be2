/** One choice of a select field: the value sent and the words shown. */
export type SelectOption = { value: string; label: string };

/** The words for the value chosen in a select, or the words for "all" when nothing (or an unknown value) is chosen. */
export const chosenLabel = (value: string | null | undefined, options: readonly SelectOption[], all: string): string =>
  options.find((option) => option.value === value)?.label ?? all;
