"""SQLite FTS5 BM25 baseline for bench/search.ts: the same jieba-segmented texts, OR of the question's words.

Reads the distinct segmented documents (JSON lines {"t": "word word ..."}), replicates them to N rows the same way
the benchmark does, builds an FTS5 table in a temporary file, then times each question (JSON list of word lists).
Prints one JSON line. Python's sqlite3 module is used because it is native SQLite with FTS5 on every Debian machine.
"""
import json, os, sqlite3, sys, tempfile, time

docs_file, queries_file, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
distinct = [json.loads(l)["t"] for l in open(docs_file, encoding="utf-8")]
queries = json.load(open(queries_file, encoding="utf-8"))
path = os.path.join(tempfile.mkdtemp(), "fts.db")
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode=OFF")
db.execute("PRAGMA synchronous=OFF")
db.execute("CREATE VIRTUAL TABLE docs USING fts5(t)")
t0 = time.perf_counter()
batch = []
for i in range(n):
    batch.append((i, distinct[i % len(distinct)]))
    if len(batch) == 2000:
        db.executemany("INSERT INTO docs(rowid, t) VALUES (?, ?)", batch)
        batch = []
if batch:
    db.executemany("INSERT INTO docs(rowid, t) VALUES (?, ?)", batch)
db.commit()
build = time.perf_counter() - t0
size = os.path.getsize(path)
times = []
for words in queries:
    if not words:
        continue
    match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    t = time.perf_counter()
    db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (match,)).fetchall()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
pct = lambda p: times[min(len(times) - 1, int(p * len(times)))]
print(json.dumps({"docs": n, "queries": len(times), "p50": round(pct(0.5), 2), "p95": round(pct(0.95), 2), "insertSeconds": round(build, 2), "bytes": size}))
os.remove(path)
