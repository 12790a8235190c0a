//! Plain text, Markdown and PDF text layers: decoding and normalisation into logical lines.
//!
//! Text copied out of PDF or Word arrives damaged: paragraphs hard-wrapped at the page width
//! (often with blank lines between the wrapped halves), page-break debris, repeated spaces,
//! Markdown emphasis and headings, pipes of flattened tables, mixed Unicode forms. The
//! normaliser undoes that damage and yields one [`Line`] per logical paragraph, recording
//! which raw lines each came from. It never rewrites punctuation or spelling: lint must see
//! what the author wrote.

use crate::error::ReadError;
use crate::source::{Format, Line, Source};

/// Decodes text bytes: UTF-8 (BOM optional), UTF-16 LE/BE with BOM, and otherwise
/// Windows-1258 (the legacy Vietnamese Windows code page), which accepts any byte.
///
/// Returns [`ReadError::Encoding`] only for UTF-16 with a BOM that does not decode, or for
/// bytes that look binary (NUL bytes in an 8-bit text).
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(ReadError::Encoding);
            }
            return Ok(text.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            return Err(ReadError::Unsupported {
                what: "binary data".into(),
            });
        }
        return Ok(s.to_string());
    }
    if bytes.contains(&0) {
        return Err(ReadError::Unsupported {
            what: "binary data".into(),
        });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
    Ok(text.into_owned())
}

/// One raw input line after per-line cleanup.
#[derive(Debug, Clone)]
struct RawLine {
    text: String,
    /// 1-based line number in the raw input.
    n: usize,
    bold: bool,
    heading: Option<u8>,
    cells: Option<Vec<String>>,
}

/// Normalises raw text into logical lines; see the module documentation.
///
/// Guarantees: every returned line is non-empty, NFC, without tabs or repeated spaces, and
/// its `raw_lines` lie within the input's line count.
pub fn normalise(raw: &str, format: Format) -> Source {
    let raw = vntext::nfc(raw);
    let mut lines: Vec<RawLine> = Vec::new();
    let mut in_bold = false;
    let mut page_first_line = true;
    let mut table_index = 0usize;
    let mut in_table = false;
    let mut tables: Vec<Option<usize>> = Vec::new();
    for RawPiece {
        n,
        text: piece,
        new_page,
        page_end,
    } in raw_pieces(&raw, format)
    {
        if new_page {
            page_first_line = true;
        }
        let mut text = clean_spaces(piece);
        if text.is_empty() {
            continue;
        }
        if (page_first_line || page_end) && is_page_number(&text) {
            page_first_line = false;
            continue;
        }
        page_first_line = false;
        // Markdown / PDF artefacts.
        let mut heading = None;
        if let Some((level, rest)) = atx_heading(&text) {
            heading = Some(level);
            text = rest.to_string();
        }
        if let Some(cells) = pipe_row(&text) {
            if cells.iter().all(|c| is_separator_cell(c)) {
                continue;
            }
            if !in_table {
                in_table = true;
                table_index += 1;
            }
            let cells: Vec<String> = cells.iter().map(|c| strip_emphasis(c).0).collect();
            let joined = cells.join(" | ");
            tables.push(Some(table_index - 1));
            lines.push(RawLine {
                text: joined,
                n,
                bold: false,
                heading,
                cells: Some(cells),
            });
            continue;
        }
        in_table = false;
        let (stripped, bold_state) = strip_emphasis_tracking(&text, in_bold);
        let bold = bold_state.whole_line_bold;
        in_bold = bold_state.open_after;
        // Stripping emphasis may leave double spaces; without markers nothing changed.
        let text = if text.contains(['*', '_', '\\']) {
            clean_spaces(&stripped)
        } else {
            stripped
        };
        if text.is_empty() {
            continue;
        }
        tables.push(None);
        lines.push(RawLine {
            text,
            n,
            bold,
            heading,
            cells: None,
        });
    }
    let width = WrapWidth::measure(&lines);
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    // The last raw line joined into `out.last()`: whether it was a full line decides.
    let mut last_raw = String::new();
    // Inside the "Nơi nhận:" list (until the signature block).
    let mut in_recipients = false;
    for (idx, rl) in lines.into_iter().enumerate() {
        let table = tables.get(idx).copied().flatten();
        if let Some(prev) = out.last_mut() {
            let prev_is_plain = prev.cells.is_none() && prev.heading.is_none();
            if prev_is_plain && rl.cells.is_none() && rl.heading.is_none() {
                let joined = if in_recipients {
                    continue_recipient(&prev.text, &rl.text)
                } else {
                    None
                }
                .or_else(|| try_join(&prev.text, &last_raw, &rl.text, &width));
                if let Some(glue) = joined {
                    // Joined in place: copying the paragraph at every line is quadratic.
                    if glue == Glue::Space {
                        prev.text.push(' ');
                    }
                    prev.text.push_str(&rl.text);
                    if let Some((first, _)) = prev.raw_lines {
                        prev.raw_lines = Some((first, rl.n));
                    }
                    prev.bold &= rl.bold;
                    last_raw = rl.text;
                    continue;
                }
            }
        }
        // The list ends with the signer's name, which is printed last (a PDF may draw the
        // signature column before the end of the list).
        if rl.text.starts_with("Nơi nhận") {
            in_recipients = true;
        } else if is_person_name(&rl.text) {
            in_recipients = false;
        }
        last_raw.clone_from(&rl.text);
        out.push(Line {
            text: rl.text,
            para: None,
            raw_lines: Some((rl.n, rl.n)),
            bold: rl.bold,
            heading: rl.heading,
            cells: rl.cells,
            table,
        });
    }
    Source { format, lines: out }
}

