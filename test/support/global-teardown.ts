import fs from 'node:fs';
import { Client } from 'pg';
import type { EmbeddedServer } from '../../src/db/embedded';

/** Drops the run's database, or stops the run's embedded server and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const state = g.__testDatabase as { adminUrl: string; database: string; embeddedDir: string | null } | undefined;
  const embedded = g.__embedded as EmbeddedServer | undefined;
  if (embedded) {
    await embedded.stop();
    if (state?.embeddedDir) fs.rmSync(state.embeddedDir, { recursive: true, force: true });
    return;
  }
  if (!state) return;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${state.database}" with (force)`);
  await admin.end();
}
