// Types for electronegativity-allow.mjs, for the tests.
export interface Finding { rule: string; file: string; line: number; code: string; level?: string; message?: string }
export interface Allowed { rule: string; file: string; code: string; count?: number; why: string }
export const ALLOWED: Allowed[];
export function explainFindings(findings: Finding[], allowed?: Allowed[]): {
  explained: { finding: Finding; why: string }[];
  unexplained: Finding[];
  stale: { entry: Allowed; matched: number }[];
};
export function findingsOf(sarif: unknown, codeAt: (file: string, line: number) => string): Finding[];
