/**
 * A PostgreSQL array literal of integers, for `= any(?::int[])` in raw SQL. knex expands a JavaScript array
 * binding into a list of separate values ("any(1, 2)"), which PostgreSQL refuses, so arrays go in as one literal.
 */
export function intArray(ids: Iterable<number>): string {
  const values = [...ids].map((id) => {
    if (!Number.isSafeInteger(id)) throw new RangeError(`not an integer id: ${id}`);
    return String(id);
  });
  return `{${values.join(',')}}`;
}

/**
 * A PostgreSQL array literal of any scalars ('{1,"a",NULL}'), for `?::text[]`, `?::int[]` and the like, with
 * text quoted and nulls kept: the general form of intArray, for columns of values rather than ids.
 */
export function pgArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ',';
    const value = values[i];
    if (value === null || value === undefined) literal += 'NULL';
    else if (typeof value === 'string') literal += `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    else if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`pgArray: ${value} is not a finite number`);
    else literal += String(value);
  }
  return `${literal}}`;
}
