// Each slice keeps its own dictionary file; merged into one per language. A key in two files would let one
// silently replace the other (a spread keeps the last), so merging refuses it, naming both files.

type Dictionary = Record<string, string>;
type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

/** The files' entries as one dictionary; throws when two files define the same key. */
export function mergeDictionaries<T extends Record<string, Dictionary>>(files: T): Intersection<T[keyof T]> {
  const merged: Dictionary = {};
  const fileOf = new Map<string, string>();
  for (const [file, entries] of Object.entries(files)) {
    for (const [key, text] of Object.entries(entries)) {
      const earlier = fileOf.get(key);
      if (earlier !== undefined) throw new Error(`Dictionary key "${key}" is in both ${earlier}.json and ${file}.json`);
      fileOf.set(key, file);
      merged[key] = text;
    }
  }
  return merged as Intersection<T[keyof T]>;
}
