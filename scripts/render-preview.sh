#!/usr/bin/env bash
# Renders each sample plan to DOCX, PDF and HTML with doingoai, then turns the DOCX (through
# LibreOffice) and the PDF (through pdftoppm) into PNG pages to look at.
#
#   scripts/render-preview.sh [OUT_DIR]        (default: target/preview)
#
# Needs Debian packages: libreoffice-writer-nogui (or libreoffice-writer), poppler-utils.
# With UPDATE_DOCS=1 it also refreshes docs/rendered/<sample>-page1.png (page 1 of the DOCX
# as LibreOffice draws it) and docs/rendered/<sample>-pdf-page1.png.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/preview}"
mkdir -p "$out"
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install libreoffice-writer-nogui poppler-utils)" >&2; exit 1; }
done
cargo build -q -p cli
bin="${CARGO_TARGET_DIR:-target}/debug/doingoai"
for seed in ../shared/seeds/*.txt; do
  name=$(basename "$seed" .txt)
  "$bin" render "$seed" --to docx -o "$out/$name.docx"
  "$bin" render "$seed" --to html -o "$out/$name.html"
  if "$bin" render "$seed" --to pdf -o "$out/$name.pdf" 2>/dev/null; then
    pdftoppm -r 80 -png "$out/$name.pdf" "$out/$name-pdf"
  fi
  mkdir -p "$out/lo"
  libreoffice --headless --convert-to pdf --outdir "$out/lo" "$out/$name.docx" >/dev/null 2>&1
  pdftoppm -r 80 -png "$out/lo/$name.pdf" "$out/$name-docx"
  if [ "${UPDATE_DOCS:-0}" = 1 ]; then
    mkdir -p docs/rendered
    pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/lo/$name.pdf" "docs/rendered/$name-page1"
    if [ -f "$out/$name.pdf" ]; then
      pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/$name.pdf" "docs/rendered/$name-pdf-page1"
    fi
  fi
  echo "$name: $(ls "$out/$name"-docx-*.png | wc -l) DOCX pages, $(ls "$out/$name"-pdf-*.png 2>/dev/null | wc -l) PDF pages"
done
