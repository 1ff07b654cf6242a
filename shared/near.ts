/**
 * Names that are nearly the one typed, for "did you mean …?": "Wyre Vale DC" is "Wyre Vale District
 * Council", "Kent Constab." is "Kent Constabulary", "Worcs Acute Hosp NHS Trust" is near "Worcestershire
 * Acute Hospitals NHS Trust". Both names are first put in one form — case, punctuation, "the" and
 * "council" ignored, the common abbreviations of public bodies spelt out — and then compared by edit
 * distance (fastest-levenshtein) on the whole name and word by word, whichever is closer.
 *
 * Pure: no DOM, no Node.
 */
import { distance } from 'fastest-levenshtein';

export interface NearMatch {
  id: string;
  name: string;
  /** 1 for the same name written another way, down to `MIN_NEAR_SCORE` for a loose likeness. */
  score: number;
}

/** Below this, a name is not offered as near: "Kent Police" is not near "Kent County Council" (0.5). */
export const MIN_NEAR_SCORE = 0.6;

/** Abbreviations, as one word each (after punctuation is dropped), and what they stand for. */
const ABBREVIATIONS: Record<string, string> = {
  dc: 'district council',
  cc: 'county council',
  bc: 'borough council',
  mbc: 'metropolitan borough council',
  met: 'metropolitan',
  lb: 'london borough',
  lbc: 'london borough council',
  pct: 'primary care trust',
  ft: 'foundation trust',
  nhsft: 'nhs foundation trust',
  constab: 'constabulary',
  dept: 'department',
  govt: 'government',
  auth: 'authority',
  assoc: 'association',
  univ: 'university',
  coll: 'college',
  hosp: 'hospital',
  hosps: 'hospitals',
  ctte: 'committee',
  // "St" may be saint or street: both become "st", so "St Helens" is "Saint Helens".
  saint: 'st',
  street: 'st',
};

/** Words that do not tell one body from another ("&" is "and", so it goes too). */
const IGNORED = new Set(['the', 'council', 'of', 'and']);

/** A name in one form: lower case, no punctuation, abbreviations spelt out, "the" and "council" gone. */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .flatMap((w) => (ABBREVIATIONS[w] ?? w).split(' '))
    .filter((w) => w !== '' && !IGNORED.has(w));
  return words.join(' ');
}

function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** How well the words of `a` are found among the words of `b`, each by its closest, weighted by length. */
function wordsFound(a: string[], b: string[]): number {
  let total = 0;
  let weight = 0;
  for (const w of a) {
    let best = 0;
    for (const v of b) best = Math.max(best, similarity(w, v));
    total += best * w.length;
    weight += w.length;
  }
  return weight === 0 ? 0 : total / weight;
}

/** How alike two names are, from 0 to 1 (1: the same name written another way). */
export function nameSimilarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return ka === '' ? 0 : 1;
  if (ka === '' || kb === '') return 0;
  const wa = ka.split(' ');
  const wb = kb.split(' ');
  const words = (wordsFound(wa, wb) + wordsFound(wb, wa)) / 2;
  // Whole names compared, and the words in any order; a perfect score only for the same name.
  return Math.min(0.99, Math.max(similarity(ka, kb), words));
}

/**
 * The candidates nearest to `name`, best first (ties by name), at most `max`, none scoring below
 * `minScore`. A candidate with the same name written another way ("Wyre Vale DC" for "Wyre Vale
 * District Council") scores 1.
 */
export function nearMatches(name: string, candidates: readonly { id: string; name: string }[], max = 3, minScore = MIN_NEAR_SCORE): NearMatch[] {
  if (max <= 0 || nameKey(name) === '') return [];
  return candidates
    .map((c) => ({ id: c.id, name: c.name, score: Math.round(nameSimilarity(name, c.name) * 1000) / 1000 }))
    .filter((m) => m.score >= minScore)
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name))
    .slice(0, max);
}
