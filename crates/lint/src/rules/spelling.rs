//! Spelling: syllables that are not Vietnamese (SPELL-SYLLABLE), real-word errors — a
//! valid syllable where a variant differing only in tone, vowel marks or đ/d makes a known
//! word with its neighbours (SPELL-REAL-WORD) —, doubled words (SPELL-DOUBLED) and fixed
//! phrases with a word missing (SPELL-PHRASE-MISSING).
//!
//! Evidence comes from the shipped [`Lexicon`]: a rule fires only when the lexicon knows the
//! corrected form and has never seen the written one in that context. Proper names (runs
//! of capitalised words), acronyms, words glued to digits or symbols and foreign words are
//! left alone.

use std::borrow::Cow;

use super::{Ctx, at};
use crate::lexicon::{Id, Lexicon};
use crate::{Finding, Severity};

/// A real-word error needs a variant seen at least this often with its neighbour…
const MIN_SUPPORT: u32 = 3;
/// … and going with it at least this strongly (Dice's coefficient, [`Lexicon::dice`]).
const MIN_DICE: f32 = 0.1;
/// … or making a word with it that one of its two syllables calls for (the larger of
/// P(b | a) and P(a | b), [`Lexicon::cohesion`]: "nghị định", "chứng nhận").
const MIN_COHESION: f32 = 0.15;
/// Or: the variant makes the context e^MIN_LOG_RATIO times more likely under the bigram model
/// ([`Lexicon::log_prob`]) than the written word (ln 20,000 ≈ 9.9)…
const MIN_LOG_RATIO: f64 = 9.9;
/// … or e^7 times when both neighbours were seen with the variant and neither with the
/// written word ("hợp động thuê" → "hợp đồng thuê")…
const MIN_LOG_RATIO_TWO_SIDED: f64 = 7.0;
/// … or when the written word keeps company ([`Lexicon::bound_left`], "vệ" after "bảo") but
/// is seen with neither neighbour, and the variant with each one present…
const MIN_LOG_RATIO_ORPHAN: f64 = 7.0;
/// … or when the variant was seen at least FREQUENT_SUPPORT times with its neighbours.
/// (All chosen on the development texts, docs/lint-quality.md.)
const MIN_LOG_RATIO_FREQUENT: f64 = 7.0;
const FREQUENT_SUPPORT: u32 = 100;

/// How a number is written in the pair counts.
const NUMBER: &str = "0";

const SYLLABLE: (&str, Severity) = ("SPELL-SYLLABLE", Severity::Warning);
const REAL_WORD: (&str, Severity) = ("SPELL-REAL-WORD", Severity::Warning);
const DOUBLED: (&str, Severity) = ("SPELL-DOUBLED", Severity::Warning);
const PHRASE_MISSING: (&str, Severity) = ("SPELL-PHRASE-MISSING", Severity::Warning);

/// Foreign words and units common in administrative text, written in lower case.
const FOREIGN: &[&str] = &[
    "online",
    "offline",
    "website",
    "web",
    "email",
    "video",
    "clip",
    "logo",
    "internet",
    "virus",
    "covid",
    "sars",
    "km",
    "kg",
    "cm",
    "mm",
    "ml",
    "kw",
    "kwh",
    "mw",
    "ha",
    "ppm",
    "usd",
    "eur",
    "vnd",
    "tp",
    "tt",
    "vv",
    "etc",
    "ok",
    "app",
    "smartphone",
    "camera",
    "visa",
    "radio",
    "pano",
    "banner",
    "poster",
    "slogan",
    "container",
    "gas",
    "ozone",
    "photo",
    "copy",
    "file",
    "scan",
    "fax",
    "hotline",
    "livestream",
    "marketing",
    "seminar",
    "workshop",
    "festival",
    "golf",
    "tennis",
    "karaoke",
    "spa",
    "homestay",
    "resort",
    "tour",
    "taxi",
    "youtube",
    "tiktok",
    "zalo",
    "facebook",
    "fanpage",
    "google",
    "gmail",
    "wifi",
];