/// A piece of a raw line (see [`raw_pieces`]).
struct RawPiece<'a> {
    /// 1-based raw line number.
    n: usize,
    text: &'a str,
    /// A new page starts before this piece.
    new_page: bool,
    /// The last non-blank piece of a page that a form feed (or, in PDF text, the end of the
    /// text) closes: where a page number printed in the footer lands.
    page_end: bool,
}

/// Splits raw text into pieces. Lines split at form feeds (PDF page breaks), and PDF lines
/// also at runs of three spaces or more (the cells of a table row drawn on one baseline,
/// text after a tab stop; see `read::pdf::COLUMN_GAP`).
fn raw_pieces(raw: &str, format: Format) -> Vec<RawPiece<'_>> {
    let mut out: Vec<RawPiece<'_>> = Vec::new();
    let mut last_of_page: Option<usize> = None;
    for (i, line) in raw.split('\n').enumerate() {
        for (k, segment) in line.split('\u{c}').enumerate() {
            let mut new_page = k > 0;
            if new_page && let Some(last) = last_of_page.take() {
                out[last].page_end = true;
            }
            let columns = if format == Format::Pdf {
                split_columns(segment)
            } else {
                vec![segment]
            };
            for text in columns {
                if !text.trim().is_empty() {
                    last_of_page = Some(out.len());
                }
                out.push(RawPiece {
                    n: i + 1,
                    text,
                    new_page,
                    page_end: false,
                });
                new_page = false;
            }
        }
    }
    if format == Format::Pdf
        && let Some(last) = last_of_page
    {
        out[last].page_end = true;
    }
    out
}

/// Splits at runs of three spaces or more.
fn split_columns(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut spaces = 0;
    for (i, c) in line.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 3 {
            parts.push(&line[start..i - spaces]);
            start = i;
        }
        spaces = 0;
    }
    parts.push(&line[start..]);
    parts
}

/// Replaces tabs, no-break and zero-width spaces with plain spaces (or nothing), collapses
/// runs of spaces, trims.
pub fn clean_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{AD}' | '\r' => {}
            c if c.is_whitespace() || c.is_control() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// A page number on a line of its own: "2", "- 2 -", "Trang 2", "2/5".
