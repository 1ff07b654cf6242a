/** Agencies: the bodies that spend public money in the place. */
import { z } from 'zod';
import { NOT_STATED } from '../../../shared/enums';
import { WorkbookError } from '../../../shared/errors';
import { AgencyBatch, AgencyCreate, AgencyFields, AgencyPatch, DeleteAgencies, type Agency } from '../../../shared/schemas';
import { parseOrThrow } from '../../../shared/validate';
import { fromUid, newId, toUid } from '../db';
import type { Restore, Tx, WriteContext } from '../tx';
import { AUTHOR_JOIN, META, diff, localId, metaOf, notFound, type MetaRow } from './common';

interface AgencyRow extends MetaRow {
  id: number; name: string; type: string; tier: string; control: string;
}

export function agencyFields(r: { name: string; type: string; tier: string; control: string }): AgencyFields {
  return { name: r.name, type: r.type as AgencyFields['type'], tier: r.tier as AgencyFields['tier'], control: r.control as AgencyFields['control'] };
}

const SELECT = `SELECT x.id, x.name, x.type, x.tier, x.control, ${META} FROM agency x ${AUTHOR_JOIN}`;

export class AgencyRepo {
  constructor(private readonly ctx: WriteContext) {}

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

  /** How many spend lines and barriers name an agency: what a delete would touch. */
  usage(id: string): { spendLines: number; barriers: number } {
    const n = localId(this.ctx.db, 'agency', id, 'agency');
    const spend = this.ctx.db.prepare('SELECT coalesce(sum(lines + passed_lines), 0) AS n FROM spend_cell WHERE agency_id = ?').get(n) as { n: number };
    const barriers = this.ctx.db.prepare('SELECT count(*) AS n FROM barrier_agency WHERE agency_id = ?').get(n) as { n: number };
    return { spendLines: spend.n, barriers: barriers.n };
  }

  /**
   * Delete agencies. One that still has spend lines or barriers is never deleted silently: without
   * `moveTo` the delete is refused with what it would touch; with it, those rows move first.
   */
  delete(input: unknown): { deleted: number; moved: number } {
    const req = parseOrThrow(DeleteAgencies, input, 'The delete');
    return this.ctx.write((tx) => {
      const db = this.ctx.db;
      const target = req.moveTo ? localId(db, 'agency', req.moveTo, 'agency to move to') : null;
      if (req.moveTo && req.ids.includes(req.moveTo)) {
        throw new WorkbookError('validation', 'The agency to move spend lines to is one of those being deleted. Choose another agency.');
      }
      let moved = 0;
      for (const id of req.ids) {
        const prev = this.get(id);
        const n = localId(db, 'agency', id, 'agency');
        const use = this.usage(id);
        if (use.spendLines + use.barriers > 0) {
          if (target === null) {
            throw new WorkbookError('in-use', `"${prev.name}" has ${use.spendLines.toLocaleString('en-GB')} spend line${use.spendLines === 1 ? '' : 's'} and ${use.barriers} barrier${use.barriers === 1 ? '' : 's'}. Choose an agency to move them to before deleting it.`, { agencyId: id, ...use });
          }
          moved += this.moveRows(tx, n, target, id, req.moveTo!);
        }
        db.prepare('DELETE FROM agency WHERE id = ?').run(n);
        tx.log('agency', toUid(id), 'delete', { ...agencyFields(prev), createdAt: prev.createdAt, rowId: n }, null);
      }
      return { deleted: req.ids.length, moved };
    });
  }

  private moveRows(tx: Tx, from: number, to: number, fromId: string, toId: string): number {
    const db = this.ctx.db;
    const lines = db.prepare('UPDATE spend_line SET agency_id = ?, updated_at = ?, author_id = ? WHERE agency_id = ? RETURNING uid').all(to, tx.at, tx.authorId, from) as { uid: Buffer }[];
    for (const l of lines) tx.log('spend_line', l.uid, 'update', { agencyId: fromId }, { agencyId: toId });
    const barriers = db.prepare('SELECT b.id, b.uid FROM barrier b JOIN barrier_agency ba ON ba.barrier_id = b.id WHERE ba.agency_id = ?').all(from) as { id: number; uid: Buffer }[];
    const agenciesOf = db.prepare('SELECT a.uid FROM barrier_agency ba JOIN agency a ON a.id = ba.agency_id WHERE ba.barrier_id = ? ORDER BY a.id');
    for (const b of barriers) {
      const before = (agenciesOf.all(b.id) as { uid: Buffer }[]).map((r) => fromUid(r.uid));
      db.prepare('DELETE FROM barrier_agency WHERE barrier_id = ? AND agency_id = ?').run(b.id, from);
      db.prepare('INSERT OR IGNORE INTO barrier_agency (barrier_id, agency_id) VALUES (?, ?)').run(b.id, to);
      db.prepare('UPDATE barrier SET updated_at = ?, author_id = ? WHERE id = ?').run(tx.at, tx.authorId, b.id);
      const after = (agenciesOf.all(b.id) as { uid: Buffer }[]).map((r) => fromUid(r.uid));
      tx.log('barrier', b.uid, 'update', { agencyIds: before }, { agencyIds: after });
    }
    return lines.length + barriers.length;
  }
}

function toAgency(r: AgencyRow): Agency {
  return { ...agencyFields(r), ...metaOf(r) };
}