/// Doubled syllables that are ordinary Vietnamese (reduplication).
const REDUPLICATIVE: &[&str] = &[
    "từ",
    "ngày",
    "người",
    "nhà",
    "ai",
    "đâu",
    "mỗi",
    "thường",
    "dần",
    "đời",
    "năm",
    "tháng",
    "xa",
    "cao",
    "xanh",
    "đỏ",
    "vàng",
    "trắng",
    "đen",
    "nho",
    "nhỏ",
    "to",
    "lớn",
    "nhiều",
    "ít",
    "chầm",
    "rồi",
    "mãi",
    "đều",
    "khác",
    "chậm",
    "nhanh",
    "vui",
    "buồn",
    "đầy",
    "hơn",
    "gần",
    "nữa",
    "lâu",
    "sớm",
    "muộn",
    "tận",
    "thật",
    "cùng",
    "đi",
    "lại",
    "qua",
];

/// How a token is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    /// First letter a capital, the rest lower case.
    Capitalised,
    /// Every letter a capital.
    Caps,
    /// Capitals inside ("eKYC", "VNeID").
    Mixed,
}

struct Tok<'a> {
    /// Byte offsets in the line.
    start: usize,
    text: &'a str,
    norm: Cow<'a, str>,
    id: Option<Id>,
    case: Case,
    /// Touches a digit or a symbol ("km2", "v.v", "KH-UBND", "a@b"): not a plain word.
    glued: bool,
}

fn case_of(w: &str) -> Case {
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let (mut upper, mut lower) = (0, 0);
    for c in chars {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first_upper, upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) if lower > 0 => Case::Capitalised,
        (true, _, 0) => Case::Caps,
        _ => Case::Mixed,
    }
}

/// `c.is_alphabetic()`, without the table search for the letters of Vietnamese (ASCII,
/// Latin-1, Latin Extended-A/B and Latin Extended Additional, all letters but × and ÷).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' | '×' | '÷' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Splits a line into segments: runs of words separated only by spaces. Any other
/// character (punctuation, digits, symbols) ends a segment.
fn segments<'a>(line: &'a str, lex: &Lexicon) -> Vec<Vec<Tok<'a>>> {
    let mut out: Vec<Vec<Tok>> = Vec::new();
    let mut current: Vec<Tok> = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_letter(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !is_letter(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            let text = &line[i..end];
            let before = line[..i].chars().next_back();
            let after = line[end..].chars().next();
            let symbolic = |c: Option<char>| {
                c.is_some_and(|c| {
                    c.is_ascii_digit() || matches!(c, '.' | '/' | '-' | '@' | '_' | '&' | '\'')
                })
            };
            // "ngày 05/01." ends a sentence with '.', a word followed by ". " is not glued.
            let after_dot_space = after == Some('.')
                && line[end + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            let glued = symbolic(before) || (symbolic(after) && !after_dot_space);
            let (norm, id) = lex.lookup(text);
            current.push(Tok {
                start: i,
                text,
                norm,
                id,
                case: case_of(text),
                glued,
            });
        } else if c.is_ascii_digit() {
            // A number standing alone is a token ("0", as in the pair counts: "ngày 0",
            // "0 tuổi"); one touching letters ("km2", "2a") ends the segment.
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            let touches = |c: Option<char>| c.is_some_and(is_letter);
            if touches(line[..i].chars().next_back()) || touches(line[end..].chars().next()) {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                continue;
            }
            current.push(Tok {
                start: i,
                text: &line[i..end],
                norm: Cow::Borrowed(NUMBER),
                id: lex.id(NUMBER),
                case: Case::Lower,
                glued: true,
            });
        } else if c == ' ' || c == '\t' || c == '\u{a0}' {
            continue;
        } else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a token should be read as an ordinary word (not a name, acronym or symbol).
fn plain(seg: &[Tok], i: usize, caps_line: bool) -> bool {
    let t = &seg[i];
    if t.glued {
        return false;
    }
    match t.case {
        Case::Lower => true,
        Case::Caps => caps_line,
        Case::Mixed => false,
        // A capitalised word next to another one is part of a name ("Hà Bắc", "Nguyễn Văn
        // An"); alone it is a common noun written with a capital ("Nhân dân", "Cổng …").
        Case::Capitalised => {
            let cap = |j: Option<usize>| {
                j.and_then(|j| seg.get(j))
                    .is_some_and(|x| x.case != Case::Lower)
            };
            !cap(i.checked_sub(1)) && !cap(Some(i + 1))
        }
    }
}

/// Whether `a b` is a word the lexicon knows: a pair of a hand-written phrase without
/// function words, or a pair seen at least [`MIN_SUPPORT`] times with Dice at least
/// [`MIN_DICE`], or (without function words) cohesion at least [`MIN_COHESION`].
fn strong(lex: &Lexicon, a: Id, b: Id) -> bool {
    // Every pair of a phrase has a count: an unseen pair is nothing (the common case).
    let c = lex.pair(a, b);
    if c == 0 {
        return false;
    }
    let content = || !lex.is_function(a) && !lex.is_function(b);
    (c >= MIN_SUPPORT
        && (lex.dice(a, b) >= MIN_DICE || (content() && lex.cohesion(a, b) >= MIN_COHESION)))
        || (content() && lex.in_phrase(a, b))
}

/// Writes `word` with the case of `model` ("phổ" like "Phố" → "Phổ").
fn like_case(word: &str, model: Case) -> String {
    match model {
        Case::Caps => word.to_uppercase(),
        Case::Capitalised => {
            let mut c = word.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().chain(c).collect::<String>()
            })
        }
        _ => word.to_string(),
    }
}

