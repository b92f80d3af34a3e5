import { Field, ID, InputType, Int } from 'type-graphql';
import { RegionKind } from '../region/region.entity';

@InputType('RepresentationAgreementCreateInput', { description: 'A new representation agreement for one segment, region and year.' })
export class RepresentationAgreementCreateInput {
  @Field(() => String, { description: 'Code of a segment purchased by representation, e.g. "AMBULANCE".' })
  segmentCode!: string;

  @Field(() => RegionKind, { defaultValue: RegionKind.AMBULANCE, description: 'Region set of the region; ambulance regions by default.' })
  regionKind!: RegionKind;

  @Field(() => String, { description: 'Code of the region, e.g. "16".' })
  regionCode!: string;

  @Field(() => Int, { description: 'Contract year the agreement applies to.' })
  year!: number;

  @Field(() => String, { description: 'UZOVI code of the lead insurer (normally the market leader).' })
  leadInsurerUzovi!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'UZOVI code of the co-representing insurer (normally the second largest); omit it where the lead decides alone, as the preferred insurer for coordination functions.',
  })
  secondInsurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'On what basis the insurers represent, e.g. "two largest market shares".' })
  basis?: string | null;

  @Field(() => String, { nullable: true, description: 'Notes, e.g. the policy document the agreement comes from.' })
  notes?: string | null;
}

@InputType('RepresentationAgreementUpdateInput', { description: 'Changes to an agreement; omitted fields stay as they are.' })
export class RepresentationAgreementUpdateInput {
  @Field(() => ID, { description: 'Global ID of the agreement.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'UZOVI code of the new lead insurer.' })
  leadInsurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'UZOVI code of the new co-representing insurer.' })
  secondInsurerUzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'New basis text.' })
  basis?: string | null;

  @Field(() => String, { nullable: true, description: 'New notes.' })
  notes?: string | null;
}

@InputType('RepresentationAgreementFilter', { description: 'Narrows the list of agreements; all given conditions must hold.' })
export class RepresentationAgreementFilter {
  @Field(() => String, { nullable: true, description: 'Only agreements of this segment (code).' })
  segmentCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only agreements for this year.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Only agreements for the region with this code.' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only agreements in which this insurer (UZOVI code) is lead or co-representing.' })
  representingInsurerUzovi?: string | null;
}
