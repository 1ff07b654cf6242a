/**
 * The workbook's records and the shapes the API accepts, as zod schemas; the TypeScript types are
 * inferred from them so that validation and types cannot disagree.
 */
import { z } from 'zod';
import {
  AGENCY_TIERS, AGENCY_TYPES, BARRIER_CATEGORIES, BARRIER_STATUSES, CONFIDENCES, CONTROLS, DELIVERY,
  DISPLAY_UNITS, FUNCTIONS, FUNDING_BASES, PURPOSES, REGIONS, RESOLUTIONS, SEVERITIES, SOURCES,
  SPEND_KINDS, THEME_CATEGORIES, keysOf,
} from './enums';
import { MAX_PENCE } from './money';
import { MAX_YEAR, MIN_YEAR } from './years';

export const Id = z.uuid({ error: 'This is not a row id the workbook knows' });
const text = (max: number, what: string) => z.string().trim().max(max, { error: `${what} is too long (at most ${max} characters)` });
const required = (max: number, what: string) => text(max, what).min(1, { error: `${what} is required` });
export const Pence = z.int({ error: 'Amounts are whole pence' }).min(-MAX_PENCE).max(MAX_PENCE, { error: 'The amount is too large' });
export const Year = z.int().min(MIN_YEAR).max(MAX_YEAR, { error: `Years run from ${MIN_YEAR} to ${MAX_YEAR}` });

/** Who changed a row and when. Every row has it. */
export const RowMeta = z.object({
  id: Id,
  createdAt: z.number(),
  updatedAt: z.number(),
  author: z.string(),
});
export type RowMeta = z.infer<typeof RowMeta>;

export const PilotFields = z.object({
  name: required(200, 'The pilot name'),
  place: text(200, 'The place'),
  region: z.enum(keysOf(REGIONS)).nullable(),
  leadBody: text(200, 'The lead body'),
  population: z.int().min(0).max(100_000_000, { error: 'The population is larger than any place in England' }).nullable(),
  countYear: Year,
  displayUnits: z.enum(keysOf(DISPLAY_UNITS)),
});
export type PilotFields = z.infer<typeof PilotFields>;
export const Pilot = PilotFields.extend(RowMeta.shape);
export type Pilot = z.infer<typeof Pilot>;

export const AgencyFields = z.object({
  name: required(200, 'The agency name'),
  type: z.enum(keysOf(AGENCY_TYPES)),
  tier: z.enum(keysOf(AGENCY_TIERS)),
  control: z.enum(keysOf(CONTROLS)),
});
export type AgencyFields = z.infer<typeof AgencyFields>;
export const Agency = AgencyFields.extend(RowMeta.shape);
export type Agency = z.infer<typeof Agency>;

export const ThemeFields = z.object({
  name: required(200, 'The theme name'),
  category: z.enum(keysOf(THEME_CATEGORIES)),
  description: text(4000, 'The description'),
  cohortSize: z.int().min(0).nullable(),
});
export type ThemeFields = z.infer<typeof ThemeFields>;
export const Theme = ThemeFields.extend(RowMeta.shape);
export type Theme = z.infer<typeof Theme>;

export const SpendFields = z.object({
  agencyId: Id,
  description: required(500, 'The service description'),
  function: z.enum(keysOf(FUNCTIONS)),
  themeId: Id.nullable(),
  year: Year,
  amountPence: Pence,
  passedOn: z.boolean(),
  kind: z.enum(keysOf(SPEND_KINDS)),
  delivery: z.enum(keysOf(DELIVERY)),
  funding: z.enum(keysOf(FUNDING_BASES)),
  purpose: z.enum(keysOf(PURPOSES)),
  source: z.enum(keysOf(SOURCES)),
  confidence: z.enum(keysOf(CONFIDENCES)),
  notes: text(4000, 'The notes'),
});
export type SpendFields = z.infer<typeof SpendFields>;
export const SpendLine = SpendFields.extend(RowMeta.shape);
export type SpendLine = z.infer<typeof SpendLine>;

export const BarrierFields = z.object({
  title: required(300, 'The barrier title'),
  description: text(8000, 'The description'),
  themeId: Id.nullable(),
  agencyIds: z.array(Id).max(500),
  category: z.enum(keysOf(BARRIER_CATEGORIES)),
  resolution: z.enum(keysOf(RESOLUTIONS)),
  owner: text(200, 'The owner'),
  costPence: Pence.nullable(),
  evidence: text(8000, 'The evidence'),
  ask: text(8000, 'The ask of government'),
  offer: text(8000, 'The offer in return'),
  severity: z.enum(keysOf(SEVERITIES)),
  status: z.enum(keysOf(BARRIER_STATUSES)),
});
export type BarrierFields = z.infer<typeof BarrierFields>;
export const Barrier = BarrierFields.extend(RowMeta.shape);
export type Barrier = z.infer<typeof Barrier>;

/**
 * Creating a row: required fields must be given. A list field not given is saved as "not stated",
 * never a guess; a barrier not given a status is identified, a spend line not given a year is in the
 * count year, and one not said to be passed on is not.
 */