fn is_page_number(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Trang ")
        .or_else(|| t.strip_prefix("trang "))
        .unwrap_or(t);
    let t = t.split('/').next().unwrap_or(t);
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// `# Heading` (1–6 hashes then a space) → (level, rest).
fn atx_heading(s: &str) -> Option<(u8, &str)> {
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with(' ') {
        let rest = s[hashes..].trim().trim_end_matches('#').trim_end();
        return Some((hashes as u8, rest));
    }
    None
}

/// `| a | b |` → cells (trimmed). Needs a leading and a trailing pipe and two cells at least
/// ... or one leading pipe and two more.
fn pipe_row(s: &str) -> Option<Vec<String>> {
    let t = s.trim();
    if !t.starts_with('|') || t.len() < 3 {
        return None;
    }
    let inner = t.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    if cells.len() < 2 {
        return None;
    }
    Some(cells)
}

fn is_separator_cell(c: &str) -> bool {
    !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ' | '='))
}

struct BoldState {
    whole_line_bold: bool,
    open_after: bool,
}

/// Removes Markdown emphasis (`**`, `__`, `***`, and `*x*` / `_x_` around words) and
/// backslash escapes. Returns the text and whether the emphasis made the whole line bold.
fn strip_emphasis(s: &str) -> (String, bool) {
    let (t, st) = strip_emphasis_tracking(s, false);
    (t, st.whole_line_bold)
}

/// As [`strip_emphasis`], tracking a `**` span that continues over lines (`**TM. ỦY BAN
/// NHÂN DÂN` … `CHỦ TỊCH**`). `open_before`: a bold span is open at the start of the line.
fn strip_emphasis_tracking(s: &str, open_before: bool) -> (String, BoldState) {
    if !s.contains(['*', '_', '\\']) {
        return (
            s.to_owned(),
            BoldState {
                whole_line_bold: open_before && s.chars().any(|c| !c.is_whitespace()),
                open_after: open_before,
            },
        );
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut bold_open = open_before;
    let mut bold_chars = 0usize;
    let mut text_chars = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && is_md_escapable(chars[i + 1]) {
            out.push(chars[i + 1]);
            text_chars += 1;
            if bold_open {
                bold_chars += 1;
            }
            i += 2;
            continue;
        }
        if c == '*' || c == '_' {
            let run = chars[i..].iter().take_while(|&&x| x == c).count();
            let prev = if i == 0 { None } else { Some(chars[i - 1]) };
            let next = chars.get(i + run).copied();
            let touches_word = |x: Option<char>| x.is_some_and(|x| !x.is_whitespace());
            // A lone '*' or '_' followed by a space at the line start is a bullet; inside
            // words (snake_case, 3*4) it is literal.
            let opening = touches_word(next) && !touches_word(prev);
            let closing = touches_word(prev) && !touches_word(next);
            let is_emphasis = if run >= 2 {
                opening || closing || (i == 0 && next.is_some()) || next.is_none()
            } else {
                (opening || closing) && (c == '*' || !(touches_word(prev) && touches_word(next)))
            };
            if is_emphasis && !(run == 1 && i == 0 && next == Some(' ')) {
                if run >= 2 {
                    bold_open = if opening && !closing {
                        true
                    } else if closing && !opening {
                        false
                    } else {
                        !bold_open
                    };
                }
                i += run;
                continue;
            }
        }
        out.push(c);
        if !c.is_whitespace() {
            text_chars += 1;
            if bold_open {
                bold_chars += 1;
            }
        }
        i += 1;
    }
    let whole = text_chars > 0 && bold_chars == text_chars;
    (
        out,
        BoldState {
            whole_line_bold: whole,
            open_after: bold_open,
        },
    )
}

fn is_md_escapable(c: char) -> bool {
    "\\`*_{}[]()#+-.!|".contains(c)
}

/// Typical line width of hard-wrapped text, if the text is hard-wrapped.
struct WrapWidth {
    /// Characters of a full line; `None` when lines are whole paragraphs.
    full: Option<usize>,
}

impl WrapWidth {
    fn measure(lines: &[RawLine]) -> WrapWidth {
        let mut lens: Vec<usize> = lines
            .iter()
            .filter(|l| l.cells.is_none())
            .map(|l| l.text.chars().count())
            .filter(|&n| n >= 30)
            .collect();
        if lines.len() < 8 || lens.len() < 5 {
            return WrapWidth { full: None };
        }
        lens.sort_unstable();
        let median = lens[lens.len() / 2];
        let p75 = lens[lens.len() * 3 / 4];
        let in_band = lines
            .iter()
            .map(|l| l.text.chars().count())
            .filter(|&n| n * 100 >= median * 85 && n * 100 <= median * 110)
            .count();
        // Hard-wrapped text: most long lines have about the same length, and that length
        // is a page width (40–140 characters), not a paragraph.
        if median <= 140 && in_band * 4 >= lines.len() {
            WrapWidth { full: Some(p75) }
        } else {
            WrapWidth { full: None }
        }
    }

    fn is_full(&self, line: &str) -> bool {
        self.full
            .is_some_and(|w| line.chars().count() * 100 >= w * 72)
    }
}

/// A line holding only a small number ("1", "12"): the number column of a table row, not
/// the end of a sentence.
fn is_bare_number(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// In the recipients list, an item ("- Sở Ngoại vụ;") runs until its ';' or '.': a line
/// that does not start a new item, nor the signature block, continues it, whatever its
/// first letter ("- Các phòng chuyên môn, đơn vị trực thuộc" + "UBND xã;").
fn continue_recipient(prev: &str, next: &str) -> Option<Glue> {
    let is_item = prev.starts_with(['-', '+', '•', '–']);
    let open = !prev
        .trim_end_matches([')', '"', '”'])
        .ends_with(['.', ';', ':']);
    (is_item
        && open
        && !starts_with_marker(next)
        && !is_signature_or_header_line(next)
        && !is_person_name(next))
    .then_some(Glue::Space)
}

/// A person's name alone on a line, as under a signature: two to six capitalised words
/// of letters only ("Nguyễn Thái Hoàng", "Đỗ Hồng Sơn").
fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split(' ').collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
        })
}