/// Whether `ids` with `v` at `i` contains a whole phrase of three or more syllables
/// through `i` ("Công thông tin điện tử" → "cổng thông tin điện tử").
fn completes_phrase(lex: &Lexicon, ids: &[Option<Id>], i: usize, v: Id) -> bool {
    lex.in_phrases(v).iter().any(|&(pi, j)| {
        let p = &lex.phrases()[pi];
        i >= j
            && ids.len() >= i - j + p.len()
            && p.iter().enumerate().all(|(k, &id)| {
                let at = i - j + k;
                at == i || ids[at] == Some(id)
            })
    })
}

/// Real-word errors in one segment: a syllable that makes no word with its neighbours, where
/// a variant with other marks completes a fixed phrase, or makes a pair the lexicon knows
/// as a word (a pair of a hand-written phrase without function words, or a pair seen at
/// least [`MIN_SUPPORT`] times with Dice at least [`MIN_DICE`] or cohesion at least
/// [`MIN_COHESION`]), or makes the context much more likely under the bigram model (the
/// `MIN_LOG_RATIO*` constants). Returns the indices reported.
fn real_words(
    ctx: &Ctx,
    lex: &Lexicon,
    n: usize,
    seg: &[Tok],
    caps: bool,
    out: &mut Vec<Finding>,
) -> Vec<usize> {
    let mut reported = Vec::new();
    // Ids as corrected so far, so that one error is reported once, not again by its
    // neighbour.
    let mut ids: Vec<Option<Id>> = seg.iter().map(|t| t.id).collect();
    for i in 0..seg.len() {
        let t = &seg[i];
        let valid =
            t.id.map_or_else(|| vntext::syllable::is_valid(t.text), |id| lex.is_valid(id));
        if !plain(seg, i, caps) || !valid {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| ids[j]);
        let next = ids.get(i + 1).copied().flatten();
        if prev.is_none() && next.is_none() {
            continue;
        }
        let seen = |w: Id| prev.map_or(0, |p| lex.pair(p, w)) + next.map_or(0, |x| lex.pair(w, x));

        let pp = i.checked_sub(2).and_then(|j| ids[j]);
        let nn = ids.get(i + 2).copied().flatten();
        // A variant makes a word with a neighbour, without taking that neighbour from a
        // stronger word on its other side ("mặt tích cực" is not "mất tích"), and fits its
        // other side too (a "sơ" that is always followed by "thẩm" does not end a clause).
        let strong = |a: Id, b: Id| strong(lex, a, b);
        // The written word already makes a word with a neighbour ("nội dung", "hằng năm").
        let written_is_word = t.id.is_some_and(|w| {
            prev.is_some_and(|p| strong(p, w)) || next.is_some_and(|x| strong(w, x))
        });
        let word_with = |v: Id| {
            let w = t.id;
            let left = prev.is_some_and(|p| {
                strong(p, v)
                    && w.is_none_or(|w| lex.pair(p, w) == 0 && !strong(w, next.unwrap_or(u32::MAX)))
                    && pp.is_none_or(|q| lex.dice(q, p) < lex.dice(p, v))
            });
            let right = next.is_some_and(|x| {
                strong(v, x)
                    && w.is_none_or(|w| lex.pair(w, x) == 0 && !strong(prev.unwrap_or(u32::MAX), w))
                    && nn.is_none_or(|y| lex.dice(x, y) < lex.dice(v, x))
            });
            // A segment may start anywhere a sentence does; it ends where a clause does.
            let fits_left = prev.is_none_or(|p| lex.pair(p, v) > 0 || !lex.bound_right(v));
            let fits_right = next.map_or(!lex.bound_left(v), |x| {
                lex.pair(v, x) > 0 || !lex.bound_left(v)
            });
            (left || right) && fits_left && fits_right
        };
        // Then no variant can be reported (every path below requires the contrary): skip.
        if written_is_word {
            continue;
        }
        // log P(x, next | prev); at the start of a segment, log P(x, next).
        let likelihood =
            |x: Option<Id>| lex.log_prob(prev, x) + next.map_or(0.0, |_| lex.log_prob(x, next));
        let written = std::cell::OnceCell::new();
        let variants = match t.id {
            Some(id) => lex.variants(id),
            None => lex.same_fold(&vntext::fold(&t.norm)),
        };
        let best = variants
            .iter()
            // A variant never seen with a neighbour can only complete a phrase: every other
            // path below needs a pair count.
            .filter(|&&v| Some(v) != t.id && (seen(v) > 0 || !lex.in_phrases(v).is_empty()))
            .filter_map(|&v| {
                let phrase = !written_is_word
                    && completes_phrase(lex, &ids, i, v)
                    && t.id.is_none_or(|w| !completes_phrase(lex, &ids, i, w));
                let ratio = likelihood(Some(v)) - *written.get_or_init(|| likelihood(t.id));
                let likely = !written_is_word && seen(v) >= MIN_SUPPORT && ratio >= MIN_LOG_RATIO;
                // Both neighbours seen with the variant, neither with the written word.
                let two_sided = prev.zip(next).is_some_and(|(p, x)| {
                    t.id.is_none_or(|w| lex.pair(p, w) == 0 && lex.pair(w, x) == 0)
                        && lex.pair(p, v) > 0
                        && lex.pair(v, x) > 0
                }) && ratio >= MIN_LOG_RATIO_TWO_SIDED;
                // The written word is one that keeps company (its neighbours are
                // predictable: "vệ" after "bảo") and is seen with neither neighbour here.
                let orphan = t.id.is_some_and(|w| {
                    (lex.bound_left(w) || lex.bound_right(w))
                        && prev.is_none_or(|p| lex.pair(p, w) == 0 && lex.pair(p, v) > 0)
                        && next.is_none_or(|x| lex.pair(w, x) == 0 && lex.pair(v, x) > 0)
                }) && seen(v) >= MIN_SUPPORT
                    && ratio >= MIN_LOG_RATIO_ORPHAN;
                // A variant seen very often in this context.
                let frequent = seen(v) >= FREQUENT_SUPPORT && ratio >= MIN_LOG_RATIO_FREQUENT;
                let likely = likely || two_sided || orphan || frequent;
                (phrase || likely || word_with(v)).then(|| ((phrase, seen(v)), v))
            })
            .max();
        let Some((_, v)) = best else { continue };
        let word = like_case(lex.word(v), t.case);
        let context = |j: Option<usize>| j.and_then(|j| seg.get(j)).map(|x| x.text);
        let phrase: Vec<&str> = [
            context(i.checked_sub(1)),
            Some(word.as_str()),
            context(Some(i + 1)),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.push(at(
            ctx,
            REAL_WORD,
            n,
            t.start,
            t.text,
            format!(
                "\"{}\" không hợp với các từ bên cạnh; có thể là \"{word}\" (\"{}\").",
                t.text,
                phrase.join(" ")
            ),
            Some(word.clone()),
        ));
        ids[i] = Some(v);
        reported.push(i);
    }
    reported
}

/// A misspelt syllable's likely fix: the known syllable reached by one repair (onset
/// spelling, one extra letter removed) that the lexicon has seen most.
fn syllable_fix(lex: &Lexicon, norm: &str) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    for (from, to) in [
        ("ngh", "ng"),
        ("ng", "ngh"),
        ("gh", "g"),
        ("g", "gh"),
        ("k", "c"),
        ("c", "k"),
    ] {
        // "gh…" and "ngh…" are not "g"/"ng" + "h…".
        if let Some(rest) = norm.strip_prefix(from)
            && !(matches!(from, "g" | "ng") && rest.starts_with('h'))
        {
            candidates.push(format!("{to}{rest}"));
        }
    }
    let chars: Vec<char> = norm.chars().collect();
    for skip in 0..chars.len() {
        candidates.push(
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != skip)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    candidates
        .into_iter()
        .filter(|c| vntext::syllable::is_well_spelled(c))
        .filter_map(|c| lex.lookup(&c).1.map(|id| (lex.unigram(id), c)))
        .max()
        .map(|(_, c)| c)
}

fn syllables(ctx: &Ctx, lex: &Lexicon, n: usize, seg: &[Tok], out: &mut Vec<Finding>) {
    for t in seg {
        if t.glued || t.case != Case::Lower || t.text.chars().count() < 2 {
            continue;
        }
        let well = t.id.map_or_else(
            || vntext::syllable::is_well_spelled(t.text),
            |id| lex.is_well_spelled(id),
        );
        if well || FOREIGN.contains(&t.norm.as_ref()) {
            continue;
        }
        let marked = vntext::has_vietnamese_marks(t.text);
        // Unmarked words with letters Vietnamese does not use, or too long for a syllable,
        // are foreign ("facebook", "internet"); lower-case Roman numerals are labels.
        if !marked
            && (t.norm.contains(['f', 'j', 'w', 'z'])
                || t.norm.len() > 7
                || t.norm.chars().all(|c| "ivxlc".contains(c)))
        {
            continue;
        }
        let fix = syllable_fix(lex, &t.norm);
        out.push(at(
            ctx,
            SYLLABLE,
            n,
            t.start,
            t.text,
            format!(
                "\"{}\" không phải là một âm tiết tiếng Việt viết đúng chính tả.",
                t.text
            ),
            fix,
        ));
    }
}

fn doubled(ctx: &Ctx, lex: &Lexicon, n: usize, seg: &[Tok], caps: bool, out: &mut Vec<Finding>) {
    let mut i = 0;
    while i + 1 < seg.len() {
        let (a, b) = (&seg[i], &seg[i + 1]);
        // "các các": one syllable twice, not a known reduplication.
        if a.norm == b.norm
            && plain(seg, i, caps)
            && !REDUPLICATIVE.contains(&a.norm.as_ref())
            && a.id.is_none_or(|id| lex.pair(id, id) < 2)
        {
            let end = b.start + b.text.len();
            out.push(at(
                ctx,
                DOUBLED,
                n,
                a.start,
                &ctx.line(n)[a.start..end],
                format!("Từ \"{}\" bị lặp lại.", a.text),
                Some(a.text.to_string()),
            ));
            i += 2;
            continue;
        }
        // "tổ chức tổ chức": a known two-syllable word twice.
        if let (Some(c), Some(d)) = (seg.get(i + 2), seg.get(i + 3))
            && a.norm == c.norm
            && b.norm == d.norm
            && a.norm != b.norm
            && !b.glued
            && plain(seg, i, caps)
            && let (Some(x), Some(y)) = (a.id, b.id)
            && lex.pair(x, y) >= MIN_SUPPORT
            && lex.pair(y, x) < 2
        {
            let end = d.start + d.text.len();
            let word = &ctx.line(n)[a.start..b.start + b.text.len()];
            out.push(at(
                ctx,
                DOUBLED,
                n,
                a.start,
                &ctx.line(n)[a.start..end],
                format!("Từ \"{word}\" bị lặp lại."),
                Some(word.to_string()),
            ));
            i += 4;
            continue;
        }
        i += 1;
    }
}

/// Fixed phrases with one word left out; `skip` are indices already reported as real-word
/// errors (a misspelt word is not a missing one).
fn missing(
    ctx: &Ctx,
    lex: &Lexicon,
    n: usize,
    seg: &[Tok],
    skip: &[usize],
    out: &mut Vec<Finding>,
) {
    let line = ctx.line(n);
    let mut i = 0;
    'pos: while i + 1 < seg.len() {
        let (Some(a), Some(b)) = (seg[i].id, seg[i + 1].id) else {
            i += 1;
            continue;
        };
        for r in lex.reduced(a, b) {
            let len = r.ids.len();
            let Some(span) = seg.get(i..i + len) else {
                continue;
            };
            if span.iter().zip(&r.ids).any(|(t, &id)| t.id != Some(id))
                || skip.iter().any(|&k| (i..i + len).contains(&k))
            {
                continue;
            }
            let phrase = &lex.phrases()[r.phrase];
            // A number next to the phrase counts as its edge.
            let word_id = |t: &Tok| t.id.filter(|_| t.norm != NUMBER);
            let prev = i.checked_sub(1).and_then(|j| word_id(&seg[j]));
            let next = seg.get(i + len).and_then(word_id);
            let broken = if r.dropped == 0 {
                // "bào dân tộc" after a word that does not go with "bào".
                prev.is_some_and(|p| p != phrase[0] && lex.pair(p, phrase[1]) == 0)
            } else if r.dropped == phrase.len() - 1 {
                // "thông tin đối" not followed by "ngoại".
                next.is_none_or(|x| {
                    x != phrase[r.dropped] && lex.pair(phrase[r.dropped - 1], x) == 0
                })
            } else {
                // "công tác ngoại vụ" is not "công tác đối ngoại" without "đối": the last
                // syllable must not start a word with what follows.
                next.is_none_or(|x| lex.pair(r.ids[len - 1], x) == 0)
            };
            if !broken {
                continue;
            }
            let start = span[0].start;
            let last = &span[len - 1];
            let excerpt = &line[start..last.start + last.text.len()];
            let word = lex.word(phrase[r.dropped]);
            let full: Vec<&str> = phrase.iter().map(|&id| lex.word(id)).collect();
            let mut fixed: Vec<String> = span.iter().map(|t| t.text.to_string()).collect();
            let insert = like_case(
                word,
                if span[0].case == Case::Caps {
                    Case::Caps
                } else {
                    Case::Lower
                },
            );
            fixed.insert(r.dropped, insert);
            out.push(at(
                ctx,
                PHRASE_MISSING,
                n,
                start,
                excerpt,
                format!("Cụm từ \"{}\" có thể thiếu chữ \"{word}\".", full.join(" ")),
                Some(fixed.join(" ")),
            ));
            i += len;
            continue 'pos;
        }
        i += 1;
    }
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let lex = ctx.config.lexicon;
    for (idx, line) in ctx.source.lines.iter().enumerate() {
        let n = idx + 1;
        let caps = vntext::is_all_caps(&line.text);
        for seg in segments(&line.text, lex) {
            syllables(ctx, lex, n, &seg, out);
            doubled(ctx, lex, n, &seg, caps, out);
            let fixed = real_words(ctx, lex, n, &seg, caps, out);
            missing(ctx, lex, n, &seg, &fixed, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_names_symbols_and_sentence_starts() {
        let lex = Lexicon::builtin();
        let segs = segments("Số: 05/KH-UBND. Xã Hà Bắc phối hợp, v.v.", lex);
        let words: Vec<Vec<&str>> = segs
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect();
        assert_eq!(
            words,
            [
                vec!["Số"],
                vec!["05"],
                vec!["KH"],
                vec!["UBND"],
                vec!["Xã", "Hà", "Bắc", "phối", "hợp"],
                vec!["v"],
                vec!["v"]
            ]
        );
        assert!(segs[2][0].glued && segs[3][0].glued && !segs[0][0].glued);
        assert!(!plain(&segs[4], 1, false), "Hà in Hà Bắc is a name");
        // A number alone is a token, "0" as in the pair counts; one touching letters ends
        // the segment ("km" itself is glued to it: not a plain word).
        assert_eq!((segs[1][0].norm.as_ref(), segs[1][0].glued), (NUMBER, true));
        let segs = segments("năm 2026 km2 của", lex);
        let words: Vec<Vec<&str>> = segs
            .iter()
            .map(|s| s.iter().map(|t| t.norm.as_ref()).collect())
            .collect();
        assert_eq!(words, [vec!["năm", "0", "km"], vec!["của"]]);
        assert!(segs[0][2].glued);
        assert_eq!(case_of("eKYC"), Case::Mixed);
        assert_eq!(case_of("UBND"), Case::Caps);
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in ('\0'..='\u{3000}').chain(['\u{1e00}', '\u{1ef9}', '\u{1eff}', '\u{10ffff}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fixes_for_misspelt_syllables() {
        let lex = Lexicon::builtin();
        assert_eq!(syllable_fix(lex, "nghành").as_deref(), Some("ngành"));
        assert_eq!(syllable_fix(lex, "chínhh").as_deref(), Some("chính"));
    }
}
