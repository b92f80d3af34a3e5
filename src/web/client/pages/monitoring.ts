import { h, replace } from '../dom';
import { gql, gqlUpload } from '../api';
import { dateTime, label, num, tr } from '../i18n';
import { badge, field, notice, reasonDialog, select, table } from '../ui';
import type { Viewer } from '../main';

const UPLOAD = `mutation Upload($input: MonitoringUploadInput!) {
  monitoringUpload(input: $input) {
    summary { outcome dryRun filename rowsRead created updated unchanged rejected submissionsCreated submissionsUpdated
      errorCount warningCount problemsTruncated problems { row column code severity message } }
    userErrors { code message }
  }
}`;

const SUBMISSIONS = `query Submissions($year: Int) {
  monitoringSubmissions(first: 50, filter: { year: $year }) { nodes { id year period status version submittedAt reviewedAt rejectionReason viewerMayReview viewerMayReopen viewerMaySubmit
    coordinationFunction { agb name }
    versions { version createdAt createdBy }
    history { kind fromStatus toStatus occurredAt actorCode reason } } }
}`;

const COMPLETENESS = `query Completeness($year: Int!) {
  monitoringCompleteness(year: $year) { year deadlinePassed onTime late notSubmitted deadline { dueOn }
    regions { region { code name } coordinationFunctions { coordinationFunction { agb name } state deliveredAt periods } } }
}`;

const CHECKLIST = `query Checklist($agb: String!, $year: Int!) {
  coordinationChecklist(coordinationFunctionAgb: $agb, year: $year) { year allMet coordinationFunction { name agb }
    conditions { number text met evidenceDate evidenceNote recordedBy { name } }
    elvBedCoverage { percent signedBeds totalBeds meetsMinimum meetsPreferred } }
}`;

const REVIEW: Record<string, string> = {
  accept: `mutation($input: MonitoringSubmissionAcceptInput!) { r: monitoringSubmissionAccept(input: $input) { monitoringSubmission { id status } userErrors { message } } }`,
  reject: `mutation($input: MonitoringSubmissionRejectInput!) { r: monitoringSubmissionReject(input: $input) { monitoringSubmission { id status } userErrors { message } } }`,
  reopen: `mutation($input: MonitoringSubmissionReopenInput!) { r: monitoringSubmissionReopen(input: $input) { monitoringSubmission { id status } userErrors { message } } }`,
  submit: `mutation($input: MonitoringSubmissionSubmitInput!) { r: monitoringSubmissionSubmit(input: $input) { monitoringSubmission { id status } userErrors { message } } }`,
};

interface Problem { row: number | null; column: string | null; code: string; severity: string; message: string }
interface Summary { outcome: string; dryRun: boolean; filename: string | null; rowsRead: number; created: number; updated: number; unchanged: number; rejected: number; submissionsCreated: number; submissionsUpdated: number; errorCount: number; warningCount: number; problemsTruncated: boolean; problems: Problem[] }
interface Submission { id: string; year: number; period: string; status: string; version: number; submittedAt: string | null; reviewedAt: string | null; rejectionReason: string | null; viewerMayReview: boolean; viewerMayReopen: boolean; viewerMaySubmit: boolean; coordinationFunction: { agb: string; name: string }; versions: { version: number; createdAt: string; createdBy: string }[]; history: { kind: string; fromStatus: string; toStatus: string; occurredAt: string; actorCode: string; reason: string | null }[] }

let year = 2024;

export async function monitoringPage(main: HTMLElement, viewer: Viewer): Promise<void> {
  const yearInput = h('input', { type: 'number', name: 'year', min: 2000, max: 2100, value: year, required: true });
  const uploadSection = h('section', { class: 'card', 'aria-labelledby': 'upload-h' });
  const submissionsSection = h('section', { 'aria-labelledby': 'subs-h' });
  const completenessSection = h('section', { 'aria-labelledby': 'compl-h' });
  const checklistSection = h('section', { 'aria-labelledby': 'check-h' });
  const form = h('form', { class: 'card filters', onsubmit: (e: Event) => { e.preventDefault(); year = Number(yearInput.value); void refresh(); } }, field(tr('Verslagjaar', 'Reporting year'), yearInput), h('div', { class: 'field' }, h('button', { type: 'submit' }, tr('Toon', 'Show'))));
  const coordination = viewer.mayUploadMonitoring;
  replace(main, h('h1', {}, tr('Monitoring coördinatiefuncties', 'Coordination-function monitoring')), form, coordination ? uploadSection : null, submissionsSection, completenessSection, checklistSection);
  if (coordination) renderUpload(uploadSection, () => void refresh());

  async function refresh(): Promise<void> {
    await Promise.all([renderSubmissions(submissionsSection, refresh), renderCompleteness(completenessSection), renderChecklist(checklistSection, viewer)]);
  }
  await refresh();
}

