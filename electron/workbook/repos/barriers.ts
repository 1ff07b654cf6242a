/** Barriers: what stops the place working as one, with the ask of government. */
import { z } from 'zod';
import { NOT_STATED } from '../../../shared/enums';
import { Barrier, BarrierBatch, BarrierCreate, BarrierFields, BarrierPatch, DeleteRows } from '../../../shared/schemas';
import { parseOrThrow } from '../../../shared/validate';
import { newId, toUid } from '../db';
import { fromFile, uidOf } from '../from-file';
import type { Restore, Tx, WriteContext } from '../tx';
import { AUTHOR_JOIN, META, diff, idResolver, localId, notFound, type MetaRow } from './common';

interface BarrierRow extends MetaRow {
  id: number; title: string; description: string; theme_uid: Buffer | null; category: string; resolution: string; owner: string;
  cost_pence: number | null; evidence: string; ask: string; offer: string; severity: string; status: string;
}

const SELECT = `SELECT x.id, x.title, x.description, t.uid AS theme_uid, x.category, x.resolution, x.owner, x.cost_pence, x.evidence,
  x.ask, x.offer, x.severity, x.status, ${META} FROM barrier x LEFT JOIN theme t ON t.id = x.theme_id ${AUTHOR_JOIN}`;

const COLUMNS = ['title', 'description', 'theme_id', 'category', 'resolution', 'owner', 'cost_pence', 'evidence', 'ask', 'offer', 'severity', 'status'];

export class BarrierRepo {
  constructor(private readonly ctx: WriteContext) {}

  list(): Barrier[] {
    const rows = this.ctx.db.prepare(`${SELECT} ORDER BY x.id`).all() as BarrierRow[];
    const links = this.ctx.db.prepare('SELECT ba.barrier_id AS b, a.uid FROM barrier_agency ba JOIN agency a ON a.id = ba.agency_id ORDER BY a.id').all() as { b: number; uid: Buffer }[];
    const byBarrier = new Map<number, string[]>();
    for (const l of links) {
      const list = byBarrier.get(l.b) ?? [];
      list.push(uidOf(l.uid) as string);
      byBarrier.set(l.b, list);
    }
    return rows.map((r) => toBarrier(r, byBarrier.get(r.id) ?? []));
  }

  get(id: string): Barrier {
    const r = this.ctx.db.prepare(`${SELECT} WHERE x.uid = ?`).get(toUid(id)) as BarrierRow | undefined;
    if (!r) throw notFound('barrier');
    return toBarrier(r, this.agenciesOf(r.id));
  }

  private agenciesOf(n: number): string[] {
    return (this.ctx.db.prepare('SELECT a.uid FROM barrier_agency ba JOIN agency a ON a.id = ba.agency_id WHERE ba.barrier_id = ? ORDER BY a.id').all(n) as { uid: Buffer }[]).map((r) => uidOf(r.uid) as string);
  }

  create(input: unknown, restore?: Restore): Barrier[] {
    const rows = parseOrThrow(z.array(BarrierCreate).min(1).max(10_000), input, 'The new barrier');
    return this.ctx.write((tx) => {
      const ins = this.ctx.db.prepare(`INSERT INTO barrier (id, uid, ${COLUMNS.join(', ')}, created_at, updated_at, author_id) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')}, ?, ?, ?) RETURNING id`);
      const ids = rows.map((row) => {
        const f = parseOrThrow(BarrierFields, {
          description: '', themeId: null, agencyIds: [], category: NOT_STATED, resolution: NOT_STATED, owner: '', costPence: null,
          evidence: '', ask: '', offer: '', severity: NOT_STATED, status: 'identified', ...row,
        }, 'The new barrier');
        const id = row.id ?? newId();
        const { id: n } = ins.get(restore?.rowId ?? null, toUid(id), ...this.values(f), restore?.createdAt ?? tx.at, tx.at, tx.authorId) as { id: number };
        this.setAgencies(n, f.agencyIds);
        tx.log('barrier', toUid(id), 'insert', null, f);
        return id;
      });
      return ids.map((id) => this.get(id));
    });
  }