/// How a continuation line is joined to its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glue {
    /// With a space (a line wrapped between words).
    Space,
    /// Without (a word or syllable split across lines).
    Tight,
}

/// Decides whether `next` continues the paragraph `prev`, and how they join.
/// `prev_last` is the last raw line joined into `prev` (the whole of `prev` if none was):
/// only its length says whether the text was wrapped at a full line.
fn try_join(prev: &str, prev_last: &str, next: &str, width: &WrapWidth) -> Option<Glue> {
    if starts_with_marker(next) || is_bare_number(next) {
        return None;
    }
    let prev_trim = prev.trim_end_matches(['"', '”', '\'', '’', ')', ']', '*']);
    let last = prev_trim.chars().last()?;
    // A word split by a hyphen at the line end: "HĐND-" + "UBND)".
    if last == '-' {
        let before = prev.chars().rev().nth(1);
        if before.is_some_and(char::is_alphanumeric) {
            return Some(Glue::Tight);
        }
    }
    if matches!(last, '.' | '!' | '?' | ';' | ':' | '…') {
        return None;
    }
    if split_syllable(prev, next) {
        return Some(Glue::Tight);
    }
    if is_signature_or_header_line(prev) {
        return None;
    }
    let first = next.chars().next()?;
    let lower_start = first.is_lowercase()
        || (matches!(first, '(' | '"' | '“' | '\'')
            && next.chars().nth(1).is_some_and(char::is_lowercase));
    (lower_start || last == ',' || width.is_full(prev_last)).then_some(Glue::Space)
}

/// A syllable split across lines ("Hải Phò" + "ng đến"): the two fragments form a valid
/// Vietnamese syllable and at least one of them is not a syllable on its own.
fn split_syllable(prev: &str, next: &str) -> bool {
    let (Some(tail), Some(head)) = (prev.rsplit(' ').next(), next.split(' ').next()) else {
        return false;
    };
    let letters = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
    if !letters(tail) || !letters(head) || !head.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let valid = vntext::syllable::is_valid;
    (!valid(tail) || !valid(head)) && valid(&format!("{tail}{head}"))
}