function renderUpload(section: HTMLElement, applied: () => void): void {
  const fileInput = h('input', { type: 'file', id: 'zn-file', accept: '.csv,.xlsx,text/csv', class: 'visually-hidden' });
  const result = h('div', { 'aria-live': 'polite' });
  const drop = h(
    'div',
    { class: 'dropzone', 'data-testid': 'dropzone' },
    h('p', {}, tr('Sleep een ZN-bestand (CSV of XLSX) hierheen, of ', 'Drag a ZN file (CSV or XLSX) here, or ')),
    // The input takes the keyboard focus; its label, right after it, is what shows the focus and takes the click.
    fileInput,
    h('label', { for: 'zn-file', class: 'button secondary' }, tr('kies een bestand', 'choose a file')),
  );
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file) void dryRun(file);
  });
  fileInput.addEventListener('change', () => { if (fileInput.files?.[0]) void dryRun(fileInput.files[0]); });
  replace(section, h('h2', { id: 'upload-h' }, tr('Jaarbestand aanleveren', 'Deliver the yearly file')), drop, result);

  async function dryRun(file: File): Promise<void> {
    replace(result, notice(tr(`Proefimport van ${file.name}…`, `Dry run of ${file.name}…`)));
    try {
      const payload = (await gqlUpload<{ monitoringUpload: { summary: Summary | null; userErrors: { message: string }[] } }>(UPLOAD, { dryRun: true }, file)).monitoringUpload;
      if (!payload.summary) return replace(result, notice(payload.userErrors.map((u) => u.message).join(' '), 'error'));
      showSummary(file, payload.summary);
    } catch (error) {
      replace(result, notice((error as Error).message, 'error'));
    }
  }

  function showSummary(file: File, summary: Summary): void {
    const blocked = summary.errorCount > 0;
    const apply = h('button', { type: 'button', disabled: blocked, 'aria-describedby': blocked ? 'apply-why' : null, onclick: () => void commit() }, tr('Toepassen', 'Apply'));
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => { fileInput.value = ''; replace(result, notice(tr('Geannuleerd: er is niets opgeslagen.', 'Cancelled: nothing was stored.'))); } }, tr('Annuleren', 'Cancel'));
    replace(
      result,
      h('h3', {}, tr(`Proefimport: ${file.name}`, `Dry run: ${file.name}`)),
      h('dl', { class: 'figures', 'data-testid': 'summary' },
        ([['rowsRead', tr('Rijen gelezen', 'Rows read')], ['created', tr('Nieuw', 'New')], ['updated', tr('Gewijzigd', 'Updated')], ['unchanged', tr('Ongewijzigd', 'Unchanged')], ['rejected', tr('Geweigerd', 'Rejected')], ['errorCount', tr('Fouten', 'Errors')], ['warningCount', tr('Waarschuwingen', 'Warnings')]] as const).map(([key, text]) =>
          h('div', {}, h('dt', {}, text), h('dd', { 'data-key': key }, String(summary[key])))),
      ),
      summary.problems.length ? problemsTable(summary) : null,
      blocked ? notice(tr('Het bestand heeft fouten: herstel ze en sleep het opnieuw hierheen. Er is niets opgeslagen.', 'The file has errors: fix them and drop it here again. Nothing was stored.'), 'error', { id: 'apply-why' }) : null,
      h('div', { class: 'actions' }, apply, cancel),
    );
    async function commit(): Promise<void> {
      try {
        const payload = (await gqlUpload<{ monitoringUpload: { summary: Summary | null; userErrors: { message: string }[] } }>(UPLOAD, { dryRun: false }, file)).monitoringUpload;
        const s = payload.summary;
        replace(result, s ? notice(tr(`Verwerkt (${label(s.outcome)}): ${s.created} nieuw, ${s.updated} gewijzigd, ${s.unchanged} ongewijzigd.`, `Processed (${label(s.outcome)}): ${s.created} new, ${s.updated} updated, ${s.unchanged} unchanged.`), 'info', { 'data-testid': 'applied' }) : notice(payload.userErrors.map((u) => u.message).join(' '), 'error'));
        applied();
      } catch (error) {
        replace(result, notice((error as Error).message, 'error'));
      }
    }
  }
}

