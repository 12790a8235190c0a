//! From positioned glyphs to lines of text.
//!
//! pdf-extract reports each glyph with its position; its own plain-text output glues the
//! cells of a table row onto one line and mixes the lines of side-by-side cells (the header
//! and signature tables of every administrative document). This module rebuilds lines
//! itself, from the glyphs of one page in drawing order:
//!
//! - a new line starts whenever the baseline moves (by more than half the font size), or
//!   the pen jumps back left on the same baseline; word processors draw a table cell by
//!   cell, so the lines of each cell come out together, in order;
//! - on one line, a gap much wider than the line's ordinary word gaps (a table column, a
//!   tab stop) becomes [`COLUMN_GAP`], three spaces, which the text normaliser splits on;
//! - a line that reaches the right edge of the page's justified text, followed directly
//!   below by a line that starts no further right, is the same paragraph: the two are
//!   joined here, where the geometry is known, rather than guessed from the text later.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Separates the cells of a table row (or the parts of a line split by a tab stop).
pub const COLUMN_GAP: &str = "   ";

/// One glyph as drawn: position in points, y growing downwards, baseline at `y`.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    /// Horizontal advance in points.
    pub advance: f64,
    /// Font size in points (after the text and graphics transforms).
    pub size: f64,
    pub text: String,
}

/// Collects the glyphs of one page from pdf-extract.
#[derive(Debug, Default)]
pub struct Collector {
    height: f64,
    pub glyphs: Vec<Glyph>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size.abs() * scale;
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: self.height - trm.m32,
            advance: width * size,
            size,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// One line of a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Left end of the first glyph and right end of the last visible glyph.
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    size: f64,
    /// The line holds a [`COLUMN_GAP`].
    columns: bool,
}

/// The text of one page: one line per line of print, except that the wrapped lines of
/// justified paragraphs are joined (see the module documentation).
pub fn page_text(glyphs: &[Glyph]) -> String {
    let lines = build_lines(glyphs);
    let page = PageGeometry::measure(&lines);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            if page.continues(prev, line) {
                if !ends_with_split_word(&prev.text) {
                    out.push(' ');
                }
            } else {
                out.push('\n');
            }
        }
        out.push_str(&line.text);
    }
    out.push('\n');
    out
}

/// "HĐND-" at the end of a line continues without a space ("HĐND-UBND"); "tế -" does not.
fn ends_with_split_word(s: &str) -> bool {
    let mut rev = s.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphanumeric)
}

struct LineBuilder {
    words: Vec<String>,
    /// Gap before each word after the first, in points.
    gaps: Vec<f64>,
    x0: f64,
    /// Right end of the last visible glyph.
    end: f64,
    y: f64,
    size: f64,
    pending_space: bool,
}

impl LineBuilder {
    fn start(g: &Glyph) -> LineBuilder {
        LineBuilder {
            words: vec![g.text.clone()],
            gaps: Vec::new(),
            x0: g.x,
            end: g.x + g.advance,
            y: g.y,
            size: g.size,
            pending_space: false,
        }
    }

    fn push(&mut self, g: &Glyph) {
        let gap = g.x - self.end;
        if self.pending_space || gap > 0.1 * g.size.max(self.size) {
            self.words.push(g.text.clone());
            self.gaps.push(gap.max(0.0));
        } else if let Some(w) = self.words.last_mut() {
            w.push_str(&g.text);
        }
        self.pending_space = false;
        self.end = self.end.max(g.x + g.advance);
        self.size = self.size.max(g.size);
    }

    fn finish(self) -> Line {
        // A gap is a column gap when it is wide in absolute terms and much wider than the
        // narrowest gap of the line (so that the stretched word gaps of a sparse justified
        // line are not taken for columns), or very wide whatever the rest.
        let narrowest = self.gaps.iter().copied().fold(f64::INFINITY, f64::min);
        let size = self.size;
        let is_column = |gap: f64| gap > 1.5 * size && (gap > 3.0 * narrowest || gap > 4.0 * size);
        let mut text = String::new();
        let mut columns = false;
        for (i, word) in self.words.iter().enumerate() {
            if i > 0 {
                let gap = self.gaps.get(i - 1).copied().unwrap_or(0.0);
                if is_column(gap) {
                    text.push_str(COLUMN_GAP);
                    columns = true;
                } else {
                    text.push(' ');
                }
            }
            text.push_str(word);
        }
        Line {
            text,
            x0: self.x0,
            x1: self.end,
            y: self.y,
            size,
            columns,
        }
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c.is_control())
}

