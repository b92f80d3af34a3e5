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
