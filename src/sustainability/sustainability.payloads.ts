import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../graphql/connection';
import { Node } from '../graphql/node';
import { DecimalScalar } from '../graphql/scalars';
import { userErrorType } from '../graphql/user-error';
import { Provider } from '../provider/provider.entity';
import { SustainabilityQuestionType } from './sustainability.entity';
import { SustainabilityErrorCode } from './sustainability.errors';
import { ComplianceStatus, RealEstate, SustainabilityObligation } from './sustainability.rules';

registerEnumType(SustainabilityErrorCode, {
  name: 'SustainabilityErrorCode',
  description: 'Why a sustainability answer (GraphQL or file) was refused.',
  valuesConfig: {
    NOT_FOUND: { description: 'No provider you may answer for has this AGB code.' },
    NO_REQUEST: { description: 'The insurers made no sustainability request for this year.' },
    UNKNOWN_QUESTION: { description: "The code is not a question of the year's request." },
    DUPLICATE_QUESTION: { description: 'A question is answered twice.' },
    REQUIRED: { description: 'A required question has no answer.' },
    INVALID_VALUE: { description: "The answer does not fit the question's type (yes/no, decimal, date, or one of the choices), or a workbook cell holds a formula or an Excel error." },
    INCONSISTENT: { description: 'Two answers contradict each other (a delivery date for a roadmap that was not delivered).' },
    VERSION_CONFLICT: { description: 'The answers changed since the version you corrected; read them again.' },
    FILE_REQUIRED: { description: 'The request holds no file.' },
    INVALID_FILE: { description: 'The file is neither readable CSV text nor a readable XLSX workbook, or larger than allowed (bytes, rows, or what a workbook unpacks to).' },
    MISSING_COLUMN: { description: 'The header lacks the column code or value.' },
  },
});

export const SustainabilityUserError = userErrorType('SustainabilityUserError', SustainabilityErrorCode, 'A problem with a sustainability answer.');

export type SustainabilityUserErrorShape = InstanceType<typeof SustainabilityUserError>;

registerEnumType(SustainabilityQuestionType, {
  name: 'SustainabilityQuestionType',
  description: 'How a question is answered.',
  valuesConfig: {
    BOOLEAN: { description: 'Yes or no: true/false (ja/nee).' },
    DECIMAL: { description: 'A decimal of at most 3 decimals in the unit of the question.' },
    DATE: { description: 'A date YYYY-MM-DD.' },
    CHOICE: { description: 'One of the choices of the question.' },
  },
});
registerEnumType(SustainabilityObligation, {
  name: 'SustainabilityObligation',
  description: 'A sustainability obligation of the seeds.',
  valuesConfig: {
    STRATEGY: { description: 'Sustainability is part of the strategy (seeds 000-004; seed 001 Bijlage 1).' },
    CO2_ROADMAP: { description: 'With owned real estate and more than 250 FTE: a board-approved CO2 roadmap with a strategic real-estate plan delivered to the Expertisecentrum Verduurzaming Zorg by 1 January 2024 (seeds 002, 003, 004).' },
    MOBILITY_PLAN: { description: 'With more than 100 FTE: a mobility plan to reduce CO2 from staff travel (GDDZ 3.0 art. 4.2.e; seed 001 Bijlage 1).' },
    REPORTING: { description: 'Reporting under the CSRD, or else a sustainability section in an obliged annual report (seed 001 Bijlage 1).' },
  },
});
registerEnumType(ComplianceStatus, {
  name: 'SustainabilityComplianceStatus',
  description: 'Whether a provider meets an obligation, as derived from its answers.',
  valuesConfig: {
    NOT_APPLICABLE: { description: 'The obligation does not apply to the provider.' },
    MET: { description: 'The provider meets the obligation.' },
    NOT_MET: { description: 'The obligation applies and is not met.' },
    UNKNOWN: { description: 'An answer needed to decide is missing.' },
  },
});
registerEnumType(RealEstate, {
  name: 'SustainabilityRealEstate',
  description: 'Whether a provider owns or rents its buildings.',
  valuesConfig: {
    OWNS: { description: 'Owns its buildings.' },
    RENTS: { description: 'Rents its buildings.' },
    OWNS_AND_RENTS: { description: 'Owns some and rents some.' },
    NONE: { description: 'Has no buildings of its own.' },
  },
});

@ObjectType('SustainabilityQuestion', { description: "One question of the insurers' coordinated yearly sustainability request." })
export class SustainabilityQuestionView {
  @Field(() => String, { description: 'Stable code of the question, e.g. FTE.' })
  code!: string;

