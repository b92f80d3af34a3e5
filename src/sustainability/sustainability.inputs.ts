import { Field, InputType, Int } from 'type-graphql';
import { UploadScalar } from '../graphql/upload';
import type { Upload } from '../graphql/upload';

@InputType('SustainabilityAnswerInput', { description: 'The answer to one question of the request.' })
export class SustainabilityAnswerInput {
  @Field(() => String, { description: 'The question code, e.g. FTE or CO2_SCOPE_1.' })
  code!: string;

  @Field(() => String, { description: 'The answer as text: true/false (ja/nee), a decimal such as 412.5, a date YYYY-MM-DD, or a choice; empty for no answer.' })
  value!: string;
}

@InputType('SustainabilityAnswerSubmitInput', { description: "A provider's complete answers to one year's sustainability request; they replace earlier answers." })
export class SustainabilityAnswerSubmitInput {
  @Field(() => String, { description: 'AGB code of the provider answering.' })
  providerAgb!: string;

  @Field(() => Int, { description: 'The reporting year of the request, e.g. 2025.' })
  year!: number;

  @Field(() => [SustainabilityAnswerInput], { description: 'One answer per question; a question left out or empty is unanswered.' })
  answers!: SustainabilityAnswerInput[];

  @Field(() => Int, { nullable: true, description: 'For a correction: the version you read; refused when the answers changed since.' })
  expectedVersion?: number | null;
}

@InputType('SustainabilityAnswerUploadInput', { description: "A provider's answers as a CSV or XLSX file with the columns code and value (one row per question)." })
export class SustainabilityAnswerUploadInput {
  @Field(() => UploadScalar, { description: 'The CSV or XLSX file (a file part of the multipart request); a zip is read as XLSX, whatever its name.' })
  file!: Upload;

  @Field(() => String, { description: 'AGB code of the provider answering.' })
  providerAgb!: string;

  @Field(() => Int, { description: 'The reporting year of the request, e.g. 2025.' })
  year!: number;

  @Field(() => Boolean, { defaultValue: false, description: 'Check everything and report what would happen, writing nothing.' })
  dryRun!: boolean;
}
