#!/usr/bin/env python3
"""Runs the upstream conformance cases that assert runner memory statistics (max_memcpy_bytes, max_peak_live_bytes,
max_realloc_calls; see ../shared/conformance) through our `x07 run` and prints ours next to upstream's limits.

    python3 scripts/conformance-memstats.py [--checkout .] [--corpus /tmp/x07-corpus]

Our peak_live_bytes is an upper bound (the interpreter does not track frees: JS owns memory), so it equals the
bytes allocated in total; memcpy and realloc counts are exact counts of what our heads do.
"""
import argparse, base64, json, os, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument("--checkout", default=os.path.join(os.path.dirname(__file__), ".."))
ap.add_argument("--corpus", default="/tmp/x07-corpus")
a = ap.parse_args()
keys = ["max_memcpy_bytes", "max_peak_live_bytes", "max_realloc_calls"]
field = {"max_memcpy_bytes": "memcpy_bytes", "max_peak_live_bytes": "peak_live_bytes", "max_realloc_calls": "realloc_calls"}
rows, over = [], 0
for line in open(os.path.join(a.corpus, "cases.jsonl")):
    c = json.loads(line)
    lim = c.get("assertions") or {}
    if not c.get("program_path") or not any(k in lim for k in keys):
        continue
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(base64.b64decode(c["input_b64"]))
    cmd = ["node", os.path.join(a.checkout, "bin/x07.mjs"), "run", "--program", c["program_path"], "--input", f.name]
    for r in c.get("module_roots") or []:
        cmd += ["--module-root", r]
    out = subprocess.run(cmd, capture_output=True, text=True)
    os.unlink(f.name)
    try:
        ms = json.loads(out.stdout)["solve"]["mem_stats"]
    except Exception:
        rows.append((c["id"], "no report", "", ""))
        continue
    cells = []
    for k in keys:
        if k in lim:
            ours = ms[field[k]]
            over += ours > lim[k]
            cells.append(f"{field[k]} {ours}/{lim[k]}{' OVER' if ours > lim[k] else ''}")
    rows.append((c["id"], *cells))
for r in rows:
    print("  ".join(str(x) for x in r))
print(f"memstats: {len(rows)} cases, {over} figures over upstream's limit (ours/limit)")