/// True for lines that begin a new element: section labels (I., 1., 1.1., a), a.), bullets
/// (-, +, *, •), and the fixed lines of the signature and recipient blocks.
pub fn starts_with_marker(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '-' | '+' | '*' | '•' | '–' | '−' | '►' | '\u{f0a7}') {
        return true;
    }
    for fixed in [
        "Nơi nhận",
        "TM.",
        "KT.",
        "TL.",
        "TUQ.",
        "Q.",
        "Kính gửi",
        "Căn cứ",
        "Thực hiện",
    ] {
        if s.starts_with(fixed) {
            // "Thực hiện" starts a new paragraph only as a heading-like basis line; it is
            // also a common continuation, which starts lowercase ("thực hiện").
            return true;
        }
    }
    // Roman numeral part labels.
    let roman: String = s.chars().take_while(|c| "IVXL".contains(*c)).collect();
    if !roman.is_empty() && roman.len() <= 5 {
        let rest = &s[roman.len()..];
        if rest.starts_with(". ")
            || rest.starts_with('.') && rest.len() > 1
            || rest.starts_with(") ")
        {
            return true;
        }
    }
    // Arabic item labels: 1. 1.1. 1) 1- (at most two digits per component).
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 2 {
            break;
        }
        groups += 1;
        match bytes.get(i) {
            Some(b'.') => {
                i += 1;
                match bytes.get(i) {
                    Some(b' ') | None => return true,
                    Some(c) if c.is_ascii_digit() => continue,
                    // "1.Công tác" (no space) still labels an item.
                    Some(_) => return s[i..].chars().next().is_some_and(char::is_uppercase),
                }
            }
            Some(b')') | Some(b'-') if groups == 1 => {
                return bytes.get(i + 1).is_some_and(|&c| c == b' ');
            }
            _ => break,
        }
    }
    // Vietnamese letter points: a) b) đ) and the "a." form.
    let mut it = s.chars();
    if let (Some(l), Some(p)) = (it.next(), it.next())
        && is_point_letter(l)
        && (p == ')' || p == '.')
    {
        let after = it.next();
        return match after {
            None => true,
            Some(' ') => true,
            Some(c) => c.is_uppercase(),
        };
    }
    false
}

/// Letters used for points (điểm) in Vietnamese documents; Word lists also produce f, j, w.
pub fn is_point_letter(c: char) -> bool {
    c.is_ascii_lowercase() || c == 'đ'
}