fn build_lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current: Option<LineBuilder> = None;
    for g in glyphs {
        if !(g.x.is_finite() && g.y.is_finite() && g.size.is_finite() && g.advance.is_finite()) {
            continue;
        }
        if is_blank(&g.text) {
            if let Some(line) = current.as_mut() {
                line.pending_space = true;
            }
            continue;
        }
        match current.as_mut() {
            Some(line) => {
                let size = g.size.max(line.size);
                let new_baseline = (g.y - line.y).abs() > 0.5 * size;
                let jumped_back = g.x < line.end - size;
                if new_baseline || jumped_back {
                    if let Some(done) = current.replace(LineBuilder::start(g)) {
                        lines.push(done.finish());
                    }
                } else {
                    line.push(g);
                }
            }
            None => current = Some(LineBuilder::start(g)),
        }
    }
    if let Some(done) = current {
        lines.push(done.finish());
    }
    lines
}

/// Where the justified text of a page starts and ends, and its usual line pitch.
struct PageGeometry {
    left: Option<f64>,
    right: Option<f64>,
    pitch: Option<f64>,
}

/// Tolerance for "the same x" in points.
const SAME_X: f64 = 1.0;
/// How far short of the right edge a justified line may end, in ems: glyph widths from the
/// font tables and the producer's positioning differ by a fraction of a point per glyph.
const RIGHT_SLACK: f64 = 0.3;

impl PageGeometry {
    fn measure(lines: &[Line]) -> PageGeometry {
        let starts: Vec<f64> = lines.iter().map(|l| l.x0).collect();
        let left = edge(&starts, false);
        // The right edge counts only lines long enough to be full lines of a paragraph.
        let right = left.and_then(|left| {
            let widest = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
            let ends: Vec<f64> = lines
                .iter()
                .filter(|l| l.x1 - left >= 0.5 * (widest - left))
                .map(|l| l.x1)
                .collect();
            edge(&ends, true)
        });
        // The most common distance between consecutive baselines, to the half point.
        let mut steps: Vec<i64> = lines
            .windows(2)
            .map(|w| w[1].y - w[0].y)
            .filter(|&dy| dy > 0.0 && dy < 3.0 * lines[0].size.max(1.0) + 40.0)
            .map(|dy| (dy * 2.0).round() as i64)
            .collect();
        steps.sort_unstable();
        let mut pitch = None;
        let mut best = 0;
        for run in steps.chunk_by(|a, b| a == b) {
            if run.len() > best {
                best = run.len();
                pitch = Some(run[0] as f64 / 2.0);
            }
        }
        PageGeometry { left, right, pitch }
    }

    /// True when `next` certainly continues the paragraph of `prev`: `prev` is a full line
    /// of justified text, `next` is the line right below it and is not indented.
    fn continues(&self, prev: &Line, next: &Line) -> bool {
        let (Some(left), Some(right)) = (self.left, self.right) else {
            return false;
        };
        let dy = next.y - prev.y;
        let pitch = self.pitch.unwrap_or(1.2 * prev.size);
        !prev.columns
            && !next.columns
            && prev.x1 >= right - RIGHT_SLACK * prev.size
            && prev.x0 >= left - SAME_X
            && next.x0 >= left - SAME_X
            && next.x0 <= prev.x0 + SAME_X
            && dy > 0.0
            && dy <= 1.3 * pitch
            && (prev.size - next.size).abs() <= 1.0
    }
}

