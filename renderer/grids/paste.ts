/**
 * Pasting a block from Excel into a grid, as people really copy: the plan comes from ./clipboard
 * (header row, units, choices by their common names — all or nothing); this module asks what the plan
 * can't know — which unit plain numbers are in, what to do with agencies the workbook doesn't have —
 * then saves the whole paste as one change, and says what it did.
 */
import { createElement, useCallback, useState, type MutableRefObject, type ReactNode } from 'react';
import type { DisplayUnit } from '../../shared/enums';
import { api } from '../api/bridge';
import { explain } from '../api/errors';
import { parseBlock, planPaste, type PasteTarget } from './clipboard';
import type { Names, Table } from './fields';
import { UnitQuestion, UnknownAgenciesDialog, type AgencyChoices, type PasteProblem, type UnknownAgency } from './PasteDialogs';

export type { PasteProblem };

const WORDS: Record<Table, [string, string]> = { agency: ['agency', 'agencies'], theme: ['theme', 'themes'], spend: ['spend line', 'spend lines'], barrier: ['barrier', 'barriers'] };

interface Options {
  table: Table;
  unit: DisplayUnit;
  names: MutableRefObject<Names>;
  save: (batch: { creates?: Record<string, unknown>[]; updates?: Record<string, unknown>[] }) => Promise<unknown>;
  onProblems: (title: string, problems: PasteProblem[]) => void;
  onNotice: (message: string) => void;
  onNamesChanged: () => Promise<void>;
}

export function usePaste({ table, unit, names, save, onProblems, onNotice, onNamesChanged }: Options): { run: (text: string, target: PasteTarget) => Promise<void>; dialog: ReactNode } {
  const [dialog, setDialog] = useState<ReactNode>(null);

  /** Show a question and wait for its answer (null: the user cancelled). */
  const ask = useCallback(<T,>(render: (answer: (v: T | null) => void) => ReactNode) => new Promise<T | null>((resolve) => {
    setDialog(render((v) => {
      setDialog(null);
      resolve(v);
    }));
  }), []);

  const run = useCallback(async (text: string, target: PasteTarget) => {
    const block = parseBlock(text);
    if (block.length === 0) return;
    let blockUnit: DisplayUnit | undefined;
    let aliases: Record<string, string> = {};
    const added: string[] = [];
    for (;;) {
      const plan = planPaste(table, block, target, names.current, { unit, ...(blockUnit ? { blockUnit } : {}), aliases });
      if (plan.ok) {
        try {
          await save({ creates: plan.creates, updates: plan.updates });
        } catch (e) {
          onProblems('Nothing was pasted', [{ column: '', text: '', rows: [], reason: explain(e).message }]);
          return;
        }
        const n = plan.creates.length + plan.updates.length;
        const parts = [`Pasted ${n} ${WORDS[table][n === 1 ? 0 : 1]}`];
        if (plan.creates.length > 0 && plan.updates.length > 0) parts[0] += ` (${plan.creates.length} new, ${plan.updates.length} changed)`;
        if (plan.headerUsed) parts.push('the header row matched the columns by name');
        if (plan.ignoredColumns.length > 0) parts.push(`left out ${plan.ignoredColumns.map((c) => `“${c}”`).join(', ')} (no such column here)`);
        if (added.length > 0) parts.push(`added ${added.length === 1 ? 'the agency' : `${added.length} agencies`} ${added.map((a) => `“${a}”`).join(', ')}`);
        onNotice(`${parts.join('; ')}. Undo with Ctrl+Z.`);
        return;
      }
      if (plan.needsUnit && !blockUnit) {
        const sample = plan.unitSample ?? [];
        const chosen = await ask<DisplayUnit>((answer) => createElement(UnitQuestion, { shown: unit, sample, onChoose: (u: DisplayUnit) => answer(u), onCancel: () => answer(null) }));
        if (!chosen) return;
        blockUnit = chosen;
        continue;
      }
      if (plan.problems.length === 0 && plan.unknownAgencies.length > 0) {
        const unknown: UnknownAgency[] = plan.unknownAgencies;
        const choices = await ask<AgencyChoices>((answer) => createElement(UnknownAgenciesDialog, { unknown, onDone: (c: AgencyChoices) => answer(c), onCancel: () => answer(null) }));
        if (!choices) return;
        const toAdd = Object.entries(choices).filter(([, c]) => c === 'add').map(([name]) => name);
        const next: Record<string, string> = { ...aliases };
        for (const [name, c] of Object.entries(choices)) if (c !== 'add') next[name] = c;
        if (toAdd.length > 0) {
          try {
            const created = await api('agency.create', { rows: toAdd.map((name) => ({ name })) });
            created.forEach((a, i) => {
              next[toAdd[i]!] = a.id;
            });
            added.push(...toAdd);
            await onNamesChanged();
          } catch (e) {
            onProblems('Nothing was pasted', [{ column: 'Agency', text: '', rows: [], reason: explain(e).message }]);
            return;
          }
        }
        aliases = next;
        continue;
      }
      const unknownAsProblems: PasteProblem[] = plan.unknownAgencies.map((u) => ({
        column: 'Agency', text: u.name, rows: u.rows,
        reason: `There is no agency of that name${u.near.length > 0 ? ` (did you mean “${u.near[0]!.name}”?)` : ''}. Add it on the Agencies tab, or correct the name`,
      }));
      onProblems('Nothing was pasted', [...plan.problems, ...unknownAsProblems]);
      return;
    }
  }, [table, unit, names, save, onProblems, onNotice, onNamesChanged, ask]);

  return { run, dialog };
}
