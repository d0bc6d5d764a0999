/**
 * An in-memory inverted index scored with BM25 (Robertson & Zaragoza, k1 = 1.2, b = 0.75), compact and fast enough
 * for 100k long documents on one node (ADR 0008). A document has several fields (words, bigrams) sharing one slot.
 *
 * Documents get increasing slots, so every posting list is sorted by slot and stored as variable-byte deltas: one
 * posting is `(slotDelta << 4) | min(tf, 15)`, usually one or two bytes. Removing a document only marks its slot;
 * document frequencies keep counting removed slots until `compact()` rewrites the lists, which `remove` triggers once
 * a tenth of the slots are dead. A term frequency above 15 counts as 15: BM25 saturates long before that.
 */
const TF_BITS = 4;
const TF_MAX = (1 << TF_BITS) - 1;

/** A field's terms with their counts in one document. */
export interface TermCounts {
  terms: string[];
  tfs: number[];
  /** Number of terms in the field, repeats included. */
  length: number;
}

export function countTerms(tokens: string[]): TermCounts {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { terms: [...tf.keys()], tfs: [...tf.values()], length: tokens.length };
}

class Postings {
  buf = new Uint8Array(4);
  len = 0;
  last = -1;
  df = 0;

  append(slot: number, tf: number) {
    let v = ((slot - this.last) << TF_BITS) | Math.min(tf, TF_MAX);
    this.last = slot;
    this.df++;
    if (this.len + 5 > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }

  /** Slots of the list, in order (used by compaction and phrase candidates; scoring decodes inline). */
  slots(): { slot: number; tf: number }[] {
    const out: { slot: number; tf: number }[] = [];
    const { buf, len } = this;
    let slot = -1;
    for (let i = 0; i < len;) {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = buf[i++];
        v |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      slot += v >>> TF_BITS;
      out.push({ slot, tf: v & TF_MAX });
    }
    return out;
  }

  trim() {
    if (this.buf.length > this.len) this.buf = this.buf.slice(0, this.len);
  }
}

interface Field {
  postings: Map<string, Postings>;
  lengths: Uint32Array;
  totalLength: number;
  /** k1 · (1 − b + b · length / average length) per slot, recomputed when documents change. */
  norms: Float32Array;
}

export interface Scored {
  ids: Int32Array;
  scores: Float64Array;
}

export class Bm25Index {
  private fields: Field[];
  private slotOf = new Map<number, number>();
  private idOf: number[] = [];
  private dead = new Uint8Array(1024);
  private deadCount = 0;
  private capacity = 1024;
  private changed = true;
  private scores = new Float64Array(1024);
  private touched = new Uint32Array(1024);
  private nTouched = 0;

  constructor(
    fieldCount = 1,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.fields = Array.from({ length: fieldCount }, () => ({ postings: new Map(), lengths: new Uint32Array(1024), totalLength: 0, norms: new Float32Array(1024) }));
  }

  get size() {
    return this.slotOf.size;
  }

  terms(field = 0) {
    return this.fields[field].postings.size;
  }

  has(id: number) {
    return this.slotOf.has(id);
  }

  /** Documents containing a term (removed ones counted until the next compaction). */
  df(term: string, field = 0): number {
    return this.fields[field].postings.get(term)?.df ?? 0;
  }

  /** Bytes held by posting lists and per-slot arrays (not counting the term strings). */
  get bytes(): number {
    let n = this.dead.byteLength + this.scores.byteLength + this.touched.byteLength;
    for (const f of this.fields) {
      n += f.lengths.byteLength + f.norms.byteLength;
      for (const p of f.postings.values()) n += p.buf.byteLength;
    }
    return n;
  }

  add(id: number, perField: TermCounts[]) {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.idOf.length;
    this.idOf.push(id);
    this.slotOf.set(id, slot);
    this.grow(slot + 1);
    perField.forEach((c, fi) => {
      const f = this.fields[fi];
      for (let i = 0; i < c.terms.length; i++) {
        let p = f.postings.get(c.terms[i]);
        if (!p) f.postings.set(c.terms[i], (p = new Postings()));
        p.append(slot, c.tfs[i]);
      }
      f.lengths[slot] = c.length;
      f.totalLength += c.length;
    });
    this.changed = true;
  }

  remove(id: number) {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.dead[slot] = 1;
    this.deadCount++;
    for (const f of this.fields) f.totalLength -= f.lengths[slot];
    this.changed = true;
    if (this.deadCount > 1000 && this.deadCount * 10 > this.idOf.length) this.compact();
  }

