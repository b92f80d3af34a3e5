import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from './principal';
import { AuditEvent, AuditKind, AuditOutcome } from './audit-event.entity';
import { OrganisationKindEnum } from './api-token.entity';
import type { Logger } from '../logger';
import { requestScope } from '../db/request-scope';

export interface AuditEntry {
  kind: AuditKind;
  operation: string;
  objectIds: string[];
  outcome: AuditOutcome;
  ownerInsurerIds?: number[];
  ownerProviderIds?: number[];
}

/** The row of an audit entry: who (the principal), in which request, what. */
export function auditRow(principal: Principal, requestId: string, entry: AuditEntry): Partial<AuditEvent> {
  return {
    occurredAt: new Date(),
    requestId,
    kind: entry.kind,
    organisationKind: principal.organisationKind as OrganisationKindEnum,
    organisationCode: principal.organisationCode,
    subject: principal.subject,
    operation: entry.operation,
    objectIds: entry.objectIds,
    outcome: entry.outcome,
    actorInsurerId: principal.organisationKind === 'INSURER' ? principal.insurerId : null,
    actorProviderId: principal.organisationKind === 'PROVIDER' ? principal.providerId : null,
    // The acting organisation is recorded by id as well as by code: codes can be reassigned (an insurer's UZOVI
    // may change and go to another insurer), so visibility must never rest on the code alone.
    ownerInsurerIds: unique([...(entry.ownerInsurerIds ?? []), ...(principal.insurerId !== null ? [principal.insurerId] : [])]),
    ownerProviderIds: unique([...(entry.ownerProviderIds ?? []), ...(principal.providerId !== null ? [principal.providerId] : [])]),
  };
}

const FLUSH_INTERVAL_MS = 250;
const MAX_BATCH = 500;

/**
 * Collects audit entries in memory and writes them in batches on its own connection, so that logging a read
 * costs the request nothing but an array push. Entries survive a failed request; they are flushed on shutdown.
 * A crash loses what is queued (at most the last FLUSH_INTERVAL_MS): that is why a mutation that wrote writes its
 * entry in its own transaction instead (see auditInTransaction), and only reads and writes that wrote nothing
 * (refused, denied, failed, dry runs) come here.
 */
export class AuditLog {
  private queue: Partial<AuditEvent>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
  ) {}

  record(principal: Principal, requestId: string, entry: AuditEntry): void {
    this.queue.push(auditRow(principal, requestId, entry));
    if (this.queue.length >= MAX_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = requestScope.exit(() => setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS));
      this.timer.unref();
    }
  }

  /** Writes everything queued so far; resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue;
    this.queue = [];
    // The batch is no request's work: counted in the scope of the request that queued it, a flush that lands
    // before that request answers would add to its SQL count (seen under load in the dashboard's count test).
    this.flushing = this.flushing.then(() => requestScope.exit(() => this.write(batch)));
    return this.flushing;
  }

  private async write(batch: Partial<AuditEvent>[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.orm.em.fork().insertMany(AuditEvent, batch);
    } catch {
      // One bad entry must not cost the others: retry one by one and report only those that still fail.
      for (const entry of batch) {
        await this.orm.em
          .fork()
          .insertMany(AuditEvent, [entry])
          .catch((error: unknown) => this.log.error('audit log write failed', { error, operation: entry.operation, requestId: entry.requestId }));
      }
    }
  }
}

function unique(ids: number[] | undefined): number[] {
  return [...new Set((ids ?? []).filter((id) => Number.isInteger(id)))];
}