/// An edge shared by several lines: the smallest (or, with `largest`, the largest) value
/// that at least three values lie within [`SAME_X`] of, refined to the median of those.
fn edge(values: &[f64], largest: bool) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    if largest {
        sorted.reverse();
    }
    sorted.iter().find_map(|&v| {
        let near: Vec<f64> = sorted
            .iter()
            .copied()
            .filter(|w| (w - v).abs() <= SAME_X)
            .collect();
        (near.len() >= 3).then(|| near[near.len() / 2])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` laid out from `x` on baseline `y`, 0.5 em per character, spaces
    /// as blank glyphs of the same width.
    fn run(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let adv = 0.5 * size;
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * adv,
                y,
                advance: adv,
                size,
                text: c.to_string(),
            })
            .collect()
    }

    /// A run stretched so that it ends exactly at `right` (justified): the extra space is
    /// spread over the word gaps.
    fn justified(text: &str, x: f64, y: f64, size: f64, right: f64) -> Vec<Glyph> {
        let adv = 0.5 * size;
        let natural = text.chars().count() as f64 * adv;
        let gaps = text.matches(' ').count().max(1) as f64;
        let extra = (right - x - natural) / gaps;
        let mut out = Vec::new();
        let mut pos = x;
        for c in text.chars() {
            out.push(Glyph {
                x: pos,
                y,
                advance: adv,
                size,
                text: c.to_string(),
            });
            pos += adv;
            if c == ' ' {
                pos += extra;
            }
        }
        out
    }

    fn lines_of(text: &str) -> Vec<&str> {
        text.lines().collect()
    }

    #[test]
    fn cells_drawn_one_after_the_other_give_their_lines_in_order() {
        // A header table: the left cell's two lines, then the right cell's two lines, which
        // start higher up again.
        let mut g = run("UY BAN NHAN DAN", 60.0, 60.0, 13.0);
        g.extend(run("XA HA BAC", 80.0, 76.0, 13.0));
        g.extend(run("CONG HOA XA HOI", 250.0, 60.0, 13.0));
        g.extend(run("Doc lap", 290.0, 76.0, 14.0));
        assert_eq!(
            lines_of(&page_text(&g)),
            vec!["UY BAN NHAN DAN", "XA HA BAC", "CONG HOA XA HOI", "Doc lap"]
        );
    }

    #[test]
    fn a_wide_gap_on_one_baseline_becomes_a_column_gap() {
        let mut g = run("TT", 60.0, 100.0, 12.0);
        g.extend(run("Ten doan", 100.0, 100.0, 12.0));
        g.extend(run("Truong", 180.0, 100.0, 12.0));
        assert_eq!(page_text(&g), "TT   Ten doan   Truong\n");
    }

    #[test]
    fn stretched_word_gaps_of_a_justified_line_stay_single_spaces() {
        let g = justified("Tren day la Ke hoach nam 2026.", 85.0, 100.0, 14.0, 560.0);
        assert_eq!(page_text(&g), "Tren day la Ke hoach nam 2026.\n");
    }

    #[test]
    fn extra_space_glyphs_and_kerning_do_not_double_spaces() {
        let mut g = run("dong  doi", 85.0, 100.0, 14.0);
        // A justification shift after the space glyph.
        for glyph in g.iter_mut().skip(6) {
            glyph.x += 5.0;
        }
        assert_eq!(page_text(&g), "dong doi\n");
    }

    #[test]
    fn full_justified_lines_are_joined_with_the_unindented_line_below() {
        let right = 560.0;
        let mut g = justified(
            "Mot doan van dai duoc can deu hai ben,",
            121.0,
            100.0,
            14.0,
            right,
        );
        g.extend(justified(
            "dong thu hai cung du dai ket thuc o le.",
            85.0,
            116.0,
            14.0,
            right,
        ));
        g.extend(run("Dong cuoi ngan.", 85.0, 132.0, 14.0));
        g.extend(justified(
            "Doan moi thut dau dong va du dai nua day",
            121.0,
            154.0,
            14.0,
            right,
        ));
        g.extend(run("Het.", 85.0, 170.0, 14.0));
        assert_eq!(
            lines_of(&page_text(&g)),
            vec![
                "Mot doan van dai duoc can deu hai ben, dong thu hai cung du dai ket thuc o le. \
                 Dong cuoi ngan.",
                "Doan moi thut dau dong va du dai nua day Het.",
            ]
        );
    }

    #[test]
    fn an_indented_line_after_a_full_line_starts_a_new_paragraph() {
        let right = 560.0;
        let mut g = justified(
            "Dong mot du dai cua doan van thu nhat nay.",
            85.0,
            100.0,
            14.0,
            right,
        );
        g.extend(justified(
            "Dong hai du dai cua doan van thu nhat nay.",
            85.0,
            116.0,
            14.0,
            right,
        ));
        g.extend(justified(
            "Dong ba du dai cua doan van thu nhat nay.",
            85.0,
            132.0,
            14.0,
            right,
        ));
        g.extend(run("Doan hai.", 121.0, 148.0, 14.0));
        let text = page_text(&g);
        assert_eq!(lines_of(&text).len(), 2, "{text}");
        assert_eq!(lines_of(&text)[1], "Doan hai.");
    }

    #[test]
    fn ragged_text_is_never_joined() {
        let mut g = run("Dong mot.", 85.0, 100.0, 14.0);
        g.extend(run("Dong hai dai hon mot chut.", 85.0, 116.0, 14.0));
        g.extend(run("Ba.", 85.0, 132.0, 14.0));
        assert_eq!(lines_of(&page_text(&g)).len(), 3);
    }

    #[test]
    fn a_hyphen_ending_a_joined_line_keeps_the_word_whole() {
        let right = 400.0;
        let mut g = justified(
            "bao cao ve UBND xa qua Van phong HDND-",
            85.0,
            100.0,
            14.0,
            right,
        );
        g.extend(justified(
            "UBND de tiep tuc chi dao va theo doi xx",
            85.0,
            116.0,
            14.0,
            right,
        ));
        g.extend(justified(
            "them mot dong nua cho du ba dong dai xx",
            85.0,
            132.0,
            14.0,
            right,
        ));
        assert!(page_text(&g).contains("HDND-UBND de"));
    }

    #[test]
    fn glyphs_with_impossible_coordinates_are_skipped() {
        let mut g = run("Ha Bac", 85.0, 100.0, 14.0);
        g.push(Glyph {
            x: f64::NAN,
            y: f64::INFINITY,
            advance: 1.0,
            size: f64::NAN,
            text: "x".into(),
        });
        assert_eq!(page_text(&g), "Ha Bac\n");
        assert_eq!(page_text(&[]), "\n");
    }
}
