import { KPI_BY_CODE, KPI_CATALOGUE } from '../../../src/kpi/rules/catalogue';
import { KpiErrorCode, KpiResult } from '../../../src/kpi/rules/result';
import { PopulationSelection, TelemonitoringPopulation, validatePopulationSet } from '../../../src/kpi/rules/populations';

function errorCodes<T>(result: KpiResult<T>): string[] {
  return result.ok ? [] : result.errors.map((error) => error.code);
}

describe('KPI catalogue (seed 004_1f8df596a6e33aa0.txt, "Welke doelstellingen hebben wij voor ogen?")', () => {
  it('holds the three hybrid-care KPIs with the seed targets for the end of 2024', () => {
    // given / when
    const summary = KPI_CATALOGUE.map(({ code, unit, direction, targetValue, targetDate, needsBaseline, source }) => ({
      code,
      unit,
      direction,
      targetValue,
      targetDate,
      needsBaseline,
      source,
    }));

    // then
    expect(summary).toEqual([
      {
        code: 'HYBRID_PATHWAYS',
        unit: 'PERCENT',
        direction: 'HIGHER_IS_BETTER',
        targetValue: '25.00',
        targetDate: '2024-12-31',
        needsBaseline: false,
        source: '004_1f8df596a6e33aa0.txt',
      },
      {
        code: 'PHYSICAL_CONTACTS_REDUCTION',
        unit: 'PERCENT',
        direction: 'HIGHER_IS_BETTER',
        targetValue: '30.00',
        targetDate: '2024-12-31',
        needsBaseline: true,
        source: '004_1f8df596a6e33aa0.txt',
      },
      {
        code: 'TELEMONITORING',
        unit: 'PERCENT',
        direction: 'HIGHER_IS_BETTER',
        targetValue: '20.00',
        targetDate: '2024-12-31',
        needsBaseline: false,
        source: '004_1f8df596a6e33aa0.txt',
      },
    ]);
  });

  it('names and describes every KPI, quoting the Dutch term', () => {
    expect(KPI_BY_CODE.HYBRID_PATHWAYS.description).toContain('zorgpaden');
    expect(KPI_BY_CODE.PHYSICAL_CONTACTS_REDUCTION.description).toContain('fysieke contacten en consulten');
    expect(KPI_BY_CODE.TELEMONITORING.description).toContain('telemonitoring');
    for (const definition of KPI_CATALOGUE) expect(definition.name.length).toBeGreaterThan(5);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(KPI_CATALOGUE)).toBe(true);
    expect(Object.isFrozen(KPI_BY_CODE.TELEMONITORING)).toBe(true);
  });
});

describe('validatePopulationSet', () => {
  it('accepts variant I: heart failure, COPD and IBD, in any order', () => {
    // when
    const result = validatePopulationSet(['IBD', 'HEART_FAILURE', 'COPD']);

    // then
    expect(result).toEqual({
      ok: true,
      data: {
        variant: 'VARIANT_I',
        populations: [{ population: 'IBD' }, { population: 'HEART_FAILURE' }, { population: 'COPD' }],
      },
    });
  });

  it.each<[string, Array<TelemonitoringPopulation | PopulationSelection>]>([
    ['two core plus hypertension', ['HEART_FAILURE', 'COPD', 'HYPERTENSION']],
    ['two core plus oncology', ['COPD', 'IBD', 'ONCOLOGY']],
    ['two core plus atrial fibrillation and asthma', ['HEART_FAILURE', 'IBD', 'ATRIAL_FIBRILLATION', 'ASTHMA']],
    ['two core plus a named condition', ['HEART_FAILURE', 'COPD', { population: 'OTHER', otherName: 'Diabetes' }]],
    [
      'two core plus two named conditions',
      [
        'HEART_FAILURE',
        'COPD',
        { population: 'OTHER', otherName: 'Diabetes' },
        { population: 'OTHER', otherName: 'Kidney failure' },
      ],
    ],
  ])('accepts variant II: %s', (_label, populations) => {
    const result = validatePopulationSet(populations);
    expect(result.ok && result.data.variant).toBe('VARIANT_II');
  });

  it('rejects all three core conditions plus another, naming both variants', () => {
    // when
    const result = validatePopulationSet(['HEART_FAILURE', 'COPD', 'IBD', 'ASTHMA']);

    // then
    expect(errorCodes(result)).toEqual([KpiErrorCode.POPULATION_SET_NOT_ALLOWED]);
    const message = result.ok ? '' : result.errors[0].message;
    expect(message).toContain('variant I: exactly heart failure, COPD and IBD');
    expect(message).toContain('variant II');
  });

  it.each<[string, TelemonitoringPopulation[]]>([
    ['two core conditions alone', ['HEART_FAILURE', 'COPD']],
    ['one core condition plus others', ['IBD', 'ONCOLOGY', 'ASTHMA']],
    ['no core condition', ['HYPERTENSION', 'ONCOLOGY', 'ATRIAL_FIBRILLATION']],
    ['an empty set', []],
  ])('rejects %s with the rule in the message', (_label, populations) => {
    const result = validatePopulationSet(populations);
    expect(errorCodes(result)).toEqual([KpiErrorCode.POPULATION_SET_NOT_ALLOWED]);
    expect(result.ok ? '' : result.errors[0].field).toBe('populations');
  });

  it('rejects a duplicate population and points at the repeat', () => {
    const result = validatePopulationSet(['HEART_FAILURE', 'COPD', 'COPD', 'IBD']);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.POPULATION_DUPLICATE, field: 'populations[2]' })],
    });
  });

  it('treats two OTHER populations with the same name, ignoring case and spacing, as a duplicate', () => {
    const result = validatePopulationSet([
      'HEART_FAILURE',
      'COPD',
      { population: 'OTHER', otherName: 'Chronic kidney disease' },
      { population: 'OTHER', otherName: '  chronic  KIDNEY disease ' },
    ]);
    expect(errorCodes(result)).toEqual([KpiErrorCode.POPULATION_DUPLICATE]);
  });

  it.each([undefined, '', '   '])('rejects OTHER with name %j', (otherName) => {
    const result = validatePopulationSet(['HEART_FAILURE', 'COPD', { population: 'OTHER', otherName }]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.POPULATION_OTHER_NAME_REQUIRED, field: 'populations[2].otherName' })],
    });
  });

  it('trims the name of an OTHER population', () => {
    const result = validatePopulationSet(['HEART_FAILURE', 'COPD', { population: 'OTHER', otherName: '  Diabetes ' }]);
    expect(result.ok && result.data.populations[2]).toEqual({ population: 'OTHER', otherName: 'Diabetes' });
  });

  it('rejects a name on a listed condition', () => {
    const result = validatePopulationSet(['HEART_FAILURE', 'COPD', { population: 'ASTHMA', otherName: 'Asthma' }]);
    expect(errorCodes(result)).toEqual([KpiErrorCode.POPULATION_NAME_NOT_ALLOWED]);
  });

  it('rejects an unknown population code from untyped input', () => {
    const result = validatePopulationSet(['HEART_FAILURE', 'COPD', 'DIABETES' as TelemonitoringPopulation]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: KpiErrorCode.UNKNOWN_ENUM_VALUE, field: 'populations[2].population' })],
    });
  });
});
