/**
 * Dutch first (the users' language), English on request; the choice is kept in localStorage (it is no secret).
 * Each text is written as tr(dutch, english) where it is used, so the two can never drift apart by key.
 */
export type Lang = 'nl' | 'en';
const LANG_KEY = 'zix.lang';

export let lang: Lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nl';

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
}

export const tr = (nl: string, en: string): string => (lang === 'en' ? en : nl);

const locale = () => (lang === 'en' ? 'en-GB' : 'nl-NL');

/** A decimal string from the API (never a float on the wire) shown with the locale's separators. */
export function num(value: string | number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') return '–';
  return Number(value).toLocaleString(locale(), { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

export function money(value: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString(locale(), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '–';
  return new Date(value).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export const STATUS_LABEL: Record<string, [string, string]> = {
  MET: ['Behaald', 'Met'],
  ON_TRACK: ['Op koers', 'On track'],
  AT_RISK: ['Risico', 'At risk'],
  NOT_MET: ['Niet behaald', 'Not met'],
  NO_DATA: ['Geen gegevens', 'No data'],
  OK: ['In orde', 'OK'],
  NEAR: ['75% bereikt', '75% reached'],
  THREATENED: ['Dreigende overschrijding', 'Projected overrun'],
  EXCEEDED: ['Overschreden', 'Exceeded'],
  DRAFT: ['Concept', 'Draft'],
  SUBMITTED: ['Ingediend', 'Submitted'],
  ACCEPTED: ['Geaccepteerd', 'Accepted'],
  REJECTED: ['Afgewezen', 'Rejected'],
  ON_TIME: ['Op tijd', 'On time'],
  LATE: ['Te laat', 'Late'],
  NOT_SUBMITTED: ['Niet aangeleverd', 'Not submitted'],
  APPLIED: ['toegepast', 'applied'],
  UNCHANGED: ['ongewijzigd', 'unchanged'],
};

export const label = (code: string | null | undefined): string => {
  if (!code) return '–';
  const pair = STATUS_LABEL[code];
  return pair ? tr(pair[0], pair[1]) : code;
};
