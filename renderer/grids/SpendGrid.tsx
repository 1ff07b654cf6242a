/**
 * The spend grid: pages its rows from the store (AG Grid's infinite row model), with sorting and
 * searching done in SQL — it never loads all lines into the window. The pinned bottom row shows how
 * many lines match and their sum.
 */
import type { ColDef, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CONFIDENCES, DELIVERY, FUNCTIONS, FUNDING_BASES, PURPOSES, SOURCES, SPEND_KINDS, type DisplayUnit, type EnumItem } from '../../shared/enums';
import type { Agency, SpendLine, SpendQueryInput, Theme } from '../../shared/schemas';
import { formatYear } from '../../shared/years';
import { api } from '../api/bridge';
import { count, label, money, unitLabel } from '../format';
import { gridTheme } from './theme';

type SortKey = NonNullable<SpendQueryInput['sort']>[number]['key'];
const SORTABLE: Record<string, SortKey> = {
  agency: 'agency', description: 'description', function: 'function', theme: 'theme', year: 'year', amountPence: 'amountPence', confidence: 'confidence', source: 'source',
};

interface Props {
  unit: DisplayUnit;
  agencies: Agency[];
  themes: Theme[];
  search: string;
  revision: number;
  onError: (e: unknown) => void;
}

type Footer = { id: string; description: string; amountPence: number; footer: true };

export function SpendGrid({ unit, agencies, themes, search, revision, onError }: Props) {
  const grid = useRef<GridApi | null>(null);
  const [footer, setFooter] = useState<{ matching: number; pence: number } | null>(null);
  const agencyName = useMemo(() => new Map(agencies.map((a) => [a.id, a.name])), [agencies]);
  const themeName = useMemo(() => new Map(themes.map((t) => [t.id, t.name])), [themes]);

  const columns = useMemo<ColDef[]>(() => {
    const e = (field: string, headerName: string, items: readonly EnumItem[], width: number): ColDef => ({
      colId: field, field, headerName, width, sortable: field in SORTABLE, valueFormatter: (p) => label(items, p.value as string),
    });
    return [
      { colId: 'agency', headerName: 'Agency', field: 'agencyId', width: 220, sortable: true, valueFormatter: (p) => (p.data?.footer ? '' : agencyName.get(p.value as string) ?? '') },
      { colId: 'description', field: 'description', headerName: 'Service', flex: 1, minWidth: 220, sortable: true },
      { colId: 'amountPence', field: 'amountPence', headerName: `Amount (${unitLabel(unit)})`, width: 150, sortable: true, type: 'rightAligned', cellClass: 'num', valueFormatter: (p) => money(p.value as number, unit) },
      { colId: 'theme', field: 'themeId', headerName: 'Theme', width: 170, sortable: true, valueFormatter: (p) => (p.data?.footer ? '' : p.value ? themeName.get(p.value as string) ?? '' : 'Unallocated') },
      e('function', 'Function', FUNCTIONS, 190),
      { colId: 'year', field: 'year', headerName: 'Year', width: 90, sortable: true, valueFormatter: (p) => (p.value ? formatYear(p.value as number) : '') },
      { colId: 'passedOn', field: 'passedOn', headerName: 'Passed on', width: 100, sortable: false, valueFormatter: (p) => (p.data?.footer ? '' : p.value ? 'Yes' : 'No') },
      e('kind', 'Revenue / capital', SPEND_KINDS, 140),
      e('delivery', 'Frontline / admin', DELIVERY, 140),
      e('funding', 'Funding', FUNDING_BASES, 180),
      e('purpose', 'Prevention', PURPOSES, 170),
      e('source', 'Source', SOURCES, 140),
      e('confidence', 'Confidence', CONFIDENCES, 110),
      { colId: 'notes', field: 'notes', headerName: 'Notes', width: 260, sortable: false, tooltipField: 'notes' },
    ];
  }, [unit, agencyName, themeName]);

  const datasource = useMemo<IDatasource>(() => ({
    getRows: (p) => {
      const sort = (p.sortModel as SortModelItem[]).filter((s) => s.colId in SORTABLE).map((s) => ({ key: SORTABLE[s.colId]!, dir: s.sort }));
      api('spend.page', { offset: p.startRow, limit: p.endRow - p.startRow, sort, filter: search.trim() ? { search: search.trim() } : {} })
        .then((page) => {
          setFooter({ matching: page.matching, pence: page.matchingPence });
          p.successCallback(page.rows, page.matching);
        })
        .catch((e: unknown) => {
          p.failCallback();
          onError(e);
        });
    },
  }), [search, onError]);

  useEffect(() => {
    grid.current?.setGridOption('datasource', datasource);
  }, [datasource, revision]);

  const pinned: Footer[] = footer
    ? [{ id: 'footer', footer: true, description: `${count(footer.matching)} line${footer.matching === 1 ? '' : 's'}${search.trim() ? ' matching' : ''}`, amountPence: footer.pence }]
    : [];

  return (
    <div className="grid-wrap" role="region" aria-label="Spend lines">
      <AgGridReact<SpendLine | Footer>
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={200}
        maxBlocksInCache={50}
        columnDefs={columns}
        defaultColDef={{ resizable: true }}
        getRowId={(p) => p.data.id}
        pinnedBottomRowData={pinned}
        getRowClass={(p) => (p.node.rowPinned ? 'footer-row' : undefined)}
        onGridReady={(e) => {
          grid.current = e.api;
        }}
        enableCellTextSelection
      />
    </div>
  );
}
