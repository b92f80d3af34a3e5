import { CliFailure, endpointFrom, EXIT, ExchangeClient, usageError } from './client';
import { Output, Parsed, RemoteCommand, requiredString, table, year } from './args';
import { fileSizeOf, progress } from './zn';

const PROBLEMS_SHOWN = 20;

interface Compliance {
  obligation: string;
  status: string;
  reason: string;
}

interface UploadPayload {
  dryRun: boolean;
  written: boolean;
  rowCount: number;
  problems: { row: number | null; column: string | null; code: string; message: string }[];
  compliance: Compliance[];
  report: { id: string; version: number; answeredAt: string } | null;
}

interface Report {
  id: string;
  provider: { agb: string; name: string };
  year: number;
  version: number;
  answeredBy: string;
  answeredAt: string;
  demo: boolean;
  answers: { code: string; value: string }[];
  compliance: Compliance[];
  co2Scope1Tonnes: string | null;
  co2Scope2Tonnes: string | null;
  co2Scope3Tonnes: string | null;
}

const UPLOAD = `mutation($input: SustainabilityAnswerUploadInput!) { sustainabilityAnswerUpload(input: $input) {
  dryRun written rowCount problems { row column code message } compliance { obligation status reason } report { id version answeredAt } } }`;
const REPORT = `query($providerAgb: String!, $year: Int!) { sustainabilityReport(providerAgb: $providerAgb, year: $year) {
  id provider { agb name } year version answeredBy answeredAt demo answers { code value } compliance { obligation status reason }
  co2Scope1Tonnes co2Scope2Tonnes co2Scope3Tonnes } }`;

/** --provider, an 8-digit AGB code (the mutation's and the query's providerAgb). */
function providerAgb(values: Parsed['values']): string {
  const agb = requiredString(values, 'provider', 'an 8-digit AGB code');
  if (!/^\d{8}$/.test(agb)) throw usageError(`--provider must be an 8-digit AGB code; got "${agb}"`);
  return agb;
}

function complianceTable(out: Output, compliance: Compliance[]): void {
  table(out, ['obligation', 'status', 'reason'], compliance.map((c) => [c.obligation, c.status, c.reason]));
}

const upload: RemoteCommand = {
  positionals: '<file>',
  summary:
    "Upload a provider's answers to a year's sustainability request as a CSV or XLSX file (columns code and value), and print the summary: the compliance they give, or every problem. Any problem writes nothing.",
  options: {
    provider: { type: 'string', help: '<AGB>  the provider answering (yours)' },
    year: { type: 'string', help: '<YYYY>  the reporting year of the request' },
    'dry-run': { type: 'boolean', help: 'check everything and report the compliance, writing nothing' },
  },
  run: async ({ values, positionals }, out, env) => {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw usageError('give exactly one file to upload');
    const agb = providerAgb(values);
    const reportingYear = year(values, true)!;
    const size = fileSizeOf(file);
    const client = new ExchangeClient(endpointFrom(env));
    const bar = progress(out, size);
    const data = await client
      .requestWithFile<{ sustainabilityAnswerUpload: UploadPayload }>(
        UPLOAD,
        { input: { file: null, providerAgb: agb, year: reportingYear, dryRun: values['dry-run'] === true } },
        'variables.input.file',
        { path: file, size },
        bar.add,
      )
      .finally(bar.done);
    const payload = data.sustainabilityAnswerUpload;
    const summary = { outcome: payload.problems.length > 0 ? 'REJECTED' : 'APPLIED', ...payload };
    printSummary(out, summary);
    if (summary.outcome === 'REJECTED') throw new CliFailure(`the file was rejected: ${payload.problems.length} problems`, EXIT.FAILED, 'REJECTED');
  },
};

function printSummary(out: Output, s: UploadPayload & { outcome: string }): void {
  if (out.json) return out.out(JSON.stringify({ summary: s }));
  out.out(`${s.dryRun ? 'dry run: ' : ''}${s.outcome}`);
  table(out, ['rows read', 'written', 'version', 'problems'], [[s.rowCount, s.written ? 'yes' : 'no', s.report?.version, s.problems.length]]);
  if (s.compliance.length > 0) {
    out.out('');
    complianceTable(out, s.compliance);
  }
  if (s.problems.length === 0) return;
  out.out('');
  table(out, ['row', 'column', 'code', 'message'], s.problems.slice(0, PROBLEMS_SHOWN).map((p) => [p.row, p.column, p.code, p.message]));
  if (s.problems.length > PROBLEMS_SHOWN) out.out(`(${s.problems.length - PROBLEMS_SHOWN} more problems not shown: --json lists all ${s.problems.length})`);
}

const report: RemoteCommand = {
  summary: "A provider's sustainability answers of a year with the compliance derived from them: the provider's token, or an insurer's that purchases from it that year.",
  options: {
    provider: { type: 'string', help: '<AGB>  the provider' },
    year: { type: 'string', help: '<YYYY>  the reporting year' },
  },
  run: async ({ values }, out, env) => {
    const agb = providerAgb(values);
    const reportingYear = year(values, true)!;
    const client = new ExchangeClient(endpointFrom(env));
    const found = (await client.request<{ sustainabilityReport: Report | null }>(REPORT, { providerAgb: agb, year: reportingYear })).sustainabilityReport;
    // The API answers null alike for a report that does not exist and one you may not read.
    if (!found) throw new CliFailure(`no sustainability report of ${agb} for ${reportingYear} that you may read (not answered yet, or not yours)`, EXIT.FAILED, 'NOT_FOUND');
    if (out.json) return out.out(JSON.stringify({ report: found }));
    out.out(`sustainability report ${found.provider.agb} ${found.year}, version ${found.version}, answered ${found.answeredAt.slice(0, 10)} by ${found.answeredBy}${found.demo ? ' (DEMO)' : ''}`);
    out.out(`provider: ${found.provider.name}`);
    out.out('');
    table(out, ['code', 'value'], found.answers.map((a) => [a.code, a.value]));
    out.out('');
    complianceTable(out, found.compliance);
  },
};

export const SUSTAINABILITY_COMMANDS: Record<string, RemoteCommand> = { 'sustainability upload': upload, 'sustainability report': report };