  @Field(() => Int, { description: 'Order of the question in the request, from 1.' })
  position!: number;

  @Field(() => SustainabilityQuestionType, { description: 'How the question is answered.' })
  type!: SustainabilityQuestionType;

  @Field(() => String, { nullable: true, description: 'Unit of a decimal answer (FTE, tonnes CO2-eq); null otherwise.' })
  unit!: string | null;

  @Field(() => [String], { nullable: true, description: 'The allowed answers of a CHOICE question; null otherwise.' })
  choices!: string[] | null;

  @Field(() => Boolean, { description: 'Whether the question must be answered.' })
  required!: boolean;

  @Field(() => String, { description: 'The question as the provider reads it.' })
  text!: string;

  @Field(() => String, { description: 'The seed or agreement the question comes from.' })
  source!: string;
}

@ObjectType('SustainabilityRequest', {
  implements: Node,
  description: "The insurers' coordinated sustainability request of a reporting year (seed 001 Bijlage 1); its id stands for the year.",
})
export class SustainabilityRequest {
  /** Node: encodeGlobalId('SustainabilityRequest', year). */
  globalId!: string;

  __typename!: 'SustainabilityRequest';

  @Field(() => Int, { description: 'The reporting year, e.g. 2025.' })
  year!: number;

  @Field(() => [SustainabilityQuestionView], { description: 'The questions, in order.' })
  questions!: SustainabilityQuestionView[];

  @Field(() => Date, { description: 'When the request last changed (for incremental sync): the latest change of its questions.' })
  updatedAt!: Date;
}

@ObjectType('SustainabilityAnswerValue', { description: 'One stored answer.' })
export class SustainabilityAnswerValue {
  @Field(() => String, { description: 'The question code.' })
  code!: string;

  @Field(() => String, { description: 'The answer in canonical text: true/false, a decimal with a point, a date, or a choice.' })
  value!: string;
}

@ObjectType('SustainabilityCompliance', { description: 'Whether a provider meets one obligation, with why.' })
export class SustainabilityCompliance {
  @Field(() => SustainabilityObligation, { description: 'The obligation.' })
  obligation!: SustainabilityObligation;

  @Field(() => ComplianceStatus, { description: 'Derived from the answers by the rule of the seed.' })
  status!: ComplianceStatus;

  @Field(() => String, { description: 'Why, in a sentence.' })
  reason!: string;
}

@ObjectType('SustainabilityReport', {
  implements: Node,
  description:
    "A provider's answers to a year's sustainability request with the compliance derived from them; one per provider and year, keeping its id through corrections. Confidential to the provider and the insurers that purchase from it that year.",
})
export class SustainabilityReport {
  /** Node: encodeGlobalId('SustainabilityReport', id of the sustainability_answer row). */
  globalId!: string;

  __typename!: 'SustainabilityReport';

  @Field(() => Provider, { description: 'The provider that answered.' })
  provider!: Provider;

  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => Int, { description: 'Counts up with every correction, from 1.' })
  version!: number;

  @Field(() => String, { description: 'Who gave the current answers (token or user).' })
  answeredBy!: string;

  @Field(() => Date, { description: 'When the current answers were given.' })
  answeredAt!: Date;

  @Field(() => Boolean, { description: 'Whether these are invented DEMO answers.' })
  demo!: boolean;

  @Field(() => Date, { description: 'When the report last changed (for incremental sync): its answers were given or corrected.' })
  updatedAt!: Date;

  @Field(() => [SustainabilityAnswerValue], { description: 'The answers, in question order.' })
  answers!: SustainabilityAnswerValue[];

  @Field(() => [SustainabilityCompliance], { description: 'One item per obligation.' })
  compliance!: SustainabilityCompliance[];

  @Field(() => DecimalScalar, { nullable: true, description: 'CO2 emissions scope 1, tonnes CO2-eq; null when not answered.' })
  co2Scope1Tonnes!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'CO2 emissions scope 2, tonnes CO2-eq; null when not answered.' })
  co2Scope2Tonnes!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'CO2 emissions scope 3, tonnes CO2-eq; null when not answered.' })
  co2Scope3Tonnes!: string | null;
}

@ObjectType('SustainabilityValueChainRow', { description: 'A provider the insurer purchases from in the year, with its report if it answered.' })
export class SustainabilityValueChainRow {
  @Field(() => Provider, { description: 'The provider.' })
  provider!: Provider;

  @Field(() => SustainabilityReport, { nullable: true, description: 'Its report; null while it has not answered.' })
  report!: SustainabilityReport | null;
}

