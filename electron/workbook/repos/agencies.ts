/** Agencies: the bodies that spend public money in the place. */
import { z } from 'zod';
import { NOT_STATED } from '../../../shared/enums';
import { WorkbookError } from '../../../shared/errors';
import { Agency, AgencyBatch, AgencyCreate, AgencyFields, AgencyPatch, DeleteAgencies } from '../../../shared/schemas';
import { parseOrThrow } from '../../../shared/validate';
import { fromUid, newId, toUid } from '../db';
import { fromFile } from '../from-file';
import type { Restore, Tx, WriteContext } from '../tx';
import { AUTHOR_JOIN, META, diff, localId, metaOf, notFound, type MetaRow } from './common';
import type { SpendRepo } from './spend';

interface AgencyRow extends MetaRow {
  id: number; name: string; type: string; tier: string; control: string;
}

export function agencyFields(r: { name: string; type: string; tier: string; control: string }): AgencyFields {
  return { name: r.name, type: r.type as AgencyFields['type'], tier: r.tier as AgencyFields['tier'], control: r.control as AgencyFields['control'] };
}

const SELECT = `SELECT x.id, x.name, x.type, x.tier, x.control, ${META} FROM agency x ${AUTHOR_JOIN}`;

export class AgencyRepo {
  /** `spend`: an agency's lines deleted with it go through the spend repository, so each is logged and can be restored. */
  constructor(private readonly ctx: WriteContext, private readonly spend: Pick<SpendRepo, 'delete'>) {}

  list(): Agency[] {
    return (this.ctx.db.prepare(`${SELECT} ORDER BY x.id`).all() as AgencyRow[]).map(toAgency);
  }

  get(id: string): Agency {
    const r = this.ctx.db.prepare(`${SELECT} WHERE x.uid = ?`).get(toUid(id)) as AgencyRow | undefined;
    if (!r) throw notFound('agency');
    return toAgency(r);
  }

