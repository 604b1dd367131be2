// Amounts held per client address (connections open, bytes of bodies being read), forgotten at zero so a
// district's worth of addresses does not pile up in memory.

export function tally() {
  const held = new Map<string, number>();
  return {
    /** What `key` would hold with `amount` more. */
    with: (key: string, amount: number) => (held.get(key) ?? 0) + amount,
    add(key: string, amount: number) {
      held.set(key, (held.get(key) ?? 0) + amount);
    },
    remove(key: string, amount: number) {
      const left = (held.get(key) ?? 0) - amount;
      if (left > 0) held.set(key, left);
      else held.delete(key);
    },
  };
}
