import { UserErrorItem } from '../core/problems';
import { KpiErrorCode, KpiIssue, RULE_ONLY_KPI_ERROR_CODES } from './rules/result';

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