  create(input: unknown, restore?: Restore): Agency[] {
    const rows = parseOrThrow(z.array(AgencyCreate).min(1).max(10_000), input, 'The new agency');
    return this.ctx.write((tx) => {
      const ins = this.ctx.db.prepare('INSERT INTO agency (id, uid, name, type, tier, control, created_at, updated_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const ids: string[] = [];
      for (const row of rows) {
        const f = parseOrThrow(AgencyFields, { type: NOT_STATED, tier: NOT_STATED, control: NOT_STATED, ...row }, 'The new agency');
        const id = row.id ?? newId();
        ins.run(restore?.rowId ?? null, toUid(id), f.name, f.type, f.tier, f.control, restore?.createdAt ?? tx.at, tx.at, tx.authorId);
        tx.log('agency', toUid(id), 'insert', null, f);
        ids.push(id);
      }
      return ids.map((id) => this.get(id));
    });
  }

  /** Changes and new rows as one write (a paste, a duplicate): all saved, or none. */
  batch(input: unknown): { created: Agency[]; updated: Agency[] } {
    const req = parseOrThrow(AgencyBatch, input, 'The change');
    return this.ctx.write(() => ({
      updated: req.updates.length > 0 ? this.update(req.updates) : [],
      created: req.creates.length > 0 ? this.create(req.creates) : [],
    }));
  }

  update(input: unknown): Agency[] {
    const patches = parseOrThrow(z.array(AgencyPatch).min(1).max(10_000), input, 'The agency');
    return this.ctx.write((tx) => {
      const upd = this.ctx.db.prepare('UPDATE agency SET name = ?, type = ?, tier = ?, control = ?, updated_at = ?, author_id = ? WHERE uid = ?');
      return patches.map((p) => {
        const prev = this.get(p.id);
        const before = agencyFields(prev);
        const next = parseOrThrow(AgencyFields, { ...before, ...p }, 'The agency');
        const d = diff<Record<string, unknown>>(before, next);
        if (!d) return prev;
        upd.run(next.name, next.type, next.tier, next.control, tx.at, tx.authorId, toUid(p.id));
        tx.log('agency', toUid(p.id), 'update', d.old, d.new);
        return this.get(p.id);
      });
    });
  }

  /** How many spend lines (and their pence, gross: passed-on lines too) and barriers name an agency: what a delete would touch. */
  usage(id: string): { spendLines: number; pence: number; barriers: number } {
    const n = localId(this.ctx.db, 'agency', id, 'agency');
    const spend = this.ctx.db.prepare('SELECT coalesce(sum(lines + passed_lines), 0) AS n, coalesce(sum(pence + passed_pence), 0) AS p FROM spend_cell WHERE agency_id = ?').get(n) as { n: number; p: number };
    const barriers = this.ctx.db.prepare('SELECT count(*) AS n FROM barrier_agency WHERE agency_id = ?').get(n) as { n: number };
    return { spendLines: spend.n, pence: spend.p, barriers: barriers.n };
  }

  /**
   * Delete agencies. One that still has spend lines or barriers is never deleted silently: without
   * `moveTo` or `lines: 'delete'` the delete is refused with what it would touch. With `moveTo`, its
   * lines and barrier links move first; with `lines: 'delete'`, its lines are deleted (each logged, so
   * one undo brings them back with their ids) and its barriers stay but no longer name it. All one change.
   */
  delete(input: unknown): { deleted: number; moved: number; linesDeleted: number } {
    const req = parseOrThrow(DeleteAgencies, input, 'The delete');
    if (req.moveTo && req.lines === 'delete') {
      throw new WorkbookError('validation', 'Choose either an agency to move the spend lines to, or to delete them, not both.');
    }
    return this.ctx.write((tx) => {
      const db = this.ctx.db;
      const target = req.moveTo ? localId(db, 'agency', req.moveTo, 'agency to move to') : null;
      if (req.moveTo && req.ids.includes(req.moveTo)) {
        throw new WorkbookError('validation', 'The agency to move spend lines to is one of those being deleted. Choose another agency.');
      }
      let moved = 0;
      let linesDeleted = 0;
      for (const id of req.ids) {
        const prev = this.get(id);
        const n = localId(db, 'agency', id, 'agency');
        const use = this.usage(id);
        if (use.spendLines + use.barriers > 0) {
          if (req.lines === 'delete') {
            linesDeleted += this.deleteLines(n);
            this.relinkBarriers(tx, n, null);
          } else if (target === null) {
            throw new WorkbookError('in-use', `"${prev.name}" has ${use.spendLines.toLocaleString('en-GB')} spend line${use.spendLines === 1 ? '' : 's'} and ${use.barriers} barrier${use.barriers === 1 ? '' : 's'}. Choose an agency to move them to, or delete its spend lines too, before deleting it.`, { agencyId: id, ...use });
          } else {
            moved += this.moveRows(tx, n, target, id, req.moveTo!);
          }
        }
        db.prepare('DELETE FROM agency WHERE id = ?').run(n);
        tx.log('agency', toUid(id), 'delete', { ...agencyFields(prev), createdAt: prev.createdAt, rowId: n }, null);
      }
      return { deleted: req.ids.length, moved, linesDeleted };
    });
  }

  private moveRows(tx: Tx, from: number, to: number, fromId: string, toId: string): number {
    const db = this.ctx.db;
    const lines = db.prepare('UPDATE spend_line SET agency_id = ?, updated_at = ?, author_id = ? WHERE agency_id = ? RETURNING uid').all(to, tx.at, tx.authorId, from) as { uid: Buffer }[];
    for (const l of lines) tx.log('spend_line', l.uid, 'update', { agencyId: fromId }, { agencyId: toId });
    return lines.length + this.relinkBarriers(tx, from, to);
  }

  /** Delete an agency's spend lines through the spend repository (one log entry each, in the current change). */
  private deleteLines(agency: number): number {
    const ids = (this.ctx.db.prepare('SELECT uid FROM spend_line WHERE agency_id = ? ORDER BY id').all(agency) as { uid: Buffer }[]).map((r) => fromUid(r.uid));
    for (let i = 0; i < ids.length; i += 50_000) this.spend.delete({ ids: ids.slice(i, i + 50_000) });
    return ids.length;
  }

  /** The barriers that name agency `from` name `to` instead (null: no longer name it); each barrier's agencies logged before and after. */
  private relinkBarriers(tx: Tx, from: number, to: number | null): number {
    const db = this.ctx.db;
    const barriers = db.prepare('SELECT b.id, b.uid FROM barrier b JOIN barrier_agency ba ON ba.barrier_id = b.id WHERE ba.agency_id = ?').all(from) as { id: number; uid: Buffer }[];
    const agenciesOf = db.prepare('SELECT a.uid FROM barrier_agency ba JOIN agency a ON a.id = ba.agency_id WHERE ba.barrier_id = ? ORDER BY a.id');
    for (const b of barriers) {
      const before = (agenciesOf.all(b.id) as { uid: Buffer }[]).map((r) => fromUid(r.uid));
      db.prepare('DELETE FROM barrier_agency WHERE barrier_id = ? AND agency_id = ?').run(b.id, from);
      if (to !== null) db.prepare('INSERT OR IGNORE INTO barrier_agency (barrier_id, agency_id) VALUES (?, ?)').run(b.id, to);
      db.prepare('UPDATE barrier SET updated_at = ?, author_id = ? WHERE id = ?').run(tx.at, tx.authorId, b.id);
      const after = (agenciesOf.all(b.id) as { uid: Buffer }[]).map((r) => fromUid(r.uid));
      tx.log('barrier', b.uid, 'update', { agencyIds: before }, { agencyIds: after });
    }
    return barriers.length;
  }
}

/** An agency as read from the file, checked: one changed outside the app is refused in words, never cast. */
function toAgency(r: AgencyRow): Agency {
  return fromFile(Agency, { ...agencyFields(r), ...metaOf(r) }, `agency ${r.id}`);
}
