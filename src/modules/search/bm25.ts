/**
 * An in-memory inverted index scored with BM25 (Robertson & Zaragoza, k1 = 1.2, b = 0.75), compact enough for 100k
 * long documents on one node (ADR 0008).
 *
 * Documents get increasing slots, so every posting list is sorted by slot and can be stored as variable-byte deltas:
 * one posting is `(slotDelta << 4) | min(tf, 15)`, usually one or two bytes. Removing a document only marks its slot;
 * document frequencies keep counting removed slots until `compact()` rewrites the lists, which `remove` triggers once
 * a tenth of the slots are dead. A term frequency above 15 counts as 15: BM25 saturates long before that.
 */
const TF_BITS = 4;
const TF_MAX = (1 << TF_BITS) - 1;

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

  /** Calls fn(slot, tf) for every posting, in slot order. */
  forEach(fn: (slot: number, tf: number) => void) {
    const { buf, len } = this;
    let slot = -1;
    for (let i = 0; i < len; ) {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = buf[i++];
        v |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      slot += v >>> TF_BITS;
      fn(slot, v & TF_MAX);
    }
  }

  trim() {
    if (this.buf.length > this.len) this.buf = this.buf.slice(0, this.len);
  }
}

export class Bm25Index {
  private postings = new Map<string, Postings>();
  private slotOf = new Map<number, number>();
  private idOf: number[] = [];
  private lengths = new Uint32Array(1024);
  private dead = new Uint8Array(1024);
  private deadCount = 0;
  private totalLength = 0;
  private scores = new Float64Array(1024);
  private touched = new Uint32Array(1024);

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size() {
    return this.slotOf.size;
  }

  get terms() {
    return this.postings.size;
  }

  has(id: number) {
    return this.slotOf.has(id);
  }

  /** Documents containing a term (removed ones counted until the next compaction). */
  df(term: string): number {
    return this.postings.get(term)?.df ?? 0;
  }

  /** Bytes held by posting lists and per-slot arrays (not counting the term strings). */
  get bytes(): number {
    let n = this.lengths.byteLength + this.dead.byteLength + this.scores.byteLength + this.touched.byteLength;
    for (const p of this.postings.values()) n += p.buf.byteLength;
    return n;
  }

  add(id: number, terms: string[]) {
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.idOf.length;
    this.idOf.push(id);
    this.slotOf.set(id, slot);
    this.grow(slot + 1);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Postings()));
      p.append(slot, f);
    }
    this.lengths[slot] = terms.length;
    this.totalLength += terms.length;
  }

  remove(id: number) {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.dead[slot] = 1;
    this.deadCount++;
    this.totalLength -= this.lengths[slot];
    if (this.deadCount > 1000 && this.deadCount * 10 > this.idOf.length) this.compact();
  }

  /** Rewrites the posting lists without removed documents and gives the live ones consecutive slots again. */
  compact() {
    const newSlot = new Int32Array(this.idOf.length).fill(-1);
    const idOf: number[] = [];
    for (let s = 0; s < this.idOf.length; s++) if (!this.dead[s]) newSlot[s] = idOf.push(this.idOf[s]) - 1;
    const lengths = new Uint32Array(Math.max(1024, idOf.length));
    for (let s = 0; s < this.idOf.length; s++) if (newSlot[s] >= 0) lengths[newSlot[s]] = this.lengths[s];
    for (const [t, p] of this.postings) {
      const q = new Postings();
      p.forEach((slot, tf) => {
        if (newSlot[slot] >= 0) q.append(newSlot[slot], tf);
      });
      if (q.df === 0) this.postings.delete(t);
      else {
        q.trim();
        this.postings.set(t, q);
      }
    }
    this.idOf = idOf;
    this.slotOf = new Map(idOf.map((id, s) => [id, s]));
    this.lengths = lengths;
    this.dead = new Uint8Array(lengths.length);
    this.deadCount = 0;
    this.scores = new Float64Array(lengths.length);
    this.touched = new Uint32Array(lengths.length);
  }

  /** Releases the spare room of growing lists; worth calling once after a bulk load. */
  trim() {
    for (const p of this.postings.values()) p.trim();
  }

  private grow(n: number) {
    if (n <= this.lengths.length) return;
    const size = Math.max(n, this.lengths.length * 2);
    const lengths = new Uint32Array(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const dead = new Uint8Array(size);
    dead.set(this.dead);
    this.dead = dead;
    this.scores = new Float64Array(size);
    this.touched = new Uint32Array(size);
  }

  idf(term: string): number {
    const n = Math.min(this.df(term), this.size);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /** Adds weight × BM25 of the query terms (each distinct term once) to the scores map, keyed by document id. */
  score(terms: Iterable<string>, into: Map<number, number>, weight = 1): Map<number, number> {
    const avg = this.size ? this.totalLength / this.size : 1;
    const { scores, touched, lengths, dead, k1, b } = this;
    let nTouched = 0;
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const w = weight * this.idf(t) * (k1 + 1);
      p.forEach((slot, f) => {
        if (dead[slot]) return;
        if (scores[slot] === 0) touched[nTouched++] = slot;
        scores[slot] += (w * f) / (f + k1 * (1 - b + (b * lengths[slot]) / avg));
      });
    }
    for (let i = 0; i < nTouched; i++) {
      const s = touched[i];
      const id = this.idOf[s];
      into.set(id, (into.get(id) ?? 0) + scores[s]);
      scores[s] = 0;
    }
    return into;
  }

  /** Ids of the documents that contain every one of the terms. */
  containingAll(terms: string[]): Set<number> {
    const lists = [...new Set(terms)].map((t) => this.postings.get(t));
    if (!lists.length || lists.some((p) => !p)) return new Set();
    lists.sort((a, b) => a!.df - b!.df);
    let slots: Set<number> | undefined;
    for (const p of lists) {
      const next = new Set<number>();
      p!.forEach((slot) => {
        if (!this.dead[slot] && (!slots || slots.has(slot))) next.add(slot);
      });
      slots = next;
      if (!slots.size) break;
    }
    return new Set([...(slots ?? [])].map((s) => this.idOf[s]));
  }
}