function problemsTable(summary: Summary): HTMLElement {
  const text = h('input', { type: 'search', name: 'problem-filter' });
  const severity = select('severity', [['', tr('Alle', 'All')], ['ERROR', tr('Fouten', 'Errors')], ['WARNING', tr('Waarschuwingen', 'Warnings')]], '');
  const holder = h('div');
  const draw = () => {
    const q = text.value.trim().toLowerCase();
    const rows = summary.problems.filter((p) => (!severity.value || p.severity === severity.value) && (!q || `${p.row ?? ''} ${p.column ?? ''} ${p.code} ${p.message}`.toLowerCase().includes(q)));
    replace(holder, table(tr(`Problemen (${rows.length} van ${summary.problems.length}${summary.problemsTruncated ? ', lijst ingekort' : ''})`, `Problems (${rows.length} of ${summary.problems.length}${summary.problemsTruncated ? ', list truncated' : ''})`), [tr('Rij', 'Row'), tr('Kolom', 'Column'), 'Code', tr('Ernst', 'Severity'), tr('Melding', 'Message')], rows.map((p) => [p.row === null ? '–' : String(p.row), p.column ?? '–', p.code, p.severity, p.message]), { 'data-testid': 'problems' }));
  };
  text.addEventListener('input', draw);
  severity.addEventListener('change', draw);
  draw();
  return h('div', { class: 'problems' }, h('div', { class: 'filters inline' }, field(tr('Zoek in problemen', 'Filter problems'), text), field(tr('Ernst', 'Severity'), severity)), holder);
}

async function renderSubmissions(section: HTMLElement, refresh: () => Promise<void>): Promise<void> {
  try {
    const subs = (await gql<{ monitoringSubmissions: { nodes: Submission[] } }>(SUBMISSIONS, { year })).monitoringSubmissions.nodes;
    // Who may take a step is the API's answer per submission (the rule the mutations check), never decided here: the
    // coordination function submits, and only the preferred insurer of its region and year accepts, rejects and
    // reopens (seed 002).
    const act = async (kind: string, s: Submission, reasonTitle: string | null, confirm = '') => {
      let reason: string | null = null;
      if (reasonTitle) {
        reason = await reasonDialog(reasonTitle, confirm);
        if (!reason) return;
      }
      try {
        const result = (await gql<{ r: { userErrors: { message: string }[] } }>(REVIEW[kind], { input: reason ? { id: s.id, reason } : { id: s.id } })).r;
        if (result.userErrors.length) alert(result.userErrors.map((u) => u.message).join('\n'));
      } catch (error) {
        alert((error as Error).message);
      }
      await refresh();
    };
    const who = (s: Submission) => `${s.coordinationFunction.name} ${s.year} ${s.period}`;
    const actions = (s: Submission) => [
      s.viewerMayReview && s.status === 'SUBMITTED' ? h('button', { type: 'button', 'data-action': 'accept', onclick: () => void act('accept', s, null) }, tr('Accepteren', 'Accept')) : null,
      s.viewerMayReview && s.status === 'SUBMITTED'
        ? h('button', { type: 'button', class: 'secondary', 'data-action': 'reject', onclick: () => void act('reject', s, tr(`Afwijzen: ${who(s)}`, `Reject: ${who(s)}`), tr('Afwijzen', 'Reject')) }, tr('Afwijzen', 'Reject'))
        : null,
      s.viewerMayReopen && s.status === 'ACCEPTED'
        ? h('button', { type: 'button', class: 'secondary', 'data-action': 'reopen', onclick: () => void act('reopen', s, tr(`Heropenen: ${who(s)}`, `Reopen: ${who(s)}`), tr('Heropenen', 'Reopen')) }, tr('Heropenen', 'Reopen'))
        : null,
      s.viewerMaySubmit && (s.status === 'DRAFT' || s.status === 'REJECTED') ? h('button', { type: 'button', 'data-action': 'submit', onclick: () => void act('submit', s, null) }, tr('Indienen', 'Submit')) : null,
    ];
    replace(
      section,
      h('h2', { id: 'subs-h' }, tr('Aanleveringen', 'Submissions')),
      table(
        tr(`Aanleveringen ${year} (${subs.length})`, `Submissions ${year} (${subs.length})`),
        [tr('Coördinatiefunctie', 'Coordination function'), tr('Periode', 'Period'), 'Status', tr('Versie', 'Version'), tr('Versies en geschiedenis', 'Versions and history'), tr('Acties', 'Actions')],
        subs.map((s) => [
          `${s.coordinationFunction.name} (${s.coordinationFunction.agb})`,
          s.period,
          [badge(s.status), s.rejectionReason ? h('div', { class: 'help' }, s.rejectionReason) : null],
          String(s.version),
          h('details', {}, h('summary', {}, tr(`${s.versions.length} versie(s), ${s.history.length} stap(pen)`, `${s.versions.length} version(s), ${s.history.length} step(s)`)),
            h('ul', { 'data-testid': 'versions' }, s.versions.map((v) => h('li', { 'data-version': v.version }, `v${v.version} · ${dateTime(v.createdAt)} · ${v.createdBy}`))),
            h('ul', { 'data-testid': 'history' }, s.history.map((e) => h('li', { 'data-kind': e.kind }, `${dateTime(e.occurredAt)}: ${label(e.fromStatus)} → ${label(e.toStatus)} (${e.actorCode})${e.reason ? ` — ${e.reason}` : ''}`)))),
          h('div', { class: 'actions' }, actions(s)),
        ]),
        { 'data-testid': 'submissions' },
      ),
    );
  } catch (error) {
    replace(section, h('h2', { id: 'subs-h' }, tr('Aanleveringen', 'Submissions')), notice((error as Error).message, 'error'));
  }
}

