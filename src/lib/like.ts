// Name search in SQL: what a person types is found anywhere in the name, letters only.

/** A LIKE pattern (with `escape '\'`) for text anywhere: `%` and `_` typed by a person are letters, not wildcards. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The words typed in a list's search box (`?cari=`), trimmed and bounded; empty when none. */
export const searchText = (params: URLSearchParams): string => (params.get('cari') ?? '').trim().slice(0, 80);

/** The same match in memory, for a list already read whole (indicator drill-downs): case does not matter. */
export const nameMatches = (name: string, q: string): boolean =>
  q === '' || name.toLocaleLowerCase('id').includes(q.toLocaleLowerCase('id'));
