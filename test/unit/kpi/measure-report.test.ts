import { KpiErrorCode, KpiResult } from '../../../src/kpi/rules/result';
import { AGB_SYSTEM, BASELINE_PERIOD_EXTENSION, MeasureReport, measureCanonical } from '../../../src/kpi/fhir/measure-report.types';
import { buildMeasureReport } from '../../../src/kpi/fhir/measure-report.builder';
import { isFhirDateTime, validateMeasureReport } from '../../../src/kpi/fhir/measure-report.validator';

const common = () => ({
  provider: { agb: '06010203', name: 'Ziekenhuis Voorbeeld' },
  period: { start: '2024-01-01', end: '2024-06-30' },
  date: '2024-07-15T10:00:00+02:00',
});

function built(result: KpiResult<MeasureReport>): MeasureReport {
  if (!result.ok) throw new Error(`expected a report, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** A valid report as plain JSON, for the invalid cases to break one element at a time. */
function validJson(): Record<string, any> {
  return JSON.parse(JSON.stringify(built(buildMeasureReport({ ...common(), kpi: 'HYBRID_PATHWAYS', implemented: 12, total: 48 }))));
}

function codesAt(json: unknown): Array<[string, string]> {
  const result = validateMeasureReport(json);
  return result.ok ? [] : result.errors.map((error) => [error.code, error.field]);
}

describe('buildMeasureReport', () => {
  it('builds a summary report for hybrid care pathways', () => {
    // when
    const report = built(buildMeasureReport({ ...common(), kpi: 'HYBRID_PATHWAYS', implemented: 12, total: 48 }));

    // then
    expect(report).toEqual({
      resourceType: 'MeasureReport',
      status: 'complete',
      type: 'summary',
      measure: 'https://zorginkoop-exchange.example/fhir/Measure/hybrid-pathways',
      date: '2024-07-15T10:00:00+02:00',
      reporter: {
        type: 'Organization',
        identifier: { system: 'http://fhir.nl/fhir/NamingSystem/agb-z', value: '06010203' },
        display: 'Ziekenhuis Voorbeeld',
      },
      period: { start: '2024-01-01', end: '2024-06-30' },
      improvementNotation: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation', code: 'increase' }],
      },
      group: [
        {
          code: {
            coding: [
              {
                system: 'https://zorginkoop-exchange.example/fhir/CodeSystem/kpi',
                code: 'HYBRID_PATHWAYS',
                display: 'Hybrid care pathways',
              },
            ],
          },
          population: [
            { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'numerator' }] }, count: 12 },
            { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-population', code: 'denominator' }] }, count: 48 },
          ],
          measureScore: { value: 25, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
        },
      ],
    });
  });

  it('carries the measured and baseline counts and the baseline period for the reduction KPI', () => {
    const report = built(
      buildMeasureReport({
        ...common(),
        kpi: 'PHYSICAL_CONTACTS_REDUCTION',
        baseline: 3000,
        current: 2000,
        baselinePeriod: { start: '2022-01-01', end: '2022-06-30' },
      }),
    );
    const group = report.group![0];
    expect(report.measure).toBe(measureCanonical('PHYSICAL_CONTACTS_REDUCTION'));
    // numerator and denominator scaled by each other's months, so numerator / denominator is the score (seed 004)
    const [numerator, denominator] = group.population!.map((p) => p.count!);
    expect(group.population!.map((p) => p.code!.coding![0].code)).toEqual(['numerator', 'denominator']);
    expect(group.population![1].extension).toEqual([
      { url: BASELINE_PERIOD_EXTENSION, valuePeriod: { start: '2022-01-01', end: '2022-06-30' } },
    ]);
    expect(group.measureScore!.value).toBe(66.67);
    expect(Math.round((numerator! / denominator!) * 10000) / 100).toBe(66.67);
    expect(report.improvementNotation!.coding![0].code).toBe('decrease');
    expect(group.stratifier![0].stratum!.map((s) => [s.value.coding![0].code, s.population![0].count])).toEqual([
      ['measurement', 2000],
      ['baseline', 3000],
    ]);
  });

  it('stratifies telemonitoring per population, leaving out the score of an empty one', () => {
    const report = built(
      buildMeasureReport({
        ...common(),
        kpi: 'TELEMONITORING',
        populations: [
          { population: 'HEART_FAILURE', telemonitored: 30, inPopulation: 100 },
          { population: 'IBD', telemonitored: 10, inPopulation: 200 },
          { population: 'OTHER', otherName: 'Diabetes', telemonitored: 0, inPopulation: 0 },
        ],
      }),
    );
    const [stratifier] = report.group![0].stratifier!;
    expect(report.group![0].measureScore!.value).toBe(13.33);
    expect(stratifier.stratum!.map((s) => [s.value.coding![0].code, s.value.text, s.measureScore?.value])).toEqual([
      ['HEART_FAILURE', undefined, 30],
      ['IBD', undefined, 5],
      ['OTHER', 'Diabetes', undefined],
    ]);
  });

  it('survives a JSON round trip and still validates', () => {
    const report = built(buildMeasureReport({ ...common(), kpi: 'HYBRID_PATHWAYS', implemented: 1, total: 3, id: 'kpi-1' }));
    const text = JSON.stringify(report);
    expect(text).toContain('"value":33.33');
    expect(validateMeasureReport(JSON.parse(text)).ok).toBe(true);
  });

  it.each([
    [{ provider: { agb: '1234' } }, KpiErrorCode.INVALID_AGB, 'provider.agb'],
    [{ period: { start: '2024-07-01', end: '2024-06-30' } }, KpiErrorCode.INVALID_PERIOD, 'period'],
    [{ period: { start: '2024-01-01', end: '2024-06-31' } }, KpiErrorCode.INVALID_DATE, 'period'],
    [{ date: '2024-07-15' }, KpiErrorCode.INVALID_DATE_TIME, 'date'],
    [{ implemented: 49 }, KpiErrorCode.NUMERATOR_EXCEEDS_DENOMINATOR, 'implemented'],
  ])('rejects input %j with %s', (override, code, field) => {
    const input = { ...common(), kpi: 'HYBRID_PATHWAYS' as const, implemented: 12, total: 48, ...override };
    expect(buildMeasureReport(input)).toEqual({ ok: false, errors: [expect.objectContaining({ code, field })] });
  });

  it('rejects an unknown KPI from untyped input', () => {
    const input = { ...common(), kpi: 'WAITING_TIMES', implemented: 1, total: 2 } as unknown as Parameters<typeof buildMeasureReport>[0];
    expect(buildMeasureReport(input)).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.UNKNOWN_ENUM_VALUE, field: 'kpi' }] });
  });

  it('rejects a baseline period that does not precede the measured period', () => {
    const result = buildMeasureReport({
      ...common(),
      kpi: 'PHYSICAL_CONTACTS_REDUCTION',
      baseline: 3000,
      current: 2000,
      baselinePeriod: { start: '2023-07-01', end: '2024-01-01' },
    });
    expect(result).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.BASELINE_PERIOD_NOT_BEFORE }] });
  });

  it('hands counts beyond a FHIR integer to the validator, which refuses them', () => {
    const result = buildMeasureReport({ ...common(), kpi: 'HYBRID_PATHWAYS', implemented: 1, total: 3_000_000_000 });
    expect(result).toMatchObject({ ok: false, errors: [{ code: KpiErrorCode.FHIR_WRONG_TYPE, field: 'group[0].population[1].count' }] });
  });
});

describe('validateMeasureReport', () => {
  it('accepts a valid report and returns it typed', () => {
    const json = validJson();
    expect(validateMeasureReport(json)).toEqual({ ok: true, data: json });
  });

  it.each<[string, (json: Record<string, any>) => unknown, Array<[string, string]>]>([
    ['a non-object', () => [], [[KpiErrorCode.FHIR_WRONG_TYPE, '']]],
    ['another resource type', (j) => ({ ...j, resourceType: 'Measure' }), [[KpiErrorCode.FHIR_FIXED_VALUE, 'resourceType']]],
    ['a missing status', ({ status: _s, ...j }) => j, [[KpiErrorCode.FHIR_REQUIRED, 'status']]],
    ['a missing period', ({ period: _p, ...j }) => j, [[KpiErrorCode.FHIR_REQUIRED, 'period']]],
    ['an unknown status', (j) => ({ ...j, status: 'final' }), [[KpiErrorCode.FHIR_CODE_NOT_ALLOWED, 'status']]],
    ['an unknown type', (j) => ({ ...j, type: 'population' }), [[KpiErrorCode.FHIR_CODE_NOT_ALLOWED, 'type']]],
    ['an element outside the closed set', (j) => ({ ...j, subject: { reference: 'Patient/1' } }), [[KpiErrorCode.FHIR_UNKNOWN_ELEMENT, 'subject']]],
    ['a measure with spaces', (j) => ({ ...j, measure: 'my measure' }), [[KpiErrorCode.FHIR_WRONG_TYPE, 'measure']]],
    ['group as one object', (j) => ({ ...j, group: j.group[0] }), [[KpiErrorCode.FHIR_CARDINALITY, 'group']]],
    ['period as an array', (j) => ({ ...j, period: [j.period] }), [[KpiErrorCode.FHIR_CARDINALITY, 'period']]],
    ['an empty group array', (j) => ({ ...j, group: [] }), [[KpiErrorCode.FHIR_EMPTY, 'group']]],
    ['a null element', (j) => ({ ...j, date: null }), [[KpiErrorCode.FHIR_EMPTY, 'date']]],
    ['an empty reporter', (j) => ({ ...j, reporter: {} }), [[KpiErrorCode.FHIR_EMPTY, 'reporter']]],
    ['an impossible date', (j) => ({ ...j, date: '2024-02-30T10:00:00Z' }), [[KpiErrorCode.FHIR_WRONG_TYPE, 'date']]],
    ['a time without zone', (j) => ({ ...j, date: '2024-07-15T10:00:00' }), [[KpiErrorCode.FHIR_WRONG_TYPE, 'date']]],
    ['a period ending before it starts', (j) => ({ ...j, period: { start: '2024-06-30', end: '2024-01-01' } }), [[KpiErrorCode.FHIR_INVARIANT, 'period']]],
    [
      'a fractional count',
      (j) => {
        j.group[0].population[0].count = 12.5;
        return j;
      },
      [[KpiErrorCode.FHIR_WRONG_TYPE, 'group[0].population[0].count']],
    ],
    [
      'a count given as a string',
      (j) => {
        j.group[0].population[1].count = '48';
        return j;
      },
      [[KpiErrorCode.FHIR_WRONG_TYPE, 'group[0].population[1].count']],
    ],
    [
      'a score given as a string',
      (j) => {
        j.group[0].measureScore.value = '25.00';
        return j;
      },
      [[KpiErrorCode.FHIR_WRONG_TYPE, 'group[0].measureScore.value']],
    ],
    [
      'a unit code without its system',
      (j) => {
        delete j.group[0].measureScore.system;
        return j;
      },
      [[KpiErrorCode.FHIR_INVARIANT, 'group[0].measureScore']],
    ],
    [
      'a misspelt population code',
      (j) => {
        j.group[0].population[0].code.coding[0].code = 'numerater';
        return j;
      },
      [[KpiErrorCode.FHIR_CODE_NOT_ALLOWED, 'group[0].population[0].code']],
    ],
    [
      'an improvement notation outside its value set',
      (j) => ({ ...j, improvementNotation: { coding: [{ system: 'http://example.org/x', code: 'up' }] } }),
      [[KpiErrorCode.FHIR_CODE_NOT_ALLOWED, 'improvementNotation']],
    ],
    ['groups in a data-collection report', (j) => ({ ...j, type: 'data-collection' }), [[KpiErrorCode.FHIR_INVARIANT, 'group']]],
    [
      'a stratum without a value',
      (j) => {
        j.group[0].stratifier = [{ stratum: [{ population: j.group[0].population }] }];
        return j;
      },
      [[KpiErrorCode.FHIR_REQUIRED, 'group[0].stratifier[0].stratum[0].value']],
    ],
    [
      'an extension with two values',
      (j) => {
        j.group[0].population[1].extension = [{ url: BASELINE_PERIOD_EXTENSION, valueString: 'a', valuePeriod: { start: '2022-01-01' } }];
        return j;
      },
      [[KpiErrorCode.FHIR_INVARIANT, 'group[0].population[1].extension[0]']],
    ],
    ['an empty string', (j) => ({ ...j, reporter: { ...j.reporter, display: ' ' } }), [[KpiErrorCode.FHIR_EMPTY, 'reporter.display']]],
    ['a primitive extension', (j) => ({ ...j, _status: { id: 'x' } }), [[KpiErrorCode.FHIR_UNKNOWN_ELEMENT, '_status']]],
    ['a number for a string', (j) => ({ ...j, reporter: { ...j.reporter, display: 5 } }), [[KpiErrorCode.FHIR_WRONG_TYPE, 'reporter.display']]],
    ['a string for an object', (j) => ({ ...j, period: '2024' }), [[KpiErrorCode.FHIR_WRONG_TYPE, 'period']]],
    [
      'a string for a boolean',
      (j) => ({ ...j, improvementNotation: { coding: [{ ...j.improvementNotation.coding[0], userSelected: 'yes' }] } }),
      [[KpiErrorCode.FHIR_WRONG_TYPE, 'improvementNotation.coding[0].userSelected']],
    ],
  ])('rejects %s', (_label, breakIt, expected) => {
    expect(codesAt(breakIt(validJson()))).toEqual(expected);
  });

  it('collects every problem at once', () => {
    const { status: _s, ...json } = validJson();
    expect(codesAt({ ...json, type: 'summary-ish', extra: 1 })).toEqual([
      [KpiErrorCode.FHIR_UNKNOWN_ELEMENT, 'extra'],
      [KpiErrorCode.FHIR_REQUIRED, 'status'],
      [KpiErrorCode.FHIR_CODE_NOT_ALLOWED, 'type'],
    ]);
  });

  it('identifies the reporter by AGB code', () => {
    expect(validJson().reporter.identifier.system).toBe(AGB_SYSTEM);
  });
});

describe('isFhirDateTime', () => {
  it.each(['2024', '2024-07', '2024-07-15', '2024-07-15T10:00:00Z', '2024-07-15T10:00:00.123+14:00', '2016-12-31T23:59:60Z'])(
    'accepts %s',
    (text) => expect(isFhirDateTime(text)).toBe(true),
  );
  it.each(['0000', '2024-13', '2024-07-15T10:00Z', '2024-07-15T24:00:00Z', '2024-07-15T10:00:00+14:30', '2024-7-15'])(
    'rejects %s',
    (text) => expect(isFhirDateTime(text)).toBe(false),
  );
});
