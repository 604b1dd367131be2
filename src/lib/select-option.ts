/** One choice of a select field: the value sent and the words shown. */
export type SelectOption = { value: string; label: string };
