import { useTestApp, dataOf, errorCodes } from '../support/app';
import { csv } from '../factories/monitoring';
import { upload } from '../support/monitoring';
import { AuditEvent } from '../../src/auth/audit-event.entity';

/** Review workflow: DRAFT, SUBMITTED, ACCEPTED (locked) or REJECTED, and reopening by the preferred insurer (seed 002). */
const app = useTestApp();

const FIELDS = `monitoringSubmission { id status version rejectionReason submittedAt reviewedAt reviewedBy { uzovi }
  history { kind fromStatus toStatus version actorKind actorCode reason } } userErrors { field code message }`;
const step = (name: string, extra = '') => `mutation($id: ID!${extra ? ', $reason: String!' : ''}) {
  ${name}(input: { id: $id${extra ? ', reason: $reason' : ''} }) { ${FIELDS} }
}`;
const SUBMIT = step('monitoringSubmissionSubmit');
const ACCEPT = step('monitoringSubmissionAccept');
const REJECT = step('monitoringSubmissionReject', 'reason');
const REOPEN = step('monitoringSubmissionReopen', 'reason');

async function given(year = 2024) {
  const set = await app.monitoring.purchasedFunction(year);
  const cfToken = await app.tokenFor({ role: 'PROVIDER_SUBMITTER', provider: set.cf });
  const leadToken = await app.tokenFor({ role: 'INSURER_MEMBER', insurer: set.lead });
  const followerToken = await app.tokenFor({ role: 'INSURER_ADMIN', insurer: set.follower });
  const first = await upload(app, csv([`${set.cf.agb};${year};JAAR;GRZ;10;8;1`]), { token: cfToken });
  const id = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on MonitoringImport { id } } }`, { id: first.import.id }, { token: cfToken }));
  expect(id.node).not.toBeNull();
  const listed = dataOf(await app.gql(`{ monitoringSubmissions(filter: { coordinationFunctionAgb: "${set.cf.agb}" }) { nodes { id status } } }`, {}, { token: cfToken }));
  return { ...set, cfToken, leadToken, followerToken, submissionId: listed.monitoringSubmissions.nodes[0].id as string };
}

describe('monitoring review workflow', () => {
  it('goes DRAFT -> SUBMITTED -> REJECTED (with reason) -> SUBMITTED -> ACCEPTED, with the history readable', async () => {
    const g = await given();
    const submitted = dataOf(await app.gql(SUBMIT, { id: g.submissionId }, { token: g.cfToken })).monitoringSubmissionSubmit;
    expect(submitted.monitoringSubmission).toMatchObject({ status: 'SUBMITTED', version: 1 });
    expect(submitted.monitoringSubmission.submittedAt).not.toBeNull();

    const noReason = dataOf(await app.gql(REJECT, { id: g.submissionId, reason: '  ' }, { token: g.leadToken })).monitoringSubmissionReject;
    expect(noReason.userErrors.map((e: any) => e.code)).toEqual(['REASON_REQUIRED']);
    const rejected = dataOf(await app.gql(REJECT, { id: g.submissionId, reason: 'GRZ inflow is missing its H2 part' }, { token: g.leadToken })).monitoringSubmissionReject;
    expect(rejected.monitoringSubmission).toMatchObject({ status: 'REJECTED', rejectionReason: 'GRZ inflow is missing its H2 part', reviewedBy: { uzovi: g.lead.uzovi } });

    const resubmitted = dataOf(await app.gql(SUBMIT, { id: g.submissionId }, { token: g.cfToken })).monitoringSubmissionSubmit;
    expect(resubmitted.monitoringSubmission).toMatchObject({ status: 'SUBMITTED', rejectionReason: null });
    // a follower (the contract was made on its behalf) purchases too, but the preferred insurer decides (seed 002)
    const byFollower = await app.gql(ACCEPT, { id: g.submissionId }, { token: g.followerToken });
    expect(errorCodes(byFollower)).toEqual(['FORBIDDEN']);
    const accepted = dataOf(await app.gql(ACCEPT, { id: g.submissionId }, { token: g.leadToken })).monitoringSubmissionAccept;
    expect(accepted.monitoringSubmission).toMatchObject({ status: 'ACCEPTED', reviewedBy: { uzovi: g.lead.uzovi } });
    expect(accepted.monitoringSubmission.history.map((h: any) => [h.kind, h.fromStatus, h.toStatus, h.actorKind])).toEqual([
      ['SUBMITTED', 'DRAFT', 'SUBMITTED', 'PROVIDER'],
      ['REJECTED', 'SUBMITTED', 'REJECTED', 'INSURER'],
      ['SUBMITTED', 'REJECTED', 'SUBMITTED', 'PROVIDER'],
      ['ACCEPTED', 'SUBMITTED', 'ACCEPTED', 'INSURER'],
    ]);
  });

  it('refuses steps out of order', async () => {
    const g = await given();
    const early = dataOf(await app.gql(ACCEPT, { id: g.submissionId }, { token: g.leadToken })).monitoringSubmissionAccept;
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATUS', field: ['id'] })]);
    await app.gql(SUBMIT, { id: g.submissionId }, { token: g.cfToken });
    const twice = dataOf(await app.gql(SUBMIT, { id: g.submissionId }, { token: g.cfToken })).monitoringSubmissionSubmit;
    expect(twice.userErrors.map((e: any) => e.code)).toEqual(['INVALID_STATUS']);
    const reopenSubmitted = dataOf(await app.gql(REOPEN, { id: g.submissionId, reason: 'x' }, { token: g.leadToken })).monitoringSubmissionReopen;
    expect(reopenSubmitted.userErrors.map((e: any) => e.code)).toEqual(['INVALID_STATUS']);
  });

  it('under REJECT_FAILED_ROWS leaves a locked period out and imports the rest of the file', async () => {
    // given an accepted 2024
    const g = await given();
    await app.gql(SUBMIT, { id: g.submissionId }, { token: g.cfToken });
    await app.gql(ACCEPT, { id: g.submissionId }, { token: g.leadToken });
    // when a file changes 2024 and adds 2023
    const summary = await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;11;8;1`, `${g.cf.agb};2023;JAAR;GRZ;9;8;1`]), {
      token: g.cfToken,
      input: { rowErrorPolicy: 'REJECT_FAILED_ROWS' },
    });
    // then 2023 is imported, 2024 keeps its accepted figures
    expect(summary).toMatchObject({ outcome: 'APPLIED', rejected: 1, created: 1, updated: 0, submissionsCreated: 1, submissionsUpdated: 0 });
    expect(summary.problems).toEqual([expect.objectContaining({ row: 2, code: 'SUBMISSION_LOCKED' })]);
    const kept = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on MonitoringSubmission { status version figures { registrations } } } }`, { id: g.submissionId }, { token: g.cfToken }));
    expect(kept.node).toEqual({ status: 'ACCEPTED', version: 1, figures: [{ registrations: 10 }] });
  });

  it('locks an accepted period: a changed upload is refused, the same figures come back unchanged, until the preferred insurer reopens it (audited)', async () => {
    // given an accepted submission
    const g = await given();
    await app.gql(SUBMIT, { id: g.submissionId }, { token: g.cfToken });
    await app.gql(ACCEPT, { id: g.submissionId }, { token: g.leadToken });
    // when
    const changed = await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;11;8;1`]), { token: g.cfToken });
    const same = await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;10;8;1`]), { token: g.cfToken });
    const otherInsurer = await app.gql(REOPEN, { id: g.submissionId, reason: 'we want a look' }, { token: g.followerToken });
    const byCf = await app.gql(REOPEN, { id: g.submissionId, reason: 'oops' }, { token: g.cfToken });
    const reopened = dataOf(await app.gql(REOPEN, { id: g.submissionId, reason: 'GRZ registrations corrected by the function' }, { token: g.leadToken })).monitoringSubmissionReopen;
    const after = await upload(app, csv([`${g.cf.agb};2024;JAAR;GRZ;11;8;1`]), { token: g.cfToken });
    // then
    expect(changed).toMatchObject({ outcome: 'REJECTED', rejected: 1 });
    expect(changed.problems).toEqual([expect.objectContaining({ row: 2, code: 'SUBMISSION_LOCKED', severity: 'ERROR' })]);
    expect(same).toMatchObject({ outcome: 'UNCHANGED', unchanged: 1 });
    expect(errorCodes(otherInsurer)).toEqual(['FORBIDDEN']);
    expect(errorCodes(byCf)).toEqual(['FORBIDDEN']);
    expect(reopened.monitoringSubmission).toMatchObject({ status: 'SUBMITTED' });
    expect(reopened.monitoringSubmission.history.at(-1)).toMatchObject({ kind: 'REOPENED', reason: 'GRZ registrations corrected by the function', actorCode: g.lead.uzovi });
    expect(after).toMatchObject({ outcome: 'APPLIED', updated: 1 });
    const now = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ... on MonitoringSubmission { status version history { kind } } } }`, { id: g.submissionId }, { token: g.cfToken }));
    expect(now.node).toMatchObject({ status: 'DRAFT', version: 2 });
    expect(now.node.history.at(-1).kind).toBe('RETURNED_TO_DRAFT');
    await app.flushAudit();
    const audit = await app.orm.em.fork().find(AuditEvent, { operation: 'monitoringSubmissionReopen', objectIds: { $contains: [g.submissionId] } });
    expect(audit.map((e) => [e.outcome, e.organisationCode]).sort()).toEqual([
      ['DENIED', g.cf.agb],
      ['DENIED', g.follower.uzovi],
      ['SUCCESS', g.lead.uzovi],
    ]);
  });

  it('an upload with submit: true submits created and changed submissions at once', async () => {
    const set = await app.monitoring.purchasedFunction(2024);
    const token = await app.tokenFor({ role: 'PROVIDER_ADMIN', provider: set.cf });
    await upload(app, csv([`${set.cf.agb};2024;H1;GRZ;10;8;1`, `${set.cf.agb};2024;H2;GRZ;12;8;1`]), { token, input: { submit: true } });
    const data = dataOf(await app.gql(`{ monitoringSubmissions(filter: { coordinationFunctionAgb: "${set.cf.agb}" }) { nodes { period status history { kind } } } }`, {}, { token }));
    expect(data.monitoringSubmissions.nodes.map((n: any) => [n.period, n.status, n.history.map((h: any) => h.kind)])).toEqual([
      ['H1', 'SUBMITTED', ['SUBMITTED']],
      ['H2', 'SUBMITTED', ['SUBMITTED']],
    ]);
  });

  it('logs a READ audit entry for every submission read', async () => {
    const g = await given();
    await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: g.submissionId }, { token: g.leadToken });
    await app.flushAudit();
    const reads = await app.orm.em.fork().find(AuditEvent, { kind: 'READ', objectIds: { $contains: [g.submissionId] } } as any);
    expect(reads.map((e) => [e.operation, e.organisationCode])).toEqual(
      expect.arrayContaining([
        ['monitoringSubmissions', g.cf.agb],
        ['node', g.lead.uzovi],
      ]),
    );
    expect(reads.every((e) => e.ownerProviderIds.includes(g.cf.id))).toBe(true);
  });
});
