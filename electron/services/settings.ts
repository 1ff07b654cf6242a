/**
 * The app's settings and recent files, kept as JSON in the app's data folder. Read defensively (a
 * damaged settings file must never stop the app opening) and written atomically (temp file, rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DISPLAY_UNITS, keysOf } from '../../shared/enums';
import { newId } from '../workbook/db';

const Recent = z.object({ id: z.string(), path: z.string(), pilotName: z.string(), openedAt: z.number() });
const SettingsFile = z.object({
  author: z.string().trim().min(1).max(100).nullable().catch(null),
  displayUnits: z.enum(keysOf(DISPLAY_UNITS)).catch('millions'),
  recent: z.array(Recent).catch([]),
});
export type RecentFile = z.infer<typeof Recent>;
export type SettingsData = z.infer<typeof SettingsFile>;

export const MAX_RECENT = 10;

export class SettingsStore {
  private data: SettingsData;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
    this.data = SettingsStore.read(this.file);
  }

  private static read(file: string): SettingsData {
    try {
      return SettingsFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      return { author: null, displayUnits: 'millions', recent: [] };
    }
  }

  get(): SettingsData {
    return structuredClone(this.data);
  }

  update(patch: Partial<Pick<SettingsData, 'author' | 'displayUnits'>>): SettingsData {
    this.data = SettingsFile.parse({ ...this.data, ...patch });
    this.save();
    return this.get();
  }

  /** Put a file at the top of the recent list (once). */
  addRecent(file: string, pilotName: string): void {
    const resolved = path.resolve(file);
    const existing = this.data.recent.find((r) => r.path === resolved);
    const entry = { id: existing?.id ?? newId(), path: resolved, pilotName, openedAt: Date.now() };
    this.data.recent = [entry, ...this.data.recent.filter((r) => r.path !== resolved)].slice(0, MAX_RECENT);
    this.save();
  }

  removeRecent(id: string): void {
    this.data.recent = this.data.recent.filter((r) => r.id !== id);
    this.save();
  }

  recentById(id: string): RecentFile | undefined {
    return this.data.recent.find((r) => r.id === id);
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.data, null, 2));
    fs.renameSync(temp, this.file);
  }
}
