/**
 * A realistic large workbook for the benchmark: 60 agencies, 12 themes and as many spend lines as
 * asked, with a spread of amounts, functions and themes like a county's count. Seeded, so every run
 * builds the same file.
 */
import { AGENCY_TYPES, CONFIDENCES, FUNCTIONS, FUNDING_BASES, NOT_STATED, SOURCES, type EnumItem, type FunctionClass } from '../../shared/enums';
import type { SpendCreate } from '../../shared/schemas';
import { Workbook } from '../../electron/workbook/workbook';

/** Mulberry32: a small seeded generator, so the benchmark file is the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  'Residential care for older people', 'Home care packages', 'Looked-after children placements', 'Primary school funding', 'Secondary school funding',
  'Special educational needs transport', 'Acute hospital episodes', 'GP prescribing', 'Community mental health team', 'Drug treatment programme',
  'Alcohol brief interventions', 'Neighbourhood policing', 'Youth offending team', 'Housing benefit payments', 'Temporary accommodation',
  'Jobseeker’s Allowance', 'Employment and Support Allowance', 'Adult skills courses', 'Road maintenance', 'Waste collection',
  'Street cleansing', 'Library service', 'Leisure centres', 'Fire prevention visits', 'Probation supervision', 'Court administration',
  'Regeneration grant', 'Affordable housing capital', 'Back-office finance', 'Children’s centres',
];

/** A list's stated values: the benchmark's county states every field, so its figures stay comparable across formats. */
const stated = <K extends string>(items: readonly EnumItem<K>[]) => items.filter((i) => i.key !== NOT_STATED);

export interface BuiltBench {
  wb: Workbook;
  agencyIds: string[];
  themeIds: string[];
}

export function buildBenchWorkbook(file: string, lines: number, onProgress?: (done: number) => void): BuiltBench {
  const rand = rng(20090401);
  const wb = Workbook.create(file, { author: 'Benchmark', overwrite: true, pilot: { name: 'Benchmark county', place: 'Benchmarkshire', region: 'south_east', population: 1_400_000, countYear: 2008, displayUnits: 'millions' } });
  const agencies = wb.agencies.create(Array.from({ length: 60 }, (_, i) => ({
    name: `Agency ${String(i + 1).padStart(2, '0')}`,
    type: stated(AGENCY_TYPES)[i % stated(AGENCY_TYPES).length]!.key,
    tier: i % 3 === 0 ? 'national' : 'local',
    control: i % 2 === 0 ? 'local' : 'central',
  } as const)));
  const themes = wb.themes.create(Array.from({ length: 12 }, (_, i) => ({ name: `Theme ${i + 1}`, category: 'people' as const })));
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chunk = 100_000;
  for (let start = 0; start < lines; start += chunk) {
    const batch: SpendCreate[] = [];
    for (let i = start; i < Math.min(lines, start + chunk); i++) {
      // Amounts spread over five orders of magnitude, like real returns: £100 to £10m.
      const amount = Math.round(10 ** (4 + rand() * 5));
      batch.push({
        agencyId: agencies[Math.floor(rand() ** 2 * agencies.length)]!.id,
        description: `${pick(SERVICES)} ${1 + (i % 97)}`,
        function: pick(stated(FUNCTIONS)).key as FunctionClass,
        themeId: rand() < 0.4 ? pick(themes).id : null,
        year: 2008,
        amountPence: rand() < 0.01 ? -amount : amount,
        passedOn: rand() < 0.02,
        kind: rand() < 0.1 ? 'capital' : 'revenue',
        delivery: rand() < 0.12 ? 'administration' : 'frontline',
        funding: pick(stated(FUNDING_BASES)).key,
        purpose: rand() < 0.05 ? 'prevention' : 'reaction',
        source: pick(stated(SOURCES)).key,
        confidence: pick(stated(CONFIDENCES)).key,
        notes: '',
      });
    }
    wb.spend.bulkInsert(batch);
    onProgress?.(Math.min(lines, start + chunk));
  }
  return { wb, agencyIds: agencies.map((a) => a.id), themeIds: themes.map((t) => t.id) };
}
