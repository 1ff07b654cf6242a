/** The pilot's details: one row per workbook. */
import { Pilot, PilotPatch, PilotFields } from '../../../shared/schemas';
import { parseOrThrow } from '../../../shared/validate';
import { changedOutside, fromFile } from '../from-file';
import type { WriteContext } from '../tx';
import { AUTHOR_JOIN, META, diff, metaOf, type MetaRow } from './common';

interface PilotRow extends MetaRow {
  name: string; place: string; region: string | null; lead_body: string; population: number | null; count_year: number; display_units: string;
}

function fieldsOf(r: PilotRow): PilotFields {
  return {
    name: r.name, place: r.place, region: r.region as PilotFields['region'], leadBody: r.lead_body,
    population: r.population, countYear: r.count_year, displayUnits: r.display_units as PilotFields['displayUnits'],
  };
}

export class PilotRepo {
  constructor(private readonly ctx: WriteContext) {}

  /** The pilot's details as read from the file, checked: changed outside the app, they are refused in words, never cast. */
  get(): Pilot {
    const r = this.ctx.db.prepare(`SELECT x.*, ${META} FROM pilot x ${AUTHOR_JOIN}`).get() as PilotRow | undefined;
    if (!r) throw changedOutside('the pilot\'s details', null);
    return fromFile(Pilot, { ...fieldsOf(r), ...metaOf(r) }, 'the pilot\'s details');
  }

  update(input: unknown): Pilot {
    const patch = parseOrThrow(PilotPatch, input, 'The pilot details');
    return this.ctx.write((tx) => {
      const prev = this.get();
      const next = parseOrThrow(PilotFields, { ...fieldsOf0(prev), ...patch }, 'The pilot details');
      const d = diff<Record<string, unknown>>(fieldsOf0(prev), next);
      if (!d) return prev;
      this.ctx.db.prepare(`UPDATE pilot SET name = ?, place = ?, region = ?, lead_body = ?, population = ?, count_year = ?, display_units = ?, updated_at = ?, author_id = ?`)
        .run(next.name, next.place, next.region, next.leadBody, next.population, next.countYear, next.displayUnits, tx.at, tx.authorId);
      const uid = (this.ctx.db.prepare('SELECT uid FROM pilot').get() as { uid: Buffer }).uid;
      tx.log('pilot', uid, 'update', d.old, d.new);
      return this.get();
    });
  }
}

function fieldsOf0(p: Pilot): PilotFields {
  const { name, place, region, leadBody, population, countYear, displayUnits } = p;
  return { name, place, region, leadBody, population, countYear, displayUnits };
}
