import { buildSchema, isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { useTestApp, dataOf, issueToken } from '../support/app';
import { Provider, ProviderKind } from '../../src/provider/provider.entity';
import { Contract } from '../../src/contract/contract.entity';

/**
 * Incremental sync: a client that reads the changes since its last high-water mark (and the deletions) while
 * another client writes ends with the same copy as a full read, also when a transaction commits a row stamped
 * before rows that another transaction committed earlier.
 */
const app = useTestApp({ env: { RATE_LIMIT_OPERATOR_ADMIN: '1000000000', REPORT_SQL_STATEMENTS: 'true' } });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rawId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

const CHANGES = `query($s: String, $since: DateTime, $after: String) {
  providers(first: 7, after: $after, updatedSince: $since, filter: { search: $s }, orderBy: { field: AGB, direction: DESC }) {
    nodes { id name updatedAt } pageInfo { hasNextPage endCursor } } }`;
const DELETIONS = `query($since: DateTime!, $after: String) { deletions(since: $since, first: 7, after: $after) {
  nodes { type id deletedAt } pageInfo { hasNextPage endCursor } } }`;

/** A partner's copy of the providers named with a marker, kept by reading changes and deletions. */
class Replica {
  readonly rows = new Map<string, string>();
  private changesSince = new Date(0).toISOString();
  private deletionsSince = new Date(0).toISOString();

  constructor(private readonly marker: string) {}

  /** One sync pass; returns how many changes and deletions it read. */
  async pass(): Promise<number> {
    let read = 0;
    let after: string | null = null;
    let highest = this.changesSince;
    do {
      const page: any = dataOf(await app.gql(CHANGES, { s: this.marker, since: this.changesSince, after })).providers;
      for (const node of page.nodes) {
        if (this.rows.get(node.id) !== node.updatedAt) read += 1;
        this.rows.set(node.id, node.updatedAt);
        if (node.updatedAt > highest) highest = node.updatedAt;
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    this.changesSince = highest;
    let deletedUntil = this.deletionsSince;
    do {
      const page: any = dataOf(await app.gql(DELETIONS, { since: this.deletionsSince, after })).deletions;
      for (const node of page.nodes) {
        if (node.type === 'Provider' && this.rows.delete(node.id)) read += 1;
        if (node.deletedAt > deletedUntil) deletedUntil = node.deletedAt;
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    this.deletionsSince = deletedUntil;
    return read;
  }
}

async function fullRead(marker: string): Promise<Map<string, string>> {
  const nodes = dataOf(await app.gql(`query($s: String) { providers(first: 100, filter: { search: $s }) { nodes { id updatedAt } } }`, { s: marker })).providers.nodes;
  return new Map(nodes.map((n: any) => [n.id, n.updatedAt]));
}

describe('incremental sync', () => {
  it('a sync loop beside concurrent inserts, updates and deletes ends equal to a full read', async () => {
    // given: ten providers and a partner's empty copy
    const marker = `Sync zorg ${await app.factory.nextNumber()}`;
    const made: number[] = [];
    for (let i = 0; i < 10; i += 1) made.push((await app.factory.provider({ name: `${marker} ${i}`, kind: ProviderKind.OTHER })).id);
    const replica = new Replica(marker);
    // when: another client inserts, renames and deletes while the partner syncs
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 12; round += 1) {
        const em = app.orm.em.fork() as EntityManager;
        made.push((await app.factory.provider({ name: `${marker} new ${round}`, kind: ProviderKind.OTHER })).id);
        await em.nativeUpdate(Provider, { id: made[(round * 7) % made.length]! }, { name: `${marker} renamed ${round}` });
        if (round % 3 === 0) await em.nativeDelete(Provider, { id: made.splice((round * 5) % made.length, 1)[0]! });
        await sleep(15);
      }
      writing = false;
    })();
    let passes = 0;
    while (writing) {
      await replica.pass();
      passes += 1;
    }
    await writer;
    while ((await replica.pass()) > 0) passes += 1;
    // then
    expect(passes).toBeGreaterThan(2);
    const full = await fullRead(marker);
    expect(full.size).toBe(made.length);
    expect(new Map([...replica.rows].sort())).toEqual(new Map([...full].sort()));
  });

  it('holds back changes of a transaction still open, so a row committed late with an earlier stamp is not missed', async () => {
    // given: a transaction that writes a provider and stays open, and a provider committed after it wrote
    const marker = `Sync laat ${await app.factory.nextNumber()}`;
    const replica = new Replica(marker);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const slow = (app.orm.em.fork() as EntityManager).transactional(async (em) => {
      await em.execute(`insert into provider (agb, kvk, name, kind) values (?, '12345678', ?, 'OTHER')`, [await app.factory.agb(), `${marker} early`]);
      wrote();
      await gate;
    });
    await written;
    await sleep(5);
    await app.factory.provider({ name: `${marker} later`, kind: ProviderKind.OTHER });
    // when: the partner syncs while the transaction is open, then after it committed
    let whileOpen: number;
    try {
      await replica.pass();
      whileOpen = replica.rows.size;
    } finally {
      release();
      await slow;
    }
    await replica.pass();
    // then: nothing of the open transaction's time was handed out early; afterwards both rows are there
    expect(whileOpen).toBe(0);
    expect(new Map([...replica.rows].sort())).toEqual(new Map([...(await fullRead(marker))].sort()));
    expect(replica.rows.size).toBe(2);
  });

  it('updatedAt is kept by the database on every write, whoever writes', async () => {
    // given
    const provider = await app.factory.provider({ kind: ProviderKind.OTHER });
    const id = Buffer.from(`Provider:${provider.id}`).toString('base64url');
    const q = `query($id: ID!) { node(id: $id) { ... on Provider { name updatedAt } } }`;
    const before = dataOf(await app.gql(q, { id })).node.updatedAt;
    await sleep(5);
    // when: a write that bypasses the ORM's change tracking
    await (app.orm.em.fork() as EntityManager).execute('update provider set name = name where id = ?', [provider.id]);
    const after = dataOf(await app.gql(q, { id })).node.updatedAt;
    // then
    expect(after > before).toBe(true);
  });

  it('lists deletions of reference data to every principal, never deletions of contracts', async () => {
    // given: a provider and a contract of an insurer, both deleted
    const since = new Date(Date.now() - 1000).toISOString();
    const insurer = await app.factory.insurer();
    const provider = await app.factory.provider();
    const contract = await app.contracts.contract({ insurer, provider, segment: await app.contracts.seeded('MSZ'), firstYear: 2044 });
    const em = app.orm.em.fork() as EntityManager;
    await em.nativeDelete(Contract, { id: contract.id });
    await em.nativeDelete(Provider, { id: provider.id });
    // when: the insurer (who could read the contract) reads the deletions
    const token = await issueToken(app.orm, { role: 'INSURER_MEMBER', insurer });
    const nodes = dataOf(await app.gql(`query($s: DateTime!) { deletions(since: $s, first: 100) { nodes { type id } } }`, { s: since }, { token })).deletions.nodes;
    // then
    expect(nodes.map((n: any) => [n.type, rawId(n.id)])).toContainEqual(['Provider', provider.id]);
    expect(nodes.some((n: any) => n.type === 'Contract')).toBe(false);
  });

  it('a read of changes costs the page and the horizon: two statements whatever the page size', async () => {
    // given
    const marker = `Sync tel ${await app.factory.nextNumber()}`;
    for (let i = 0; i < 6; i += 1) await app.factory.provider({ name: `${marker} ${i}`, kind: ProviderKind.OTHER });
    const q = `query($s: String, $n: Int) { providers(first: $n, updatedSince: "2000-01-01T00:00:00Z", filter: { search: $s }) { nodes { name updatedAt } } }`;
    // when
    const small = await app.gql(q, { s: marker, n: 2 });
    const large = await app.gql(q, { s: marker, n: 6 });
    // then
    expect(dataOf(large).providers.nodes).toHaveLength(6);
    expect([small.body.extensions?.sqlStatements, large.body.extensions?.sqlStatements]).toEqual([2, 2]);
  });

  it('every Node type has updatedAt', () => {
    const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));
    const types = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'));
    expect(types.length).toBeGreaterThan(20);
    for (const type of types) expect({ type: type.name, updatedAt: String((type as any).getFields().updatedAt?.type) }).toEqual({ type: type.name, updatedAt: 'DateTime!' });
  });
});
