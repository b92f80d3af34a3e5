import fs from 'node:fs';
import { endpointFrom, ExchangeClient, usageError } from './client';
import { Output, RemoteCommand, requiredString, table, year } from './args';

interface AlertRow {
  ceilingUse: { status: string | null; ceilingAmount: string | null; realisedAmount: string; utilisationPercent: string | null; projectedAmount: string | null; year: number };
  contract: { id: string; termStart: string; termEnd: string; insurer: { uzovi: string }; provider: { agb: string }; segment: { code: string } };
}

const alerts: RemoteCommand = {
  summary: "Ceiling alerts (NEAR, THREATENED, EXCEEDED) of your own contracts: an insurer's or a provider's token.",
  options: { year: { type: 'string', help: '<YYYY>  the contract year (this year when omitted)' } },
  run: async ({ values }, out, env) => {
    const contractYear = year(values, false);
    const client = new ExchangeClient(endpointFrom(env));
    const data = await client.request<{ contractAlerts: { nodes: AlertRow[]; pageInfo: { hasNextPage: boolean } } }>(
      `query($year: Int) { contractAlerts(year: $year, first: 100) {
        nodes { ceilingUse { status ceilingAmount realisedAmount utilisationPercent projectedAmount year }
                contract { id termStart termEnd insurer { uzovi } provider { agb } segment { code } } }
        pageInfo { hasNextPage } } }`,
      { year: contractYear },
    );
    const rows = data.contractAlerts.nodes;
    if (out.json) return out.out(JSON.stringify({ alerts: rows, more: data.contractAlerts.pageInfo.hasNextPage }));
    out.out(`ceiling alerts ${contractYear ?? 'this year'}: ${rows.length === 0 ? 'none' : rows.length}`);
    if (rows.length > 0) {
      table(
        out,
        ['status', 'insurer', 'provider', 'segment', 'term', 'ceiling', 'realised', 'used', 'projected'],
        rows.map(({ ceilingUse: u, contract: c }) => [
          u.status,
          c.insurer.uzovi,
          c.provider.agb,
          c.segment.code,
          `${c.termStart}..${c.termEnd}`,
          u.ceilingAmount,
          u.realisedAmount,
          u.utilisationPercent === null ? null : `${u.utilisationPercent}%`,
          u.projectedAmount,
        ]),
      );
    }
    if (data.contractAlerts.pageInfo.hasNextPage) out.out('(first 100 shown)');
  },
};

/** Writes a document to --out, or to stdout when there is none. */
export function writeOutput(out: Output, target: string | undefined, content: Buffer | string, describe: string): void {
  if (!target) {
    out.out(typeof content === 'string' ? content : content.toString('utf8'));
    return;
  }
  fs.writeFileSync(target, content);
  if (out.json) out.out(JSON.stringify({ written: target, bytes: Buffer.byteLength(content), description: describe }));
  else out.out(`wrote ${target}: ${describe}`);
}

const kpiExport: RemoteCommand = {
  summary: "A provider's KPI results of a year as a FHIR R4 Bundle of MeasureReports (JSON).",
  options: {
    provider: { type: 'string', help: '<AGB>  the provider' },
    year: { type: 'string', help: '<YYYY>  the year' },
    kpi: { type: 'string', help: '<code>  only this KPI' },
    out: { type: 'string', help: '<file>  write the bundle here (stdout when omitted)' },
  },
  run: async ({ values }, out, env) => {
    const agb = requiredString(values, 'provider', 'an 8-digit AGB code');
    if (!/^\d{8}$/.test(agb)) throw usageError(`--provider must be an 8-digit AGB code; got "${agb}"`);
    const exportYear = year(values, true);
    const client = new ExchangeClient(endpointFrom(env));
    const data = await client.request<{ kpiMeasureReports: { bundle: Record<string, unknown>; reportCount: number; skipped: string[] } }>(
      'query($agb: String!, $year: Int!, $kpi: String) { kpiMeasureReports(providerAgb: $agb, year: $year, kpiCode: $kpi) { bundle reportCount skipped } }',
      { agb, year: exportYear, kpi: typeof values.kpi === 'string' ? values.kpi : null },
    );
    const result = data.kpiMeasureReports;
    const target = typeof values.out === 'string' ? values.out : undefined;
    if (!target && out.json) return out.out(JSON.stringify(result));
    writeOutput(out, target, `${JSON.stringify(result.bundle, null, 2)}\n`, `${result.reportCount} MeasureReports${result.skipped.length ? `, ${result.skipped.length} periods skipped` : ''}`);
    if (!out.json) for (const reason of result.skipped) out.err(`skipped: ${reason}\n`);
  },
};

export const REPORT_COMMANDS: Record<string, RemoteCommand> = { 'contract alerts': alerts, 'kpi export': kpiExport };
