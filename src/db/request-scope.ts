import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request carries through async calls that cannot take a parameter (the ORM's query hook). */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Called by the ORM for every statement it sends; counts them for the request that is running. */
export function countStatement(sql: string): string {
  const scope = requestScope.getStore();
  if (scope) scope.sqlStatements += 1;
  return sql;
}
