/**
 * Print Submission / Export Submission as PDF: choose the sections, the units and how wide tables
 * print, see the report as it will print (the same renderer the PDF uses), then print or export.
 */
import { useEffect, useRef, useState } from 'react';
import { DISPLAY_UNITS, type DisplayUnit } from '../../shared/enums';
import { REPORT_SECTIONS, defaultReportOptions, type ReportOptions, type ReportSection } from '../../shared/report/types';
import { api } from '../api/bridge';
import { explain, isCancelled } from '../api/errors';
import { setReportHtml } from '../trusted-types';
import { useEscape } from './useEscape';

interface Props {
  units: DisplayUnit;
  primary: 'print' | 'pdf';
  onClose: () => void;
  onDone: (message: string) => void;
}

export function ReportDialog({ units, primary, onClose, onDone }: Props) {
  const [options, setOptions] = useState<ReportOptions>(() => defaultReportOptions(units));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const preview = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEscape(onClose);
  useEffect(() => first.current?.focus(), []);

  useEffect(() => {
    if (options.sections.length === 0) return;
    let live = true;
    api('report.preview', { options })
      .then(({ html }) => {
        if (!live || !preview.current) return;
        // The report is our own escaped HTML with no script, let in through the 'report-preview' Trusted
        // Types policy; a shadow root keeps its print styles to itself.
        const root = preview.current.shadowRoot ?? preview.current.attachShadow({ mode: 'open' });
        setReportHtml(root, html);
      })
      .catch((e: unknown) => live && setProblem(explain(e).message));
    return () => {
      live = false;
    };
  }, [options]);

  const toggle = (key: ReportSection) => setOptions((o) => ({ ...o, sections: o.sections.includes(key) ? o.sections.filter((s) => s !== key) : REPORT_SECTIONS.map((s) => s.key).filter((s) => s === key || o.sections.includes(s)) }));

  async function run(kind: 'print' | 'pdf') {
    if (options.sections.length === 0) return setProblem('Choose at least one section to print.');
    setProblem(null);
    setBusy(kind === 'pdf' ? 'Making the PDF…' : 'Opening the print dialog…');
    try {
      if (kind === 'pdf') {
        const r = await api('report.exportPdf', { options });
        onDone(`Exported the submission as “${r.fileName}”.`);
      } else {
        await api('report.print', { options });
        onDone('Sent the submission to the printer.');
      }
    } catch (e) {
      if (!isCancelled(e)) setProblem(explain(e).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="modal-backdrop">
      <div className="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby="report-title" aria-busy={busy !== null}>
        <h2 id="report-title">{primary === 'pdf' ? 'Export the pilot submission as PDF' : 'Print the pilot submission'}</h2>
        <div className="report-layout">
          <div className="report-options">
            <fieldset className="field">
              <legend>Sections</legend>
              {REPORT_SECTIONS.map((s) => (
                <label key={s.key} className="check"><input type="checkbox" checked={options.sections.includes(s.key)} onChange={() => toggle(s.key)} /> {s.label}</label>
              ))}
            </fieldset>
            <fieldset className="field">
              <legend>Amounts in</legend>
              {DISPLAY_UNITS.map((u) => (
                <label key={u.key} className="check"><input type="radio" name="report-units" checked={options.units === u.key} onChange={() => setOptions((o) => ({ ...o, units: u.key }))} /> {u.label}</label>
              ))}
            </fieldset>
            <fieldset className="field">
              <legend>Wide tables</legend>
              <label className="check"><input type="radio" name="report-wide" checked={options.wideTables === 'landscape'} onChange={() => setOptions((o) => ({ ...o, wideTables: 'landscape' }))} /> On landscape pages</label>
              <label className="check"><input type="radio" name="report-wide" checked={options.wideTables === 'portrait'} onChange={() => setOptions((o) => ({ ...o, wideTables: 'portrait' }))} /> Portrait, like the rest</label>
            </fieldset>
            {problem && <p className="field-message" role="alert">{problem}</p>}
            {busy && <p className="muted" role="status">{busy}</p>}
            <div className="modal-actions vertical">
              <button ref={first} type="button" className={primary === 'print' ? 'button-primary' : ''} disabled={busy !== null} onClick={() => void run('print')}>Print…</button>
              <button type="button" className={primary === 'pdf' ? 'button-primary' : ''} disabled={busy !== null} onClick={() => void run('pdf')}>Export as PDF…</button>
              <button type="button" onClick={onClose}>Close</button>
            </div>
          </div>
          <div className="report-preview" ref={preview} aria-label="Preview of the submission" role="document" />
        </div>
      </div>
    </div>
  );
}
