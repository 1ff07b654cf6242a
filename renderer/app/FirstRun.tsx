import { useState, type FormEvent } from 'react';

/** First run: ask for the name recorded on every change. */
export function FirstRun({ onDone }: { onDone: (author: string) => void }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setProblem('Enter your name');
    onDone(name.trim());
  }
  return (
    <main className="start">
      <form className="start-card" onSubmit={submit} noValidate>
        <h1>Welcome to Total Place Workbook</h1>
        <p className="lede">Your name is recorded on every change you make, so that when you send a workbook to partners and get it back, everyone can see who changed what.</p>
        <div className={`field ${problem ? 'field-error' : ''}`}>
          <label htmlFor="author">Your name</label>
          {problem && <p className="field-message" id="author-error">{problem}</p>}
          <input id="author" autoFocus autoComplete="name" value={name} onChange={(e) => { setName(e.target.value); setProblem(null); }} aria-describedby={problem ? 'author-error' : undefined} />
        </div>
        <button type="submit" className="button-primary">Continue</button>
      </form>
    </main>
  );
}
