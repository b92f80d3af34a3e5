import { FigureRow, StayType } from '../zn';

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
