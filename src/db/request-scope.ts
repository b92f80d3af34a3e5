import { AsyncLocalStorage } from 'node:async_hooks';
import { sqlStatements } from '../observability/metrics';

/** What one request carries through async calls that cannot take a parameter (the ORM's query hook, the request log). */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** The GraphQL operation's name once it is resolved (as the client named it; the log and metrics bound it). */
  operationName?: string | null;
  /** "insurer:<UZOVI>", "provider:<AGB>" or "operator", once authenticated. */
  organisation?: string;
  /** extensions.code of every error answered. */
  errorCodes: string[];
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Called by the ORM for every statement it sends; counts them for the request that is running and the process. */
export function statementCounter(target: 'write' | 'read'): (sql: string) => string {
  const total = sqlStatements.labels(target);
  return (sql) => {
    const scope = requestScope.getStore();
    if (scope) scope.sqlStatements += 1;
    total.inc();
    return sql;
  };
}
