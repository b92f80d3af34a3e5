/**
 * A PostgreSQL array literal ('{1,2,3}', '{"a","b"}') to bind as one parameter. The query builder under the ORM
 * expands a JavaScript array bound to `?` into a comma-separated list, which `any(?::int[])` cannot take; a
 * literal string keeps the statement text the same for any number of values.
 */
export function sqlArray(values: readonly (number | string | null)[]): string {
  const items = values.map((value) => {
    if (value === null) return 'NULL';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new RangeError(`sqlArray: ${value} is not a finite number`);
      return String(value);
    }
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
