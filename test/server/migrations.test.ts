import { startTestApp, TestApp } from '../support/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

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
});
