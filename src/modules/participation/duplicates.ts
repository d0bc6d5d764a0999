/**
 * Template and copied comments, grouped so the feedback can say "N 条不同意见，M 条重复" (regulations.gov counts only
 * what it posts). Two comments are one view when their normal text (no punctuation, spaces or width differences) is
 * the same, or, for texts long enough to judge, when their character bigrams overlap by Jaccard ≥ 0.7, estimated by
 * a 32-hash MinHash. Candidates come from 8 bands of 4 hashes (a pair at 0.8 shares a band with 98.5% chance), so
 * 100,000 comments are grouped without comparing every pair.
 */
export interface DuplicateGroup {
  /** The first comment of the group (by id). */
  first: number;
  ids: number[];
}

export interface DuplicateReport {
  groups: DuplicateGroup[];
  /** Distinct views: groups plus comments that stand alone. */
  unique: number;
  /** Comments that repeat another: total − unique. */
  copies: number;
}

/** Shorter texts are compared only when identical: a few characters say too little for a fuzzy match. */
const MIN_FUZZY_CHARS = 20;
/** Two texts are the same view at this Jaccard similarity of their character bigrams (a changed word or two). */
export const SAME_VIEW = 0.7;
/** Members kept per LSH band (see groupDuplicates). */
const MAX_BUCKET = 8;
const HASHES = 32;
const BANDS = 8;
const ROWS = HASHES / BANDS;

const normal = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Script=Han}\p{L}\p{N}]+/gu, '');

/** FNV-1a, 32 bits. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Seeds of the hash family h_i(x) = (a_i·x + b_i) mod 2^32, fixed so groups are the same on every run. */
const SEEDS = Array.from({ length: HASHES }, (_, i) => [(Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0, Math.imul(i + 7, 0x85ebca6b) >>> 0]);

/** MinHash signature of a text's character bigrams (Chinese needs no segmentation for this). */
export function minhash(normalText: string): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + 1 < normalText.length; i++) {
    const x = fnv(normalText.slice(i, i + 2));
    for (let k = 0; k < HASHES; k++) {
      const h = (Math.imul(SEEDS[k][0], x) + SEEDS[k][1]) >>> 0;
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

/** The share of equal positions: an estimate of the Jaccard similarity. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

export function groupDuplicates(comments: { id: number; body: string }[]): DuplicateReport {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    // Path compression keeps later finds short.
    let y = x;
    while (parent.get(y) !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  const sorted = [...comments].sort((a, b) => a.id - b.id);
  for (const c of sorted) parent.set(c.id, c.id);

  const byText = new Map<string, number>();
  const signatures = new Map<number, Uint32Array>();
  const bands = new Map<string, number[]>();
  for (const c of sorted) {
    const t = normal(c.body);
    const same = byText.get(t);
    if (same !== undefined) {
      union(same, c.id);
      continue;
    }
    byText.set(t, c.id);
    if (t.length < MIN_FUZZY_CHARS) continue;
    const sig = minhash(t);
    signatures.set(c.id, sig);
    const keys = Array.from({ length: BANDS }, (_, b) => `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`);
    // One comparison per group met (a group is one view), and crowded bands keep only their first members: a band
    // shared by thousands of comments is boilerplate, and comparing with all of them made 100,000 comments take 30 s (8 per band: 7 s).
    const checked = new Set<number>();
    for (const k of keys) {
      const bucket = bands.get(k);
      if (bucket) {
        for (const other of bucket) {
          const root = find(other);
          if (checked.has(root) || root === find(c.id)) continue;
          checked.add(root);
          if (similarity(sig, signatures.get(other)!) >= SAME_VIEW) union(other, c.id);
        }
        if (bucket.length < MAX_BUCKET) bucket.push(c.id);
      } else bands.set(k, [c.id]);
    }
  }
  const members = new Map<number, number[]>();
  for (const c of sorted) {
    const r = find(c.id);
    const list = members.get(r);
    if (list) list.push(c.id);
    else members.set(r, [c.id]);
  }
  const groups = [...members.values()].filter((ids) => ids.length > 1).map((ids) => ({ first: ids[0], ids }));
  return { groups, unique: members.size, copies: comments.length - members.size };
}
