/** The window's dialogs: a new workbook, a file someone else has open, About and the guide. */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Explained } from '../api/errors';
import { useEscape } from './useEscape';

function Modal({ title, children, onClose, labelledBy = 'dialog-title' }: { title: string; children: ReactNode; onClose: () => void; labelledBy?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEscape(onClose);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, button.button-primary, button')?.focus();
  }, []);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={labelledBy} ref={ref}>
        <h2 id={labelledBy}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function NewWorkbookDialog({ onCreate, onCancel }: { onCreate: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setProblem('Give the pilot a name, for example “Kent pilot”');
    onCreate(name.trim());
  }
  return (
    <Modal title="New pilot workbook" onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <div className={`field ${problem ? 'field-error' : ''}`}>
          <label htmlFor="pilot-name">Pilot name</label>
          <p className="hint">You choose where to save the file next. You can change the name later.</p>
          {problem && <p className="field-message" id="pilot-name-error">{problem}</p>}
          <input id="pilot-name" value={name} onChange={(e) => { setName(e.target.value); setProblem(null); }} aria-describedby={problem ? 'pilot-name-error' : undefined} />
        </div>
        <div className="modal-actions">
          <button type="submit" className="button-primary">Choose where to save…</button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </Modal>
  );
}

export function LockedDialog({ error, onChoose, onCancel }: { error: Explained; onChoose: (mode: 'read-only' | 'anyway') => void; onCancel: () => void }) {
  return (
    <Modal title={error.title} onClose={onCancel}>
      <p>{error.message}</p>
      <div className="modal-actions">
        <button type="button" className="button-primary" onClick={() => onChoose('read-only')}>Open read-only</button>
        <button type="button" onClick={() => onChoose('anyway')}>Open anyway</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
      <p className="hint">Choose “Open anyway” only if you are sure the other copy is closed (for example, the computer crashed). Two people editing one file at once will overwrite each other’s changes.</p>
    </Modal>
  );
}

export function AboutDialog({ version, onClose }: { version: string; onClose: () => void }) {
  return (
    <Modal title="About Total Place Workbook" onClose={onClose}>
      <p>Version {version}</p>
      <p>A workbook for Total Place pilots: count what the whole public sector spends in a place, who controls it and on what, and record the barriers to working as one.</p>
      <p className="muted">Works entirely offline. Your workbooks stay on your computer until you choose to send a copy.</p>
      <div className="modal-actions"><button type="button" className="button-primary" onClick={onClose}>Close</button></div>
    </Modal>
  );
}

export function GuideDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Using Total Place Workbook" onClose={onClose}>
      <div className="guide">
        <h3>One file per pilot</h3>
        <p>Each pilot is one <code>.totalplace</code> file. Every change is saved the moment you make it — there is no Save button to forget.</p>
        <h3>Building the count</h3>
        <ol>
          <li><strong>Pilot details</strong>: the place, its population (for spend per head) and the year counted (usually 2008-09).</li>
          <li><strong>Agencies</strong>: every body that spends public money in the place, and whether that money is locally or centrally controlled.</li>
          <li><strong>Spend</strong>: one line per amount an agency spends, in pounds. Mark money passed to another agency in the count (a grant or recharge) so it is counted once, where it is spent.</li>
          <li><strong>Themes</strong>: your deep dives. Lines not in a theme show as unallocated.</li>
          <li><strong>Barriers</strong>: what stops you working as one, with the ask of government and your offer in return.</li>
        </ol>
        <h3>Sharing with partners</h3>
        <p>Use <strong>File › Save a Copy…</strong> to make a file to email. Keep working in your own file.</p>
        <h3>Keyboard</h3>
        <p>Ctrl+N new · Ctrl+O open · Ctrl+Shift+S save a copy · Ctrl+1 to Ctrl+5 switch section · Ctrl+F find · F1 this guide (⌘ instead of Ctrl on a Mac).</p>
      </div>
      <div className="modal-actions"><button type="button" className="button-primary" onClick={onClose}>Close</button></div>
    </Modal>
  );
}
