import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars';
import { FigureRow, StayType } from '../zn';

@ObjectType('MonitoringFigures', { description: 'The figures of one type of temporary stay in a submission version (one row of the ZN file).' })
export class MonitoringFigures implements FigureRow {
  @Field(() => StayType, { description: 'Type of temporary stay (type_verblijf).' })
  stayType!: StayType;

  @Field(() => Int, { description: 'Registrations (aanmeldingen); required.' })
  registrations!: number;

  @Field(() => Int, { description: 'Inflow (instroom); required, at most the registrations.' })
  inflow!: number;

  @Field(() => Int, { description: 'Clients not placeable in the advised form of care (niet_plaatsbaar); required.' })
  notPlaceable!: number;

  @Field(() => Int, { nullable: true, description: 'Care requests deflected from second to first line (afgebogen_eerste_lijn); optional.' })
  deflectedFirstLine!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Saving realised by that deflection, in euros (besparing_eur); optional.' })
  savingEur!: string | null;

  @Field(() => Int, { nullable: true, description: 'Required regional capacity, in beds (benodigde_capaciteit_bedden); optional.' })
  requiredCapacityBeds!: number | null;

  @Field(() => Int, { nullable: true, description: 'Outflow after admission (uitstroom_na_opname); optional.' })
  outflowAfterAdmission!: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Average length of stay, in days (gemiddelde_ligduur_dagen); optional.' })
  averageLengthOfStayDays!: string | null;
}

/**
 * How a version stores its figures: one line per stay type, in ZN order, each "<stayType>|<registrations>|
 * <inflow>|<notPlaceable>|<deflected>|<saving>|<capacity>|<outflow>|<lengthOfStay>" with an empty field for
 * an absent figure. It is canonical (equal text, equal figures), so the version's hash is the MD5 of it, and
 * PostgreSQL builds it from the staged rows without a JSON round trip (see upload/import.sql.ts).
 */
export function parseFigures(text: string): FigureRow[] {
  if (!text) return [];
  return text.split('\n').map((line) => {
    const [stayType, registrations, inflow, notPlaceable, deflected, saving, capacity, outflow, lengthOfStay] = line.split('|');
    const int = (value: string | undefined) => (value ? Number(value) : null);
    return {
      stayType: stayType as StayType,
      registrations: Number(registrations),
      inflow: Number(inflow),
      notPlaceable: Number(notPlaceable),
      deflectedFirstLine: int(deflected),
      savingEur: saving || null,
      requiredCapacityBeds: int(capacity),
      outflowAfterAdmission: int(outflow),
      averageLengthOfStayDays: lengthOfStay || null,
    };
  });
}
