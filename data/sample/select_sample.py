#!/usr/bin/env python3
"""Chooses the curated real sample (issue 10) from ../shared/corpus and copies it here verbatim.

White House: per year 2021-2026, the files under 60 KB whose body mentions China most often
(the corpus README's regex), round-robin over the category folders, 6 a year (all there are
when fewer). CMFA: per year 2021-2023 the press conferences with the most rows (ties: earliest),
up to 12 a year; their rows are copied with the header into cmfa/cmfa-sample.csv in file order.
Run from the repository root: python3 data/sample/select_sample.py ../shared/corpus
"""
import csv, os, re, shutil, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus"
out = os.path.dirname(os.path.abspath(__file__))
CHINA = re.compile(r"China|Chinese|PRC|People’s Republic of China|People's Republic of China|Beijing|Xi Jinping")
PER_YEAR = {"2021": 6, "2022": 6, "2023": 6, "2024": 6, "2025": 6, "2026": 6}

wh = os.path.join(src, "whitehouse")
by_year = {}
for root, _, files in os.walk(wh):
    for name in files:
        if not name.endswith(".md"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, wh)
        size = os.path.getsize(path)
        if size >= 60_000:
            continue
        content = open(path, encoding="utf-8", newline="").read()
        body = content[content.index("\n---\n", 3) + 5:]
        year = name[:4]
        by_year.setdefault(year, []).append((-len(CHINA.findall(body)), rel))
chosen = []
for year, n in PER_YEAR.items():
    cands = sorted(by_year.get(year, []))
    cats = {}
    for score, rel in cands:
        cats.setdefault(rel.split(os.sep)[0], []).append(rel)
    picked = []
    while len(picked) < n and any(cats.values()):
        for cat in sorted(cats):
            if cats[cat] and len(picked) < n:
                picked.append(cats[cat].pop(0))
    chosen += sorted(picked)
dest = os.path.join(out, "whitehouse")
shutil.rmtree(dest, ignore_errors=True)
for rel in chosen:
    os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
    shutil.copyfile(os.path.join(wh, rel), os.path.join(dest, rel))
shutil.copyfile(os.path.join(wh, "LICENSE"), os.path.join(dest, "LICENSE"))

rows = list(csv.reader(open(os.path.join(src, "cmfa", "cmfa-ukraine-subset.csv"), encoding="utf-8", newline="")))
header, body = rows[0], rows[1:]
col = {name: i for i, name in enumerate(header)}
confs = {}
for i, r in enumerate(body):
    confs.setdefault(r[col["link"]], []).append(i)
keep = set()
for year, n in {"2021": 12, "2022": 12, "2023": 12}.items():
    cands = [(-len(ix), body[ix[0]][col["date"]], link) for link, ix in confs.items() if body[ix[0]][col["date"]].startswith(year)]
    for _, _, link in sorted(cands)[:n]:
        keep.update(confs[link])
os.makedirs(os.path.join(out, "cmfa"), exist_ok=True)
with open(os.path.join(out, "cmfa", "cmfa-sample.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header)
    for i, r in enumerate(body):
        if i in keep:
            w.writerow(r)
print(f"{len(chosen)} White House files, {len({body[i][col['link']] for i in keep})} CMFA conferences ({len(keep)} rows)")
