// A sign-in name made from a person's name when the sheet leaves it empty: letters and digits of the name
// without accents, words joined by dots ("Siti Aminah" → "siti.aminah"), a number added when taken.

const MAX_BASE = 28;

function baseUsername(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/\.+$/, '');
  return plain.length >= 3 ? plain : `anggota${plain ? `.${plain}` : ''}`;
}

/** The first free username for `name`; `taken` holds every username in use and grows by the one returned. */
export function makeUsername(name: string, taken: Set<string>): string {
  const base = baseUsername(name);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}.${n}`;
  taken.add(candidate);
  return candidate;
}
