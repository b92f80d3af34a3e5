import type { EntityManager } from '@mikro-orm/postgresql';
import { PROVIDERS } from '../provider/provider.seed';
import { Provider, ProviderKind } from '../provider/provider.entity';
import { Region } from '../region/region.entity';
import { CoordinationSignatory, ProviderElvBeds } from './checklist/checklist.entities';
import { SYSTEM_PRINCIPAL } from '../auth/principal';
import { loadMonitoringConfig } from './monitoring.config';
import { FileFormat, ImportChannel, ImportOutcome, SubmissionEventKind, SubmissionStatus } from './monitoring.enums';
import { BulkErrorPolicy } from '../shared/bulk-error-policy';
import { ZN_STAY_TYPES } from './zn/zn-format';
import { importZnFile } from './upload/import.pipeline';
import { MonitoringSubmission } from './submission/submission.entity';
import { MonitoringSubmissionEvent } from './submission/submission-event.entity';
import { OrganisationKindEnum } from '../auth/api-token.entity';

/** The ELV beds of the demo ELV providers (provider.seed.ts), behind the 85% coverage rule of seed 002. */
export async function seedElvBeds(em: EntityManager): Promise<void> {
  const withBeds = PROVIDERS.filter((p) => p.elvBeds !== undefined);
  const providers = new Map((await em.find(Provider, { agb: { $in: withBeds.map((p) => p.agb) } })).map((p) => [p.agb, p]));
  for (const seed of withBeds) {
    const provider = providers.get(seed.agb);
    if (provider) em.create(ProviderElvBeds, { provider, beds: seed.elvBeds! });
  }
  await em.flush();
}

const DEMO_SUBJECT = 'seed (DEMO)';
const DEMO_HEADER =
  'agb_code;verslagjaar;periode;type_verblijf;aanmeldingen;instroom;niet_plaatsbaar;afgebogen_eerste_lijn;besparing_eur;' +
  'benodigde_capaciteit_bedden;uitstroom_na_opname;gemiddelde_ligduur_dagen';

/**
 * DEMO: the figures of the demo coordination functions as the ZN files they would send: 2022 and 2023 per half
 * year, 2024 and 2025 per year (the cadence from 2024), through the real import pipeline, as the platform itself
 * (like `zn upload` without --as). Up to 2024 they are submitted for review; 2025 is still a draft. The figures
 * are invented and drift a little each year; one function's GRZ registrations double in 2025, so the 2025 import
 * summary shows OUTLIER warnings.
 */
export async function seedMonitoringDemo(em: EntityManager): Promise<void> {
  const functions = PROVIDERS.filter((p) => p.kind === 'COORDINATION_FUNCTION');
  const periods: [number, string][] = [[2022, 'H1'], [2022, 'H2'], [2023, 'H1'], [2023, 'H2'], [2024, 'JAAR'], [2025, 'JAAR']];
  const row = (agb: string, index: number, year: number, period: string, stay: number, type: string) => {
    const scale = period === 'JAAR' ? 2 : 1;
    const doubled = index === 0 && year === 2025 && type === 'GRZ' ? 2 : 1;
    const registrations = (40 + 9 * index + 7 * stay + 3 * (year - 2022)) * scale * doubled;
    const inflow = Math.floor(registrations * 0.8);
    const deflected = 1 + ((index + stay) % 4) * scale;
    return [agb, year, period, type, registrations, inflow, (index + stay) % 3, deflected, `${deflected * 1150},50`, 4 + stay + index, Math.floor(inflow * 0.7), `${14 + stay},${index % 10}`].join(';');
  };
  const file = (years: (y: number) => boolean) =>
    [
      DEMO_HEADER,
      ...functions.flatMap((f, index) =>
        periods.filter(([year]) => years(year)).flatMap(([year, period]) => ZN_STAY_TYPES.map((type, stay) => row(f.agb, index, year, period, stay, type))),
      ),
    ].join('\r\n') + '\r\n';
  const ctx = { em, principal: { ...SYSTEM_PRINCIPAL, subject: DEMO_SUBJECT }, config: { monitoring: loadMonitoringConfig({}) } };
  for (const [name, years] of [
    ['demo-monitoring-2022-2024.csv', (y: number) => y <= 2024],
    ['demo-monitoring-2025.csv', (y: number) => y === 2025],
  ] as const) {
    const outcome = await importZnFile(
      ctx,
      { input: [Buffer.from(file(years), 'utf8')], filename: name, format: FileFormat.CSV, channel: ImportChannel.CLI },
      { dryRun: false, errorPolicy: BulkErrorPolicy.ALL_OR_NOTHING, submit: false, idempotencyKey: null },
    );
    const summary = outcome.result?.summary;
    if (summary?.outcome !== ImportOutcome.APPLIED) {
      throw new Error(`the demo monitoring file ${name} was not applied: ${JSON.stringify(summary?.problems.slice(0, 3) ?? outcome.userErrors)}`);
    }
  }
  await submitDemoYears(em, functions.map((f) => f.agb));
}

