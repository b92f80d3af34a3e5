import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { Loaders, RequestContext } from '../core/context';
import { SYSTEM_PRINCIPAL, Principal } from '../auth/principal';
import { AuditLog } from '../auth/audit';
import { AuditKind } from '../auth/audit-event.entity';
import { createLogger } from '../logger';

/** The platform operator as the CLI's user: whoever has shell access to the deployment is one. */
export function cliOperator(): Principal {
  return { ...SYSTEM_PRINCIPAL, subject: `cli:${process.env.USER ?? 'unknown'}` };
}

/**
 * Runs CLI work through the same services as GraphQL, as the platform operator unless a command acts as another
 * principal (an API token's organisation, or --as); its writes are audited as CLI events.
 */
export async function withCliContext<T>(
  db: Database,
  config: Config,
  work: (ctx: RequestContext) => Promise<T>,
  principal: Principal = cliOperator(),
): Promise<T> {
  const audit = new AuditLog(db.orm, createLogger('error'));
  const requestId = `cli-${randomUUID()}`;
  const ctx: RequestContext = {
    em: db.orm.em.fork() as EntityManager,
    principal,
    requestId,
    config,
    loaders: new Loaders(),
    audit: (entry) => audit.record(principal, requestId, { ...entry, kind: entry.kind === AuditKind.READ ? AuditKind.READ : AuditKind.CLI }),
  };
  try {
    return await work(ctx);
  } finally {
    await audit.flush();
  }
}
