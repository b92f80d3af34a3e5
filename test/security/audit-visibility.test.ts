import { useTestApp, dataOf } from '../support/app';
import { gid } from '../factories/kpi';

/**
 * Finding 6 of issue 10: audit events carried what their reader may not see. A hospital's admin read the READ
 * events of the insurers that read its contracts, and an insurer's admin read the hospital's READ events, whose object
 * ids named the contracts of competing insurers. The rule: an operator admin reads every event; an insurer or
 * provider admin reads only the events its own organisation performed (its own credentials), never another
 * organisation's events on its data.
 */
const app = useTestApp();

const EVENTS = `query($since: DateTime) {
  auditEvents(first: 100, filter: { since: $since }) { totalCount nodes { id kind operation organisationCode objectIds } }
}`;
const CONTRACTS = `{ contracts(first: 50) { nodes { id } } }`;

async function world() {
  const segment = await app.contracts.seeded('MSZ');
  const hospital = await app.factory.provider();
  const [a, b] = [await app.factory.insurer(), await app.factory.insurer()];
  const contractA = await app.contracts.contract({ insurer: a, provider: hospital, segment, firstYear: 2025 });
  const contractB = await app.contracts.contract({ insurer: b, provider: hospital, segment, firstYear: 2025 });
  const tokens = {
    hospitalSubmitter: await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: hospital }),
    hospitalAdmin: await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: hospital }),
    aMember: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: a }),
    aAdmin: await app.tokenFor({ role: 'INSURER_ADMIN', insurer: a }),
    bMember: await app.tokenFor({ role: 'INSURER_MEMBER', insurer: b }),
  };
  const since = new Date(Date.now() - 1000).toISOString();
  // The hospital reads both its contracts (one READ event naming A's and B's), each insurer its own.
  for (const token of [tokens.hospitalSubmitter, tokens.aMember, tokens.bMember]) dataOf(await app.gql(CONTRACTS, {}, { token }));
  await app.flushAudit();
  return { hospital, a, b, contractA: gid('Contract', contractA.id), contractB: gid('Contract', contractB.id), tokens, since };
}

type Event = { id: string; kind: string; operation: string; organisationCode: string; objectIds: string[] };
const eventsOf = async (token: string, since: string): Promise<Event[]> => dataOf(await app.gql(EVENTS, { since }, { token })).auditEvents.nodes;

describe('audit.read: a non-operator admin reads only what its own organisation performed', () => {
  it("an insurer admin does not read the hospital's READ event that names a competitor's contract", async () => {
    // given
    const w = await world();
    // when
    const events = await eventsOf(w.tokens.aAdmin, w.since);
    // then: only A's own read of its own contract
    expect(events.map((e) => ({ kind: e.kind, operation: e.operation, organisationCode: e.organisationCode, objectIds: e.objectIds }))).toEqual([
      { kind: 'READ', operation: 'contracts', organisationCode: w.a.uzovi, objectIds: [w.contractA] },
    ]);
    expect(JSON.stringify(events)).not.toContain(w.contractB);
  });

  it("a hospital admin reads its own READ event, not the insurers' reads of its contracts", async () => {
    // given
    const w = await world();
    // when
    const events = await eventsOf(w.tokens.hospitalAdmin, w.since);
    // then
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'READ', operation: 'contracts', organisationCode: w.hospital.agb });
    expect([...events[0].objectIds].sort()).toEqual([w.contractA, w.contractB].sort());
  });

  it("node() and nodes() answer null for another organisation's event, as for a missing one", async () => {
    // given
    const w = await world();
    const all = await eventsOf(app.operatorToken, w.since);
    const hospitalEvent = all.find((e) => e.organisationCode === w.hospital.agb)!;
    const bEvent = all.find((e) => e.organisationCode === w.b.uzovi)!;
    const aEvent = all.find((e) => e.organisationCode === w.a.uzovi)!;
    // when
    const data = dataOf(
      await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on AuditEvent { objectIds } } }`, { ids: [hospitalEvent.id, bEvent.id, aEvent.id] }, { token: w.tokens.aAdmin }),
    );
    // then
    expect(data.nodes).toEqual([null, null, { id: aEvent.id, objectIds: [w.contractA] }]);
  });

  it('the operator admin still reads every event', async () => {
    const w = await world();
    const codes = (await eventsOf(app.operatorToken, w.since)).map((e) => e.organisationCode);
    expect(codes).toEqual(expect.arrayContaining([w.hospital.agb, w.a.uzovi, w.b.uzovi]));
  });
});