/**
 * DEMO: the years up to 2024 are submitted on the dates the functions would have sent them, not at start-up (which
 * would make every one LATE against its deadline of 31 March of the next year): each function in the first half of
 * February, except the last one, which sends its figures on 15 April, so the completeness view shows ON_TIME and
 * LATE. The submission event carries the same date, so the history agrees with submittedAt.
 */
async function submitDemoYears(em: EntityManager, agbs: readonly string[]): Promise<void> {
  const submissions = await em.find(MonitoringSubmission, { year: { $lte: 2024 }, provider: { agb: { $in: [...agbs] } } }, { populate: ['provider'] });
  for (const submission of submissions) {
    const index = agbs.indexOf(submission.provider.getEntity().agb);
    const day = index === agbs.length - 1 ? `${submission.year + 1}-04-15` : `${submission.year + 1}-02-${String(3 + index).padStart(2, '0')}`;
    const at = new Date(`${day}T10:00:00+01:00`);
    submission.status = SubmissionStatus.SUBMITTED;
    submission.submittedAt = at;
    em.create(MonitoringSubmissionEvent, {
      submission,
      kind: SubmissionEventKind.SUBMITTED,
      fromStatus: SubmissionStatus.DRAFT,
      toStatus: SubmissionStatus.SUBMITTED,
      version: submission.version,
      actorKind: OrganisationKindEnum.OPERATOR,
      actorCode: SYSTEM_PRINCIPAL.organisationCode,
      actorSubject: DEMO_SUBJECT,
      reason: 'DEMO: submitted on the date the figures were sent',
      occurredAt: at,
    });
  }
  await em.flush();
}

/** DEMO: GP organisations (invented names and codes) that sign the regional agreements of two demo coordination functions. */
const DEMO_GP_ORGANISATIONS = [
  { agb: '01010901', kvk: '76000901', name: 'Huisartsenorganisatie Stad Utrecht (DEMO)', regionCode: '09' },
  { agb: '01011301', kvk: '76001301', name: 'Huisartsenkring Amstelland (DEMO)', regionCode: '13' },
];

/**
 * DEMO: who signed the 2024 regional agreements of condition 4 (seed 002, Bijlage 1). Utrecht: every ELV provider
 * (100 of 100 beds), the hospital and the GP organisation, so condition 4's derived part holds; Amsterdam-Amstelland:
 * two of three ELV providers (60 of 88 beds, 68.18%), so it does not.
 */
const DEMO_SIGNATORIES: { coordinationFunctionAgb: string; signatoryAgbs: string[] }[] = [
  { coordinationFunctionAgb: '03010901', signatoryAgbs: ['07010901', '07010902', '07010903', '06010901', '01010901'] },
  { coordinationFunctionAgb: '03011301', signatoryAgbs: ['07011301', '07011302', '06011301', '01011301'] },
];

/** Seed step 'seed:coordination-signatories': the DEMO GP organisations and signatories above. */
export async function seedCoordinationSignatoriesDemo(em: EntityManager): Promise<void> {
  const regions = new Map((await em.find(Region, { code: { $in: DEMO_GP_ORGANISATIONS.map((g) => g.regionCode) } })).map((r) => [r.code, r]));
  for (const gp of DEMO_GP_ORGANISATIONS) {
    const region = regions.get(gp.regionCode);
    if (region && !(await em.findOne(Provider, { agb: gp.agb }))) {
      em.create(Provider, { agb: gp.agb, kvk: gp.kvk, name: gp.name, kind: ProviderKind.GP_ORGANISATION, region });
    }
  }
  await em.flush();
  const agbs = DEMO_SIGNATORIES.flatMap((s) => [s.coordinationFunctionAgb, ...s.signatoryAgbs]);
  const providers = new Map((await em.find(Provider, { agb: { $in: agbs } })).map((p) => [p.agb, p]));
  for (const set of DEMO_SIGNATORIES) {
    const coordinationFunction = providers.get(set.coordinationFunctionAgb);
    if (!coordinationFunction) continue;
    for (const agb of set.signatoryAgbs) {
      const signatory = providers.get(agb);
      if (signatory) em.create(CoordinationSignatory, { coordinationFunction, year: 2024, signatory, signedOn: '2023-11-01' });
    }
  }
  await em.flush();
}
