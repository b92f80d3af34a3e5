import { Client } from 'pg';
import { useTestApp } from '../support/app';
import { connect } from '../../src/db/database';
import { withDatabase } from '../support/global-setup';

const app = useTestApp();

describe('migrations', () => {
  it('describe exactly the entities: no entity change is waiting for a migration', async () => {
    // given: the run's database, migrated by the harness like the server does at start
    // when
    const needed = await app.orm.getMigrator().checkMigrationNeeded();
    // then
    expect(needed).toBe(false);
  });

  it('have all been applied, in name order', async () => {
    const executed = await app.orm.getMigrator().getExecutedMigrations();
    const pending = await app.orm.getMigrator().getPendingMigrations();
    expect(pending).toEqual([]);
    const names = executed.map((m) => m.name);
    expect(names).toEqual([...names].sort());
  });

  it('go down to an empty database and up again, ending where the entities are', async () => {
    // given a scratch database on the test server, migrated up
    const scratch = `exchange_migrations_${Date.now()}`;
    const admin = new Client({ connectionString: withDatabase(process.env.TEST_DATABASE_URL!, 'postgres') });
    await admin.connect();
    await admin.query(`create database "${scratch}"`);
    const orm = await connect(withDatabase(process.env.TEST_DATABASE_URL!, scratch), { poolMax: 2 });
    try {
      const migrator = orm.getMigrator();
      await migrator.up();
      // when every down() runs, then every up() again
      await migrator.down({ to: 0 });
      const emptied = await orm.em.getConnection().execute(`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations'`);
      await migrator.up();
      // then
      expect(emptied[0].n).toBe(0);
      expect(await migrator.checkMigrationNeeded()).toBe(false);
    } finally {
      await orm.close(true);
      await admin.query(`drop database if exists "${scratch}" with (force)`);
      await admin.end();
    }
  }, 60_000);
});