/// Lines of the header and signature blocks that never continue onto the next line.
fn is_signature_or_header_line(s: &str) -> bool {
    // Short all-capitals lines: issuer, Quốc hiệu, type name, signer's position. The length
    // test comes first: this runs on every growing paragraph.
    s.len() < 240 && s.chars().count() < 60 && vntext::is_all_caps(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &Source) -> Vec<&str> {
        src.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn hard_wrapped_lines_with_blank_lines_between_are_rejoined() {
        let raw = "Thực hiện Công văn số 2780/NV-LSNVNONN ngày 09/10/2025 của Sở \n\n\
                   Ngoại vụ Thành phố Hải Phòng về xây dựng kế hoạch hoạt động đối ngoại.\n\n\
                   Trên cơ sở chức năng, nhiệm vụ và tình hình địa phương, UBND xã Hà Bắc \n\n\
                   xây dựng kế hoạch hoạt động đối ngoại năm 2026 cụ thể như sau: \n\n\
                   I. MỤC ĐÍCH, YÊU CẦU \n\n\
                   1. Bám sát và thực hiện có hiệu quả chủ trương, đường lối đối ngoại của \n\n\
                   Đảng và Nhà nước về công tác đối ngoại. \n\n\
                   2. Tiếp tục đẩy mạnh công tác tuyên truyền, quán triệt đầy đủ, sâu sắc vị trí, \n\n\
                   vai trò của công tác đối ngoại.";
        let src = normalise(raw, Format::Txt);
        assert_eq!(
            texts(&src),
            vec![
                "Thực hiện Công văn số 2780/NV-LSNVNONN ngày 09/10/2025 của Sở Ngoại vụ Thành phố Hải Phòng về xây dựng kế hoạch hoạt động đối ngoại.",
                "Trên cơ sở chức năng, nhiệm vụ và tình hình địa phương, UBND xã Hà Bắc xây dựng kế hoạch hoạt động đối ngoại năm 2026 cụ thể như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Bám sát và thực hiện có hiệu quả chủ trương, đường lối đối ngoại của Đảng và Nhà nước về công tác đối ngoại.",
                "2. Tiếp tục đẩy mạnh công tác tuyên truyền, quán triệt đầy đủ, sâu sắc vị trí, vai trò của công tác đối ngoại.",
            ]
        );
        assert_eq!(src.lines[0].raw_lines, Some((1, 3)));
    }

    #[test]
    fn a_hyphen_at_the_line_end_joins_without_a_space() {
        let src = normalise(
            "báo cáo về UBND xã qua (Văn phòng HĐND-\n\nUBND) để tiếp tục chỉ đạo./.",
            Format::Txt,
        );
        assert_eq!(
            texts(&src),
            vec!["báo cáo về UBND xã qua (Văn phòng HĐND-UBND) để tiếp tục chỉ đạo./."]
        );
    }

    #[test]
    fn a_syllable_split_across_lines_is_rejoined_without_a_space() {
        let src = normalise(
            "Sở Ngoại vụ thành phố Hải Phò\n\nng về xây dựng kế hoạch.",
            Format::Pdf,
        );
        assert_eq!(
            texts(&src),
            vec!["Sở Ngoại vụ thành phố Hải Phòng về xây dựng kế hoạch."]
        );
        let src = normalise("phát triển kinh tế, xã\n\nhội của địa phương.", Format::Pdf);
        assert_eq!(
            texts(&src),
            vec!["phát triển kinh tế, xã hội của địa phương."]
        );
    }

    #[test]
    fn a_lowercase_continuation_after_a_page_break_joins() {
        let raw = "- Ngoài ra, chỉ đạo các cơ quan, đơn vị chủ\n\nđộng lồng ghép các hoạt động.\n\n3. Công tác ngoại giao kinh tế";
        let src = normalise(raw, Format::Txt);
        assert_eq!(
            texts(&src),
            vec![
                "- Ngoài ra, chỉ đạo các cơ quan, đơn vị chủ động lồng ghép các hoạt động.",
                "3. Công tác ngoại giao kinh tế"
            ]
        );
    }

    #[test]
    fn header_and_signature_lines_stay_apart() {
        let raw = "ỦY BAN NHÂN DÂN\nXÃ HÀ BẮC\nSố: /KH-UBND\nKẾ HOẠCH\nHoạt động đối ngoại năm 2026\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Anh Tuấn";
        let src = normalise(raw, Format::Txt);
        assert_eq!(src.lines.len(), 8);
    }

    #[test]
    fn markdown_headings_and_bold_are_stripped_and_remembered() {
        let raw = "## KẾ HOẠCH Hoạt động đối ngoại\n\n### **III. TỔ CHỨC THỰC HIỆN**\n\n***Nơi nhận:***\n\n**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**\n\nNguyễn Thái Hoàng\n\n* Nội dung thực hiện:";
        let src = normalise(raw, Format::Md);
        assert_eq!(
            texts(&src),
            vec![
                "KẾ HOẠCH Hoạt động đối ngoại",
                "III. TỔ CHỨC THỰC HIỆN",
                "Nơi nhận:",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "Nguyễn Thái Hoàng",
                "* Nội dung thực hiện:"
            ]
        );
        assert_eq!(src.lines[0].heading, Some(2));
        assert!(src.lines[1].bold && src.lines[3].bold && src.lines[4].bold);
        assert!(!src.lines[5].bold);
    }

    #[test]
    fn pipe_tables_become_rows_with_cells() {
        let raw = "| TT | Tên đoàn | Nước đi |\n|---|---|---|\n| 1 | Đoàn xã | Lào |\n\nSau bảng.";
        let src = normalise(raw, Format::Md);
        assert_eq!(src.lines.len(), 3);
        assert_eq!(
            src.lines[1].cells.as_deref(),
            Some(&["1".to_string(), "Đoàn xã".into(), "Lào".into()][..])
        );
        assert_eq!(src.lines[1].table, Some(0));
        assert_eq!(src.lines[2].table, None);
    }

    #[test]
    fn page_numbers_after_a_form_feed_are_dropped() {
        let src = normalise("Đoạn một.\n\u{c}2\nĐoạn hai.", Format::Pdf);
        assert_eq!(texts(&src), vec!["Đoạn một.", "Đoạn hai."]);
    }

    #[test]
    fn spaces_are_collapsed_and_decomposed_text_is_composed() {
        let src = normalise("Ha\u{300}  Bă\u{301}c\t\u{a0}xã", Format::Txt);
        assert_eq!(texts(&src), vec!["Hà Bắc xã"]);
    }

    #[test]
    fn markers_are_recognised() {
        for s in [
            "I. MỤC ĐÍCH",
            "II.NỘI DUNG",
            "1. Mục đích",
            "3.2. Xây dựng",
            "a) Nâng cao",
            "đ) Đấu tranh",
            "a.Công tác",
            "b. Ngoại giao",
            "- Tiếp tục",
            "+ Đoàn ra",
            "* Nội dung",
            "-VP UBND",
            "1- Tên đoàn: Đoàn",
            "Nơi nhận:",
            "TM.ỦY BAN",
        ] {
            assert!(starts_with_marker(s), "{s}");
        }
        for s in [
            "18/2/2019 của Bộ",
            "2026 cụ thể",
            "vụ đối ngoại",
            "Hà Bắc, ngày",
            "an ninh.",
            "Icon",
            "Việt Nam",
        ] {
            assert!(!starts_with_marker(s), "{s}");
        }
    }

    #[test]
    fn decode_accepts_bom_utf16_and_windows_1258() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hà".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Hà");
        // "Hà" in Windows-1258: H, a, combining grave (0xCC).
        assert_eq!(vntext::nfc(&decode(b"Ha\xCC").unwrap()), "Hà");
    }

    #[test]
    fn pdf_lines_split_at_runs_of_three_spaces_into_cells() {
        let src = normalise(
            "Số: /KH-UBND   Hà Bắc, ngày 10 tháng 3 năm 2026\nTT   Tên đoàn  Trưởng",
            Format::Pdf,
        );
        assert_eq!(
            texts(&src),
            vec![
                "Số: /KH-UBND",
                "Hà Bắc, ngày 10 tháng 3 năm 2026",
                "TT",
                "Tên đoàn Trưởng"
            ]
        );
        assert_eq!(src.lines[1].raw_lines, Some((1, 1)));
        // Other formats keep such runs as one space.
        let src = normalise("Số: /KH-UBND   Hà Bắc", Format::Txt);
        assert_eq!(texts(&src), vec!["Số: /KH-UBND Hà Bắc"]);
    }

    #[test]
    fn page_numbers_printed_in_the_footer_are_dropped() {
        let src = normalise(
            "Đoạn một.\n- 2 -\n\u{c}Đoạn hai.\nTrang 3\n\u{c}Đoạn ba.\n4\n",
            Format::Pdf,
        );
        assert_eq!(texts(&src), vec!["Đoạn một.", "Đoạn hai.", "Đoạn ba."]);
        // Not a page end: kept.
        let src = normalise("Số người\n2\nSố ngày", Format::Pdf);
        assert_eq!(texts(&src), vec!["Số người", "2", "Số ngày"]);
    }

    #[test]
    fn text_before_a_form_feed_on_the_same_line_is_kept() {
        let src = normalise("Đoạn một.\u{c}2\nĐoạn hai.", Format::Pdf);
        assert_eq!(texts(&src), vec!["Đoạn một.", "Đoạn hai."]);
    }

    #[test]
    fn a_recipient_wrapped_before_a_capital_is_rejoined() {
        let raw = "Nơi nhận:\n- Lãnh đạo UBND xã;\n- Các phòng chuyên môn, đơn vị trực thuộc\n\
                   UBND xã;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Thái Hoàng";
        let src = normalise(raw, Format::Pdf);
        assert_eq!(
            texts(&src),
            vec![
                "Nơi nhận:",
                "- Lãnh đạo UBND xã;",
                "- Các phòng chuyên môn, đơn vị trực thuộc UBND xã;",
                "- Lưu: VT.",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "Nguyễn Thái Hoàng",
            ]
        );
    }

    #[test]
    fn a_recipient_list_split_by_the_signature_column_is_still_rejoined() {
        // A PDF whose signature table row breaks across pages: the right column's first
        // lines come before the rest of the list, the name last.
        let raw = "Nơi nhận:\n- Thường trực Đảng ủy xã;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\
                   \u{c}7\n- Các phòng chuyên môn, đơn vị trực thuộc\nUBND xã;\n- Lưu: VT.\n\
                   Nguyễn Thái Hoàng\nBẢNG TỔNG HỢP\n- Tổ chức hội nghị\nQuý II";
        let src = normalise(raw, Format::Pdf);
        assert_eq!(
            texts(&src),
            vec![
                "Nơi nhận:",
                "- Thường trực Đảng ủy xã;",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "- Các phòng chuyên môn, đơn vị trực thuộc UBND xã;",
                "- Lưu: VT.",
                "Nguyễn Thái Hoàng",
                "BẢNG TỔNG HỢP",
                "- Tổ chức hội nghị",
                "Quý II",
            ]
        );
    }

    #[test]
    fn a_row_number_alone_on_a_line_does_not_continue_a_full_line() {
        let full =
            "Tiếp tục triển khai hiệu quả các chủ trương, chính sách của Đảng và Nhà nước về";
        let mut raw = String::new();
        for _ in 0..6 {
            raw.push_str(full);
            raw.push('\n');
        }
        raw.push_str("công tác đối ngoại.\n");
        raw.push_str(
            "I. Đoàn cấp Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng (Không có) tại xã\n",
        );
        raw.push_str("1\n2\nII. Đoàn sử dụng ngân sách Nhà nước\n");
        let src = normalise(&raw, Format::Txt);
        let t = texts(&src);
        assert_eq!(
            &t[t.len() - 4..],
            &[
                "I. Đoàn cấp Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng (Không có) tại xã",
                "1",
                "2",
                "II. Đoàn sử dụng ngân sách Nhà nước"
            ]
        );
    }

    #[test]
    fn person_names_are_recognised() {
        for s in ["Nguyễn Thái Hoàng", "Đỗ Hồng Sơn", "Lê Đức Tuấn"] {
            assert!(is_person_name(s), "{s}");
        }
        for s in [
            "CHỦ TỊCH",
            "UBND xã;",
            "Lưu: VT.",
            "Nơi nhận:",
            "Thái",
            "TM. ỦY BAN",
        ] {
            assert!(!is_person_name(s), "{s}");
        }
    }

    #[test]
    fn outside_the_recipients_a_capital_after_an_open_bullet_starts_a_new_line() {
        let raw = "- Phối hợp với các cơ quan\nUBND xã chủ trì.";
        assert_eq!(normalise(raw, Format::Txt).lines.len(), 2);
    }

    #[test]
    fn only_the_last_wrapped_line_decides_whether_a_paragraph_continues() {
        // A heading wrapped over two lines (the second short), then a paragraph that starts
        // with a capital: the joined heading is long, but its last line was not full.
        let full =
            "Tiếp tục triển khai hiệu quả các chủ trương, chính sách của Đảng và Nhà nước về";
        let mut raw = String::new();
        for _ in 0..6 {
            raw.push_str(full);
            raw.push('\n');
        }
        raw.push_str("công tác đối ngoại.\n");
        raw.push_str(
            "6. Công tác đối ngoại nhân dân, công tác vận động và quản lý viện trợ phi chính phủ\n",
        );
        raw.push_str("nước ngoài\n");
        raw.push_str("Tiếp tục triển khai hiệu quả Kế hoạch số 57-KH/TU của Ban Thường vụ.\n");
        let src = normalise(&raw, Format::Txt);
        let t = texts(&src);
        assert_eq!(
            t[t.len() - 2],
            "6. Công tác đối ngoại nhân dân, công tác vận động và quản lý viện trợ phi chính phủ nước ngoài"
        );
        assert_eq!(
            t[t.len() - 1],
            "Tiếp tục triển khai hiệu quả Kế hoạch số 57-KH/TU của Ban Thường vụ."
        );
    }
}
