/** Themes: the deep dives a spend line or barrier can belong to. */
import { z } from 'zod';
import { NOT_STATED } from '../../../shared/enums';
import { WorkbookError } from '../../../shared/errors';
import { Theme, ThemeBatch, DeleteThemes, ThemeCreate, ThemeFields, ThemePatch } from '../../../shared/schemas';
import { parseOrThrow } from '../../../shared/validate';
import { newId, toUid } from '../db';
import { fromFile } from '../from-file';
import type { Restore, Tx, WriteContext } from '../tx';
import { AUTHOR_JOIN, META, diff, localId, metaOf, notFound, type MetaRow } from './common';

interface ThemeRow extends MetaRow {
  id: number; name: string; category: string; description: string; cohort_size: number | null;
}

function themeFields(r: ThemeRow | Theme): ThemeFields {
  if ('cohort_size' in r) return { name: r.name, category: r.category as ThemeFields['category'], description: r.description, cohortSize: r.cohort_size };
  return { name: r.name, category: r.category, description: r.description, cohortSize: r.cohortSize };
}

const SELECT = `SELECT x.id, x.name, x.category, x.description, x.cohort_size, ${META} FROM theme x ${AUTHOR_JOIN}`;

export class ThemeRepo {
  constructor(private readonly ctx: WriteContext) {}

  list(): Theme[] {
    return (this.ctx.db.prepare(`${SELECT} ORDER BY x.id`).all() as ThemeRow[]).map(toTheme);
  }

  get(id: string): Theme {
    const r = this.ctx.db.prepare(`${SELECT} WHERE x.uid = ?`).get(toUid(id)) as ThemeRow | undefined;
    if (!r) throw notFound('theme');
    return toTheme(r);
  }

  create(input: unknown, restore?: Restore): Theme[] {
    const rows = parseOrThrow(z.array(ThemeCreate).min(1).max(10_000), input, 'The new theme');
    return this.ctx.write((tx) => {
      const ins = this.ctx.db.prepare('INSERT INTO theme (id, uid, name, category, description, cohort_size, created_at, updated_at, author_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const ids = rows.map((row) => {
        const f = parseOrThrow(ThemeFields, { category: NOT_STATED, description: '', cohortSize: null, ...row }, 'The new theme');
        const id = row.id ?? newId();
        ins.run(restore?.rowId ?? null, toUid(id), f.name, f.category, f.description, f.cohortSize, restore?.createdAt ?? tx.at, tx.at, tx.authorId);
        tx.log('theme', toUid(id), 'insert', null, f);
        return id;
      });
      return ids.map((id) => this.get(id));
    });
  }

  /** Changes and new rows as one write (a paste, a duplicate): all saved, or none. */
  batch(input: unknown): { created: Theme[]; updated: Theme[] } {
    const req = parseOrThrow(ThemeBatch, input, 'The change');
    return this.ctx.write(() => ({
      updated: req.updates.length > 0 ? this.update(req.updates) : [],
      created: req.creates.length > 0 ? this.create(req.creates) : [],
    }));
  }

  update(input: unknown): Theme[] {
    const patches = parseOrThrow(z.array(ThemePatch).min(1).max(10_000), input, 'The theme');
    return this.ctx.write((tx) => {
      const upd = this.ctx.db.prepare('UPDATE theme SET name = ?, category = ?, description = ?, cohort_size = ?, updated_at = ?, author_id = ? WHERE uid = ?');
      return patches.map((p) => {
        const prev = this.get(p.id);
        const before = themeFields(prev);
        const next = parseOrThrow(ThemeFields, { ...before, ...p }, 'The theme');
        const d = diff<Record<string, unknown>>(before, next);
        if (!d) return prev;
        upd.run(next.name, next.category, next.description, next.cohortSize, tx.at, tx.authorId, toUid(p.id));
        tx.log('theme', toUid(p.id), 'update', d.old, d.new);
        return this.get(p.id);
      });
    });
  }

  usage(id: string): { spendLines: number; barriers: number } {
    const n = localId(this.ctx.db, 'theme', id, 'theme');
    const spend = this.ctx.db.prepare('SELECT coalesce(sum(lines + passed_lines), 0) AS n FROM spend_cell WHERE theme_id = ?').get(n) as { n: number };
    const barriers = this.ctx.db.prepare('SELECT count(*) AS n FROM barrier WHERE theme_id = ?').get(n) as { n: number };
    return { spendLines: spend.n, barriers: barriers.n };
  }

  /** Delete themes. One in use needs `reassign`: 'unallocated', or the id of the theme its rows move to. */
  delete(input: unknown): { deleted: number; moved: number } {
    const req = parseOrThrow(DeleteThemes, input, 'The delete');
    return this.ctx.write((tx) => {
      const db = this.ctx.db;
      const target = req.reassign && req.reassign !== 'unallocated' ? localId(db, 'theme', req.reassign, 'theme to move to') : null;
      if (req.reassign && req.reassign !== 'unallocated' && req.ids.includes(req.reassign)) {
        throw new WorkbookError('validation', 'The theme to move spend lines to is one of those being deleted. Choose another theme, or make them unallocated.');
      }
      let moved = 0;
      for (const id of req.ids) {
        const prev = this.get(id);
        const n = localId(db, 'theme', id, 'theme');
        const use = this.usage(id);
        if (use.spendLines + use.barriers > 0) {
          if (!req.reassign) {
            throw new WorkbookError('in-use', `"${prev.name}" has ${use.spendLines.toLocaleString('en-GB')} spend line${use.spendLines === 1 ? '' : 's'} and ${use.barriers} barrier${use.barriers === 1 ? '' : 's'}. Move them to another theme or make them unallocated before deleting it.`, { themeId: id, ...use });
          }
          moved += this.reassignRows(tx, n, target, id, req.reassign === 'unallocated' ? null : req.reassign);
        }
        db.prepare('DELETE FROM theme WHERE id = ?').run(n);
        tx.log('theme', toUid(id), 'delete', { ...themeFields(prev), createdAt: prev.createdAt, rowId: n }, null);
      }
      return { deleted: req.ids.length, moved };
    });
  }

  private reassignRows(tx: Tx, from: number, to: number | null, fromId: string, toId: string | null): number {
    const db = this.ctx.db;
    let moved = 0;
    for (const table of ['spend_line', 'barrier'] as const) {
      const rows = db.prepare(`UPDATE ${table} SET theme_id = ?, updated_at = ?, author_id = ? WHERE theme_id = ? RETURNING uid`).all(to, tx.at, tx.authorId, from) as { uid: Buffer }[];
      for (const r of rows) tx.log(table, r.uid, 'update', { themeId: fromId }, { themeId: toId });
      moved += rows.length;
    }
    return moved;
  }
}

/** A theme as read from the file, checked: one changed outside the app is refused in words, never cast. */
function toTheme(r: ThemeRow): Theme {
  return fromFile(Theme, { ...themeFields(r), ...metaOf(r) }, `theme ${r.id}`);
}

