import { registerEnumType } from 'type-graphql';
import { userErrorType } from '../graphql/user-error';
import { UserErrorItem } from '../core/problems';
import { KpiErrorCode, KpiIssue, RULE_ONLY_KPI_ERROR_CODES } from './rules/result';

/**
 * KpiErrorCode (rules/result.ts) as the API publishes it, under the same name: every code but the rule-only ones,
 * which the API never returns.
 */
const PUBLISHED_KPI_ERROR_CODES: Readonly<Record<string, KpiErrorCode>> = Object.freeze(
  Object.fromEntries(Object.entries(KpiErrorCode).filter(([, code]) => !RULE_ONLY_KPI_ERROR_CODES.has(code))),
);

registerEnumType(PUBLISHED_KPI_ERROR_CODES, {
  name: 'KpiErrorCode',
  description: 'Why a KPI mutation (proposal, review, target, measurement) refused an input or a row.',
  valuesConfig: {
    NEGATIVE_COUNT: { description: 'A count is below 0.' },
    ZERO_DENOMINATOR: { description: 'A share of nothing: 0 pathways in total, or no patient in any chosen population.' },
    NUMERATOR_EXCEEDS_DENOMINATOR: { description: 'More implemented than total pathways, or more telemonitored than patients.' },
    BASELINE_ZERO: { description: 'A baseline period without contacts: a reduction against it is undefined.' },
    INVALID_DECIMAL: { description: 'A value is not a decimal such as 25 or 25.50.' },
    INVALID_PERIOD: { description: 'A period is malformed: a month needs number 1-12, a quarter 1-4, a year none.' },
    BASELINE_PERIOD_NOT_BEFORE: { description: 'The baseline period does not end before the target year starts.' },
    INVALID_YEAR: { description: 'A year is outside 2000-2100.' },
    TARGET_DATE_OUTSIDE_YEAR: { description: 'The target date does not lie in the target year.' },
    YEAR_NOT_COVERED: { description: 'The KPI targets of seed 004 start with contract year 2024.' },
    UNKNOWN_POPULATION: { description: 'A telemonitoring population code is not one of the TelemonitoringPopulation values.' },
    POPULATION_DUPLICATE: { description: 'A telemonitoring population is listed twice.' },
    POPULATION_OTHER_NAME_REQUIRED: { description: 'A population OTHER needs the name of the condition.' },
    POPULATION_NAME_NOT_ALLOWED: { description: 'Only a population OTHER takes a name.' },
    POPULATION_SET_NOT_ALLOWED: { description: 'The populations are neither variant I nor variant II of seed 004.' },
    TARGET_OUT_OF_RANGE: { description: 'A target value is outside 0-100 percent (a reduction: -100 to 100).' },
    UNKNOWN_KPI: { description: 'No KPI you may use has this code.' },
    KPI_NOT_USABLE: { description: "The KPI is a hospital's own that is not approved, or belongs to another provider or insurer." },
    UNKNOWN_PROVIDER: { description: 'No provider has this AGB code.' },
    UNKNOWN_INSURER: { description: 'No insurer has this UZOVI code.' },
    PROVIDER_KIND_NOT_ELIGIBLE: { description: 'KPI targets are for hospitals and independent clinics only.' },
    NOT_CONTRACTED: { description: 'Your insurer has no signed MSZ contract with the provider in that year (the purchasing fact).' },
    DUPLICATE_TARGET: { description: 'Your insurer already has a target for this provider, KPI and year.' },
    BASELINE_REQUIRED: { description: 'The KPI is a reduction and needs a baseline period.' },
    BASELINE_NOT_ALLOWED: { description: 'The KPI is not a reduction and takes no baseline period.' },
    OVERRIDE_REASON_REQUIRED: { description: 'Setting an obligation other than the derived one needs a reason.' },
    NO_TARGET: { description: 'No target of this KPI exists for you, so there is no period to report.' },
    PERIOD_OUTSIDE_TARGET_YEAR: { description: 'The period lies outside the year of every target of the KPI and is not a baseline period.' },
    PERIOD_NOT_ENDED: { description: 'The period has not ended yet.' },
    WRONG_FIGURES: { description: 'The figures given do not fit the KPI (e.g. populations for the hybrid-pathways KPI).' },
    DUPLICATE_ROW: { description: 'Two rows of one bulk submission are for the same provider, KPI and period.' },
    TOO_MANY_ROWS: { description: 'A bulk submission holds more rows than allowed.' },
    CONCURRENT_CHANGE: { description: 'Someone else submitted the same period at the same moment; submit again.' },
    INVALID_CODE: { description: 'A KPI code must be 2-40 capitals, digits or underscores, starting with a capital.' },
    DUPLICATE_CODE: { description: 'Your organisation already proposed a KPI with this code.' },
    ALREADY_REVIEWED: { description: 'The proposal was approved or rejected already.' },
    REQUIRED: { description: 'A required value is empty.' },
    TOO_LONG: { description: 'A text is longer than allowed.' },
    NOT_FOUND: { description: 'The object does not exist or is not visible to you.' },
    INVALID_INPUT: { description: 'A row holds text with a NUL character or a whole number out of the range the API accepts.' },
  },
});

export const KpiUserError = userErrorType('KpiUserError', PUBLISHED_KPI_ERROR_CODES, 'A problem with a KPI mutation input or bulk row.');

/**
 * A pure-rule issue as a user error: its dotted path (`populations[2].otherName`) becomes a field path under
 * `prefix`, and an unknown population code gets its own code.
 */
export function fromIssue(issue: KpiIssue, prefix: string[] = []): UserErrorItem<KpiErrorCode> {
  const path = issue.field.split(/[.[\]]+/).filter((part) => part !== '');
  const code =
    issue.code === KpiErrorCode.UNKNOWN_ENUM_VALUE && path[path.length - 1] === 'population'
      ? KpiErrorCode.UNKNOWN_POPULATION
      : issue.code;
  // The API's inputs cannot produce the other codes (GraphQL checks integers and enums first): reaching one is a bug.
  if (RULE_ONLY_KPI_ERROR_CODES.has(code)) throw new Error(`KPI rule issue ${issue.code} at ${issue.field} has no user-error code`);
  return { field: [...prefix, ...path], code, message: issue.message };
}
