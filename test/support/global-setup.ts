import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbedded } from '../../src/db/embedded';

/**
 * One fresh database per test run, on the server of DATABASE_URL or on an embedded PostgreSQL started for the
 * run. The ORM must not start here (its metadata would leak into jest's module realms), so the first test file
 * migrates and seeds it, exactly as the server does.
 */
export default async function globalSetup(): Promise<void> {
  const database = `exchange_test_${Date.now()}_${process.pid}`;
  let adminUrl: string;
  let embeddedDir: string | null = null;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    embeddedDir = path.resolve(`.data/test-postgres-${process.pid}`);
    const port = 55000 + (process.pid % 5000);
    const server = await startEmbedded({ dataDir: embeddedDir, port, persistent: false });
    (globalThis as Record<string, unknown>).__embedded = server;
    adminUrl = server.url('postgres');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = withDatabase(adminUrl, database);
  (globalThis as Record<string, unknown>).__testDatabase = { adminUrl, database, embeddedDir };
  // Test files run in this process (--runInBand) and read the address from the environment.
  process.env.TEST_DATABASE_URL = url;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