export const AgencyCreate = AgencyFields.partial().required({ name: true }).extend({ id: Id.optional() });
export const ThemeCreate = ThemeFields.partial().required({ name: true }).extend({ id: Id.optional() });
export const SpendCreate = SpendFields.partial().required({ agencyId: true, description: true, amountPence: true }).extend({ id: Id.optional() });
export const BarrierCreate = BarrierFields.partial().required({ title: true }).extend({ id: Id.optional() });
export type AgencyCreate = z.infer<typeof AgencyCreate>;
export type ThemeCreate = z.infer<typeof ThemeCreate>;
export type SpendCreate = z.infer<typeof SpendCreate>;
export type BarrierCreate = z.infer<typeof BarrierCreate>;

/** Changing a row: its id and the fields that change. */
export const AgencyPatch = AgencyFields.partial().extend({ id: Id });
export const ThemePatch = ThemeFields.partial().extend({ id: Id });
export const SpendPatch = SpendFields.partial().extend({ id: Id });
export const BarrierPatch = BarrierFields.partial().extend({ id: Id });
export const PilotPatch = PilotFields.partial();
export type AgencyPatch = z.infer<typeof AgencyPatch>;
export type ThemePatch = z.infer<typeof ThemePatch>;
export type SpendPatch = z.infer<typeof SpendPatch>;
export type BarrierPatch = z.infer<typeof BarrierPatch>;
export type PilotPatch = z.infer<typeof PilotPatch>;

/** Several changes to one table as one write (a paste, a duplicate): all saved, or none. */
export function batchOf<C extends z.ZodType, P extends z.ZodType>(create: C, patch: P, max: number) {
  return z.object({ creates: z.array(create).max(max).default([]), updates: z.array(patch).max(max).default([]) }).strict();
}
export const AgencyBatch = batchOf(AgencyCreate, AgencyPatch, 10_000);
export const ThemeBatch = batchOf(ThemeCreate, ThemePatch, 10_000);
export const SpendBatch = batchOf(SpendCreate, SpendPatch, 100_000);
export const BarrierBatch = batchOf(BarrierCreate, BarrierPatch, 10_000);

/** Columns the spend grid can sort by, and the filters it can apply — all done in SQL. */
export const SPEND_SORT_KEYS = ['agency', 'description', 'function', 'theme', 'year', 'amountPence', 'passedOn', 'kind', 'delivery', 'funding', 'purpose', 'confidence', 'source', 'notes', 'updatedAt'] as const;
export const SpendQuery = z.object({
  offset: z.int().min(0).default(0),
  limit: z.int().min(1).max(5000).default(200),
  /** Count and sum the lines that match (the grid asks once per filter, with its first page). */
  withCount: z.boolean().default(true),
  sort: z.array(z.object({ key: z.enum(SPEND_SORT_KEYS), dir: z.enum(['asc', 'desc']) })).max(4).default([]),
  filter: z
    .object({
      agencyIds: z.array(Id).max(1000).optional(),
      /** A theme id, or null for unallocated lines. */
      themeIds: z.array(Id.nullable()).max(1000).optional(),
      functions: z.array(z.enum(keysOf(FUNCTIONS))).optional(),
      controls: z.array(z.enum(keysOf(CONTROLS))).optional(),
      confidences: z.array(z.enum(keysOf(CONFIDENCES))).optional(),
      sources: z.array(z.enum(keysOf(SOURCES))).optional(),
      /** Only lines with a negative amount (income or recharges). */
      negative: z.boolean().optional(),
      search: z.string().max(200).optional(),
    })
    .default({}),
});
export type SpendQueryInput = z.input<typeof SpendQuery>;
export type SpendQuery = z.infer<typeof SpendQuery>;
export interface SpendPage {
  rows: SpendLine[];
  /** How many lines match the filter, and their sum: the grid's pinned bottom row (null when not asked for). */
  matching: number | null;
  /** Their sum as listed (gross). */
  matchingPence: number | null;
  /** Of those, the lines passed on to another agency in this count, and their sum: the totals net these out. */
  matchingPassedLines: number | null;
  matchingPassedPence: number | null;
}

/** Deleting an agency or theme that is in use needs a decision: move its rows, unallocate them, or cancel. */
export const DeleteAgencies = z.object({
  ids: z.array(Id).min(1).max(1000),
  /** Where this agency's spend lines and barrier links go. Without it (or `lines: 'delete'`), an agency in use is not deleted. */
  moveTo: Id.optional(),
  /** 'delete': delete its spend lines too, in the same change; its barriers stay but no longer name it. */
  lines: z.literal('delete').optional(),
});
export const DeleteThemes = z.object({
  ids: z.array(Id).min(1).max(1000),
  /** 'unallocated' clears the theme from spend lines and barriers; an id moves them to that theme. */
  reassign: z.union([z.literal('unallocated'), Id]).optional(),
});
export const DeleteRows = z.object({ ids: z.array(Id).min(1).max(100_000) });
