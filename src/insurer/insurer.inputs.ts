import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../core/paging';
import { orderInputType } from '../graphql/connection';
import { registerEnumType } from 'type-graphql';

@InputType('InsurerFilter', { description: 'Narrows the list of insurers; all given conditions must hold.' })
export class InsurerFilter {
  @Field(() => [String], { nullable: true, description: 'Only insurers with one of these UZOVI codes.' })
  uzovi?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Only insurers of the concern with this code.' })
  concernCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only insurers whose name contains this text (case-insensitive).' })
  search?: string | null;
}

export enum InsurerOrderField {
  NAME = 'NAME',
  UZOVI = 'UZOVI',
}
registerEnumType(InsurerOrderField, {
  name: 'InsurerOrderField',
  description: 'What insurers can be sorted by.',
  valuesConfig: { NAME: { description: 'By name.' }, UZOVI: { description: 'By UZOVI code.' } },
});

@InputType('InsurerOrder', { description: 'Sort order of insurers.' })
export class InsurerOrder {
  @Field(() => InsurerOrderField, { description: 'The field to sort by.' })
  field!: InsurerOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction.' })
  direction!: OrderDirection;
}

@InputType('InsurerCreateInput', { description: 'A new insurer.' })
export class InsurerCreateInput {
  @Field(() => String, { description: 'UZOVI code: exactly four digits.' })
  uzovi!: string;

  @Field(() => String, { description: 'Public name.' })
  name!: string;

  @Field(() => String, { description: 'Code of the concern the insurer belongs to.' })
  concernCode!: string;
}

@InputType('InsurerUpdateInput', { description: 'Changes to an insurer; omitted fields stay as they are.' })
export class InsurerUpdateInput {
  @Field(() => ID, { description: 'Global ID of the insurer.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New UZOVI code.' })
  uzovi?: string | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the new concern.' })
  concernCode?: string | null;
}

@InputType('ConcernCreateInput', { description: 'A new concern (group of insurers).' })
export class ConcernCreateInput {
  @Field(() => String, { description: 'Code: 2-40 capitals, digits or underscores, e.g. "ACHMEA".' })
  code!: string;

  @Field(() => String, { description: 'Public name.' })
  name!: string;
}

@InputType('ConcernUpdateInput', { description: 'Changes to a concern; omitted fields stay as they are.' })
export class ConcernUpdateInput {
  @Field(() => ID, { description: 'Global ID of the concern.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType('ConcernFilter', { description: 'Narrows the list of concerns.' })
export class ConcernFilter {
  @Field(() => String, { nullable: true, description: 'Only concerns whose code or name contains this text (case-insensitive).' })
  search?: string | null;
}

export enum ConcernOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
}
registerEnumType(ConcernOrderField, {
  name: 'ConcernOrderField',
  description: 'What concerns can be sorted by.',
  valuesConfig: { CODE: { description: 'By code.' }, NAME: { description: 'By name.' } },
});

export const ConcernOrder = orderInputType('Concern', ConcernOrderField, 'concerns');
export type ConcernOrder = InstanceType<typeof ConcernOrder>;
