import { once } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';

interface PgConnection {
  query: (text: string) => void;
  sendCopyFromChunk: (chunk: Buffer) => void;
  endCopyFrom: () => void;
  sendCopyFail: (message: string) => void;
  stream: NodeJS.WritableStream & { writableLength: number };
}

interface PgClient {
  query: (submittable: unknown) => void;
}

/** A running COPY ... FROM STDIN: write chunks, then end (or fail) it. */
export interface CopyIn {
  write: (chunk: Buffer) => Promise<void>;
  end: () => Promise<void>;
  fail: (reason: string) => Promise<void>;
}

/** Socket bytes queued before a writer waits for them to drain. */
const HIGH_WATER = 1024 * 1024;

/**
 * COPY ... FROM STDIN on the connection of the entity manager's transaction, through pg's hooks for custom
 * queries (the protocol pg-copy-streams uses). Rows stream to PostgreSQL at COPY speed while the caller goes
 * on producing them; the transaction's other statements queue behind the COPY until it ends.
 */
export async function copyIn(em: EntityManager, sql: string): Promise<CopyIn> {
  const trx = em.getTransactionContext() as { client?: { acquireConnection: () => Promise<PgClient> } } | undefined;
  if (!trx?.client) throw new Error('copyIn needs an entity manager inside a transaction');
  const client = await trx.client.acquireConnection();
  let connection: PgConnection | null = null;
  let failure: Error | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let markDone!: () => void;
  let markFailed!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    markDone = resolve;
    markFailed = reject;
  });
  done.catch(() => undefined);
  client.query({
    submit: (con: PgConnection) => con.query(sql),
    handleCopyInResponse: (con: PgConnection) => {
      connection = con;
      markReady();
    },
    handleCommandComplete: () => undefined,
    // pg drops a query at its error (no readyForQuery reaches it after one), so an error ends the COPY here.
    handleError: (error: Error) => {
      failure = error;
      markReady();
      markFailed(error);
    },
    handleReadyForQuery: () => markDone(),
  });
  await ready;
  if (failure) throw failure;
  const con = connection!;
  let finished = false;
  return {
    write: async (chunk) => {
      if (failure) throw failure;
      con.sendCopyFromChunk(chunk);
      if (con.stream.writableLength > HIGH_WATER) await once(con.stream, 'drain');
    },
    end: async () => {
      if (!finished) con.endCopyFrom();
      finished = true;
      await done;
    },
    /** Aborts the COPY (nothing it received is kept); does nothing once it has ended. */
    fail: async (reason) => {
      if (!finished) con.sendCopyFail(reason);
      finished = true;
      await done.catch(() => undefined);
    },
  };
}
