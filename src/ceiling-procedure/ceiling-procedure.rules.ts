import { CeilingProcedureKind, CeilingProcedureStatus } from './ceiling-procedure.entity';

/**
 * The deadlines of the two ceiling-threat procedures, as the seeds state them:
 *  - ZG, seed 003: "Neem uiterlijk 1 september van het lopende jaar contact met ons op wanneer uw omzetplafond van dat
 *    jaar vol dreigt te raken" and "we geven binnen 4 weken na het gesprek een reactie": the report is due on
 *    1 September of the contract year, the answer 28 days after the meeting.
 *  - MSZ, seed 004: "Een besluit over het wel of niet bijkopen van zorg wordt binnen 5 weken nadat alle gevraagde
 *    informatie is ontvangen, genomen": the decision is due 35 days after all information is in. The request itself
 *    has no date ("zo tijdig mogelijk"), so it is never late.
 * A date "within N weeks after" day D may still fall on D + 7N; the day after that it is overdue.
 */
export const ZG_ANSWER_DAYS = 28;
export const MSZ_DECISION_DAYS = 35;

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const todayIso = () => new Date().toISOString().slice(0, 10);

export interface ProcedureDates {
  kind: CeilingProcedureKind;
  year: number;
  status: CeilingProcedureStatus;
  submittedOn: string | null;
  meetingOn: string | null;
  informationCompleteOn: string | null;
  decidedOn: string | null;
}

/** ZG: 1 September of the contract year; MSZ: none. */
export function reportDueOn(p: Pick<ProcedureDates, 'kind' | 'year'>): string | null {
  return p.kind === CeilingProcedureKind.ZG_THREAT_REPORT ? `${p.year}-09-01` : null;
}

/** ZG: 4 weeks after the meeting; MSZ: 5 weeks after all information is in; null until that date is known. */
export function answerDueOn(p: ProcedureDates): string | null {
  if (p.kind === CeilingProcedureKind.ZG_THREAT_REPORT) return p.meetingOn === null ? null : addDays(p.meetingOn, ZG_ANSWER_DAYS);
  return p.informationCompleteOn === null ? null : addDays(p.informationCompleteOn, MSZ_DECISION_DAYS);
}

/** A ZG report submitted after 1 September, or still not submitted on a later date. */
export function reportLate(p: ProcedureDates, asOf: string): boolean {
  const due = reportDueOn(p);
  if (due === null) return false;
  return p.submittedOn !== null ? p.submittedOn > due : asOf > due;
}

/** The answer is past its due date on `asOf` and not given yet. */
export function answerOverdue(p: ProcedureDates, asOf: string): boolean {
  const due = answerDueOn(p);
  return due !== null && p.status !== CeilingProcedureStatus.DECIDED && asOf > due;
}

/** The answer was given after its due date. */
export function answeredLate(p: ProcedureDates): boolean {
  const due = answerDueOn(p);
  return due !== null && p.decidedOn !== null && p.decidedOn > due;
}
