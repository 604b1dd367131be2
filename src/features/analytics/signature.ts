// Who signs a printed report and where: the facilitator, and the Dinas Sosial officer who acknowledges it
// ("Mengetahui"). A name or a place the data does not know is left as a line to write on.

export type Signer = {
  /** The kabupaten the report is about, when it is about one; else a line to write the place on. */
  place: string | null;
  /** The facilitators' names, when known; else a line to sign on. */
  facilitator: string | null;
};

/** The one kabupaten every KUBE of the report lies in, or null when they lie in several (or there are none). */
export function placeOf(kubes: readonly { kabupaten: string }[]): string | null {
  const places = new Set(kubes.map((k) => k.kabupaten.trim()).filter((place) => place !== ''));
  const [only] = places;
  return places.size === 1 && only !== undefined ? only : null;
}

/**
 * The signer of a report over `kubes`: a facilitator signs for themself; for an admin, the KUBEs' facilitators
 * (`facilitators`) when known. An admin's own name never stands on the facilitator's line.
 */
export function signerOf(
  actor: { role: string },
  person: { name: string } | null,
  kubes: readonly { kabupaten: string }[],
  facilitators: readonly string[] = [],
): Signer {
  const own = actor.role === 'pendamping' && person ? person.name : null;
  return { place: placeOf(kubes), facilitator: own ?? (facilitators.join(', ') || null) };
}
