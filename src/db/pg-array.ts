/**
 * A PostgreSQL array literal ('{1,2,NULL}') for a raw-SQL parameter. MikroORM's `em.execute` inlines its
 * parameters and writes a JS array as a bare list ("1, 2"), which is no array in SQL; a literal string cast
 * with `?::int[]` or `?::text[]` is.
 */
export function pgArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ',';
    const value = values[i];
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'string') literal += `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    else literal += String(value);
  }
  return `${literal}}`;
}
