/** A grid over a list held in the renderer (agencies, themes, barriers: hundreds of rows at most). */
import type { ColDef, GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useRef } from 'react';
import { gridTheme } from './theme';

interface Props<T> {
  rows: T[];
  columns: ColDef<T>[];
  search: string;
  label: string;
  empty: string;
}

export function ListGrid<T extends { id: string }>({ rows, columns, search, label, empty }: Props<T>) {
  const api = useRef<GridApi<T> | null>(null);
  useEffect(() => {
    api.current?.setGridOption('quickFilterText', search);
  }, [search]);
  return (
    <div className="grid-wrap" aria-label={label} role="region">
      <AgGridReact<T>
        theme={gridTheme}
        rowData={rows}
        columnDefs={columns}
        defaultColDef={{ sortable: true, filter: true, resizable: true }}
        getRowId={(p) => p.data.id}
        quickFilterText={search}
        overlayNoRowsTemplate={`<span class="grid-empty">${empty}</span>`}
        onGridReady={(e) => {
          api.current = e.api;
        }}
        enableCellTextSelection
        ensureDomOrder
      />
    </div>
  );
}
