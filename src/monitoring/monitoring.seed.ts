import type { EntityManager } from '@mikro-orm/postgresql';
import { PROVIDERS } from '../db/seed-data';
import { Provider } from '../provider/provider.entity';
import { ProviderElvBeds } from './checklist.entities';
import { SYSTEM_PRINCIPAL } from '../auth/principal';
import { loadMonitoringConfig } from './monitoring.config';
import { ErrorPolicy, FileFormat, ImportChannel, ImportOutcome } from './monitoring.enums';
import { ZN_STAY_TYPES } from './zn/zn-format';
import { importZnFile } from './import/import.pipeline';

/** The ELV beds of the demo ELV providers (seed-data.ts), behind the 85% coverage rule of seed 002. */
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
  for (const [name, years, submit] of [
    ['demo-monitoring-2022-2024.csv', (y: number) => y <= 2024, true],
    ['demo-monitoring-2025.csv', (y: number) => y === 2025, false],
  ] as const) {
    const outcome = await importZnFile(
      ctx,
      { input: [Buffer.from(file(years), 'utf8')], filename: name, format: FileFormat.CSV, channel: ImportChannel.CLI },
      { dryRun: false, errorPolicy: ErrorPolicy.REJECT_EVERYTHING, submit, idempotencyKey: null },
    );
    const summary = outcome.result?.summary;
    if (summary?.outcome !== ImportOutcome.APPLIED) {
      throw new Error(`the demo monitoring file ${name} was not applied: ${JSON.stringify(summary?.problems.slice(0, 3) ?? outcome.userErrors)}`);
    }
  }
}