  /** Changes and new rows as one write (a paste, a duplicate): all saved, or none. */
  batch(input: unknown): { created: Barrier[]; updated: Barrier[] } {
    const req = parseOrThrow(BarrierBatch, input, 'The change');
    return this.ctx.write(() => ({
      updated: req.updates.length > 0 ? this.update(req.updates) : [],
      created: req.creates.length > 0 ? this.create(req.creates) : [],
    }));
  }

  update(input: unknown): Barrier[] {
    const patches = parseOrThrow(z.array(BarrierPatch).min(1).max(10_000), input, 'The barrier');
    return this.ctx.write((tx) => patches.map((p) => this.updateOne(tx, p)));
  }

  private updateOne(tx: Tx, p: z.infer<typeof BarrierPatch>): Barrier {
    const prev = this.get(p.id);
    const before = fieldsOf(prev);
    const next = parseOrThrow(BarrierFields, { ...before, ...p }, 'The barrier');
    const d = diff<Record<string, unknown>>(before, next);
    if (!d) return prev;
    const { id: n } = this.ctx.db.prepare(`UPDATE barrier SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, author_id = ? WHERE uid = ? RETURNING id`)
      .get(...this.values(next), tx.at, tx.authorId, toUid(p.id)) as { id: number };
    if ('agencyIds' in d.new) this.setAgencies(n, next.agencyIds);
    tx.log('barrier', toUid(p.id), 'update', d.old, d.new);
    return this.get(p.id);
  }

  delete(input: unknown): { deleted: number } {
    const req = parseOrThrow(DeleteRows, input, 'The delete');
    return this.ctx.write((tx) => {
      for (const id of req.ids) {
        const prev = this.get(id);
        const n = localId(this.ctx.db, 'barrier', id, 'barrier');
        this.ctx.db.prepare('DELETE FROM barrier WHERE id = ?').run(n);
        tx.log('barrier', toUid(id), 'delete', { ...fieldsOf(prev), createdAt: prev.createdAt, rowId: n }, null);
      }
      return { deleted: req.ids.length };
    });
  }

  private values(f: BarrierFields): unknown[] {
    const theme = idResolver(this.ctx.db, 'theme', 'theme');
    return [f.title, f.description, f.themeId === null ? null : theme(f.themeId), f.category, f.resolution, f.owner, f.costPence, f.evidence, f.ask, f.offer, f.severity, f.status];
  }

  private setAgencies(n: number, agencyIds: string[]): void {
    const agency = idResolver(this.ctx.db, 'agency', 'agency');
    const local = [...new Set(agencyIds)].map(agency);
    this.ctx.db.prepare('DELETE FROM barrier_agency WHERE barrier_id = ?').run(n);
    const ins = this.ctx.db.prepare('INSERT INTO barrier_agency (barrier_id, agency_id) VALUES (?, ?)');
    for (const a of local) ins.run(n, a);
  }
}

function fieldsOf(b: Barrier): BarrierFields {
  const { id: _i, createdAt: _c, updatedAt: _u, author: _a, ...fields } = b;
  return fields;
}

/** A barrier as read from the file, checked: one changed outside the app is refused in words, never cast. */
function toBarrier(r: BarrierRow, agencyIds: string[]): Barrier {
  return fromFile(Barrier, {
    title: r.title, description: r.description, themeId: r.theme_uid === null ? null : uidOf(r.theme_uid), agencyIds,
    category: r.category, resolution: r.resolution, owner: r.owner, costPence: r.cost_pence,
    evidence: r.evidence, ask: r.ask, offer: r.offer, severity: r.severity, status: r.status,
    id: uidOf(r.uid), createdAt: r.created_at, updatedAt: r.updated_at, author: r.author,
  }, `barrier ${r.id}`);
}