async function renderCompleteness(section: HTMLElement): Promise<void> {
  try {
    const c = (await gql<{ monitoringCompleteness: { deadlinePassed: boolean; onTime: number; late: number; notSubmitted: number; deadline: { dueOn: string }; regions: { region: { code: string; name: string }; coordinationFunctions: { coordinationFunction: { agb: string; name: string }; state: string; deliveredAt: string | null; periods: string[] }[] }[] } }>(COMPLETENESS, { year })).monitoringCompleteness;
    replace(
      section,
      h('h2', { id: 'compl-h' }, tr(`Volledigheid ${year}`, `Completeness ${year}`)),
      h('p', {}, tr(`Uiterste datum ${c.deadline.dueOn}: ${c.onTime} op tijd, ${c.late} te laat, ${c.notSubmitted} niet aangeleverd.`, `Deadline ${c.deadline.dueOn}: ${c.onTime} on time, ${c.late} late, ${c.notSubmitted} not submitted.`)),
      table(
        tr('Per regio', 'Per region'),
        [tr('Regio', 'Region'), tr('Coördinatiefunctie', 'Coordination function'), 'Status', tr('Aangeleverd', 'Delivered'), tr('Perioden', 'Periods')],
        c.regions.flatMap((r) => r.coordinationFunctions.map((f) => [`${r.region.code} ${r.region.name}`, `${f.coordinationFunction.name} (${f.coordinationFunction.agb})`, badge(f.state), dateTime(f.deliveredAt), f.periods.join(', ') || '–'])),
      ),
    );
  } catch (error) {
    replace(section, h('h2', { id: 'compl-h' }, tr('Volledigheid', 'Completeness')), notice((error as Error).message, 'error'));
  }
}

async function renderChecklist(section: HTMLElement, viewer: Viewer): Promise<void> {
  const agb = h('input', { type: 'text', name: 'agb', inputmode: 'numeric', pattern: '\\d{8}', value: viewer.organisationKind === 'PROVIDER' ? viewer.organisationCode : '' });
  const out = h('div', { 'aria-live': 'polite' });
  const show = async () => {
    if (!agb.value) return replace(out);
    try {
      const list = (await gql<{ coordinationChecklist: { allMet: boolean | null; coordinationFunction: { name: string; agb: string }; conditions: { number: number; text: string; met: boolean | null; evidenceDate: string | null; evidenceNote: string | null; recordedBy: { name: string } | null }[]; elvBedCoverage: { percent: string | null; signedBeds: number; totalBeds: number; meetsMinimum: boolean } } | null }>(CHECKLIST, { agb: agb.value, year })).coordinationChecklist;
      if (!list) return replace(out, notice(tr('Geen checklist die u mag inzien.', 'No checklist you may read.')));
      const yesNo = (v: boolean | null) => (v === null ? tr('onbekend', 'unknown') : v ? tr('ja', 'yes') : tr('nee', 'no'));
      replace(
        out,
        h('p', {}, `${list.coordinationFunction.name}: ${tr('alle voorwaarden vervuld', 'all conditions met')}: ${yesNo(list.allMet)}. ${tr('ELV-bedden getekend', 'ELV beds signed')}: ${list.elvBedCoverage.signedBeds}/${list.elvBedCoverage.totalBeds} (${num(list.elvBedCoverage.percent)}%).`),
        table(tr('Voorwaarden (Bijlage 1)', 'Conditions (Bijlage 1)'), ['#', tr('Voorwaarde', 'Condition'), tr('Vervuld', 'Met'), tr('Bewijs', 'Evidence'), tr('Vastgelegd door', 'Recorded by')], list.conditions.map((x) => [String(x.number), x.text, yesNo(x.met), [x.evidenceDate ?? '', x.evidenceNote ? ` ${x.evidenceNote}` : ''].join('') || '–', x.recordedBy?.name ?? '–'])),
      );
    } catch (error) {
      replace(out, notice((error as Error).message, 'error'));
    }
  };
  replace(section, h('h2', { id: 'check-h' }, tr('Bijlage 1-checklist', 'Bijlage 1 checklist')), h('form', { class: 'filters inline', onsubmit: (e: Event) => { e.preventDefault(); void show(); } }, field(tr('AGB-code coördinatiefunctie', 'AGB code of the coordination function'), agb), h('div', { class: 'field' }, h('button', { type: 'submit' }, tr('Toon', 'Show')))), out);
  await show();
}