@ObjectType('SustainabilityStatusCount', { description: 'How many providers have one status for one obligation.' })
export class SustainabilityStatusCount {
  @Field(() => SustainabilityObligation, { description: 'The obligation.' })
  obligation!: SustainabilityObligation;

  @Field(() => ComplianceStatus, { description: 'The status.' })
  status!: ComplianceStatus;

  @Field(() => Int, { description: 'Providers with that status (answered providers only).' })
  providerCount!: number;
}

@ObjectType('SustainabilityCo2Total', { description: 'The CO2 emissions of one scope summed over the providers that reported it.' })
export class SustainabilityCo2Total {
  @Field(() => Int, { description: 'The scope: 1, 2 or 3.' })
  scope!: number;

  @Field(() => DecimalScalar, { description: 'Sum in tonnes CO2-eq, exact to 3 decimals.' })
  tonnes!: string;

  @Field(() => Int, { description: 'Providers whose figure is in the sum.' })
  providerCount!: number;
}

@ObjectType('SustainabilityValueChainAggregate', {
  description: "Figures for an insurer's CSRD value-chain report, over exactly the providers it purchases from that year (all of which it may read, so nothing is withheld).",
})
export class SustainabilityValueChainAggregate {
  @Field(() => Int, { description: 'Providers the insurer purchases from in the year.' })
  providerCount!: number;

  @Field(() => Int, { description: 'Of them, providers that answered.' })
  answeredCount!: number;

  @Field(() => [SustainabilityStatusCount], { description: 'Per obligation and status, how many answered providers have it (zero counts included).' })
  statusCounts!: SustainabilityStatusCount[];

  @Field(() => [SustainabilityCo2Total], { description: 'Per scope 1-3, the summed emissions.' })
  co2Totals!: SustainabilityCo2Total[];
}

export const SustainabilityValueChainRowConnection = connectionType(SustainabilityValueChainRow, 'SustainabilityValueChainRow', 'value-chain provider');

@ObjectType('SustainabilityValueChain', { description: "An insurer's providers of a year with their sustainability compliance, and the aggregate for its value-chain report." })
export class SustainabilityValueChain {
  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => [SustainabilityValueChainRow], {
    description: 'The providers, by AGB code, all at once.',
    deprecationReason: 'Use rows, the same providers in the same order as a connection; removed in the next release.',
  })
  providers!: SustainabilityValueChainRow[];

  @Field(() => SustainabilityValueChainAggregate, { description: 'The aggregate over all these providers (every row, not one page).' })
  aggregate!: SustainabilityValueChainAggregate;
}

@ObjectType('SustainabilityAnswerPayload', { description: 'Result of submitting answers.' })
export class SustainabilityAnswerPayload {
  @Field(() => SustainabilityReport, { nullable: true, description: 'The report as saved; null when userErrors is not empty.' })
  report!: SustainabilityReport | null;

  @Field(() => [SustainabilityUserError], { description: 'What was wrong with the input; empty on success.' })
  userErrors!: SustainabilityUserErrorShape[];
}

@ObjectType('SustainabilityUploadProblem', { description: 'A problem found in an uploaded file, where it is.' })
export class SustainabilityUploadProblem {
  @Field(() => Int, { nullable: true, description: 'The line of the file, from 1 (the header); null for a problem of the whole file.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The column (code or value); null when not one cell.' })
  column!: string | null;

  @Field(() => SustainabilityErrorCode, { description: 'Stable code of the problem.' })
  code!: SustainabilityErrorCode;

  @Field(() => String, { description: 'What is wrong.' })
  message!: string;
}

@ObjectType('SustainabilityUploadPayload', { description: 'The summary of an answer file: what was found and whether it was written.' })
export class SustainabilityUploadPayload {
  @Field(() => Boolean, { description: 'Whether this was a dry run (nothing written).' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'Whether the answers were written; false on a dry run and whenever a problem was found.' })
  written!: boolean;

  @Field(() => Int, { description: 'Answer rows read from the file.' })
  rowCount!: number;

  @Field(() => [SustainabilityUploadProblem], { description: 'Every problem found; empty when the file is fine.' })
  problems!: SustainabilityUploadProblem[];

  @Field(() => [SustainabilityCompliance], { description: 'The compliance the answers give (also on a dry run); empty when a problem was found.' })
  compliance!: SustainabilityCompliance[];

  @Field(() => SustainabilityReport, { nullable: true, description: 'The report as saved; null on a dry run or rejection.' })
  report!: SustainabilityReport | null;
}