  /** Rewrites the posting lists without removed documents and gives the live ones consecutive slots again. */
  compact() {
    const newSlot = new Int32Array(this.idOf.length).fill(-1);
    const idOf: number[] = [];
    for (let s = 0; s < this.idOf.length; s++) if (!this.dead[s]) newSlot[s] = idOf.push(this.idOf[s]) - 1;
    const capacity = Math.max(1024, idOf.length);
    for (const f of this.fields) {
      const lengths = new Uint32Array(capacity);
      for (let s = 0; s < this.idOf.length; s++) if (newSlot[s] >= 0) lengths[newSlot[s]] = f.lengths[s];
      f.lengths = lengths;
      f.norms = new Float32Array(capacity);
      for (const [t, p] of f.postings) {
        const q = new Postings();
        for (const { slot, tf } of p.slots()) if (newSlot[slot] >= 0) q.append(newSlot[slot], tf);
        if (q.df === 0) f.postings.delete(t);
        else {
          q.trim();
          f.postings.set(t, q);
        }
      }
    }
    this.idOf = idOf;
    this.slotOf = new Map(idOf.map((id, s) => [id, s]));
    this.capacity = capacity;
    this.dead = new Uint8Array(capacity);
    this.deadCount = 0;
    this.scores = new Float64Array(capacity);
    this.touched = new Uint32Array(capacity);
    this.changed = true;
  }

  /** Releases the spare room of growing lists; worth calling once after a bulk load. */
  trim() {
    for (const f of this.fields) for (const p of f.postings.values()) p.trim();
  }

  private grow(n: number) {
    if (n <= this.capacity) return;
    const size = Math.max(n, this.capacity * 2);
    const widen = <T extends Uint32Array | Uint8Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(a);
      return next;
    };
    for (const f of this.fields) {
      f.lengths = widen(f.lengths, (k) => new Uint32Array(k));
      f.norms = new Float32Array(size);
    }
    this.dead = widen(this.dead, (k) => new Uint8Array(k));
    this.scores = new Float64Array(size);
    this.touched = new Uint32Array(size);
    this.capacity = size;
  }

  idf(term: string, field = 0): number {
    const n = Math.min(this.df(term, field), this.size);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  private refreshNorms() {
    if (!this.changed) return;
    const { k1, b } = this;
    const slots = this.idOf.length;
    for (const f of this.fields) {
      const avg = this.size ? f.totalLength / this.size : 1;
      for (let s = 0; s < slots; s++) f.norms[s] = k1 * (1 - b + (b * f.lengths[s]) / avg);
    }
    this.changed = false;
  }

  /**
   * Adds weight × BM25 of the terms (each distinct term once) in one field to the running scores; call `collect()`
   * after the last field to read and reset them.
   */
  score(terms: Iterable<string>, weight = 1, field = 0) {
    this.refreshNorms();
    const f = this.fields[field];
    const { scores, touched, dead, k1 } = this;
    const norms = f.norms;
    for (const t of new Set(terms)) {
      const p = f.postings.get(t);
      if (!p) continue;
      const w = weight * this.idf(t, field) * (k1 + 1);
      const { buf, len } = p;
      let slot = -1;
      for (let i = 0; i < len;) {
        let v = 0;
        let shift = 0;
        let byte: number;
        do {
          byte = buf[i++];
          v |= (byte & 0x7f) << shift;
          shift += 7;
        } while (byte & 0x80);
        slot += v >>> TF_BITS;
        if (dead[slot]) continue;
        const tf = v & TF_MAX;
        if (scores[slot] === 0) touched[this.nTouched++] = slot;
        scores[slot] += (w * tf) / (tf + norms[slot]);
      }
    }
  }

  /** The documents scored since the last collect, with their scores; resets the running scores. */
  collect(): Scored {
    const n = this.nTouched;
    const ids = new Int32Array(n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = this.touched[i];
      ids[i] = this.idOf[s];
      out[i] = this.scores[s];
      this.scores[s] = 0;
    }
    this.nTouched = 0;
    return { ids, scores: out };
  }

  /** Ids of the documents that contain every one of the terms in a field. */
  containingAll(terms: string[], field = 0): Set<number> {
    const f = this.fields[field];
    const lists = [...new Set(terms)].map((t) => f.postings.get(t));
    if (!lists.length || lists.some((p) => !p)) return new Set();
    lists.sort((a, b) => a!.df - b!.df);
    let slots: Set<number> | undefined;
    for (const p of lists) {
      const next = new Set<number>();
      for (const { slot } of p!.slots()) if (!this.dead[slot] && (!slots || slots.has(slot))) next.add(slot);
      slots = next;
      if (!slots.size) break;
    }
    return new Set([...(slots ?? [])].map((s) => this.idOf[s]));
  }
}
