//! Measured quality of the spelling and name checks on held-out text (docs/lint-quality.md).
//!
//! The held-out texts in `tests/quality/` were frozen before the checker was written and
//! are not used to build its lexicon: the Labour Code 2019 (public domain) and a set of
//! administrative sentences. Errors are injected automatically with a fixed seed:
//! one mark changed in a word (real-word errors), a stray letter (non-Vietnamese
//! syllables), a word doubled, a word dropped from a fixed phrase, another commune's name.
//!
//! - `cargo test -p lint --release --test quality` guards the figures from regressing;
//! - `cargo test -p lint --release --test quality -- --ignored --nocapture` prints the
//!   report (and every false alarm on the clean text).
//!
//! Development mode (how the checker is tuned, never on the held-out texts): with
//! QUALITY_DEV set, the texts measured are the sample plans, plus the file named by
//! QUALITY_FOLD_TEXT if set; with QUALITY_FOLD_BIGRAMS set, the checker uses pair counts
//! read from that file instead of the shipped ones (a code of law left out of the counts and
//! measured instead: `data/build-bigrams.py --leave-out`, docs/lint-quality.md).

use std::sync::LazyLock;

use lint::lexicon::{Lexicon, normalise};
use lint::{Config, Finding};

const LABOUR: &str = include_str!("quality/bo-luat-lao-dong-2019.txt");
const ADMIN: &str = include_str!("quality/heldout-admin.txt");

/// A small deterministic generator (SplitMix64), so that the figures are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The checker's configuration: the shipped one, or in development mode one whose pair
/// counts come from QUALITY_FOLD_BIGRAMS.
static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let mut config = Config::builtin();
    if let Some(path) = std::env::var_os("QUALITY_FOLD_BIGRAMS") {
        let bigrams = std::fs::read_to_string(path).expect("QUALITY_FOLD_BIGRAMS reads");
        let lex = Lexicon::parse(&bigrams, lint::lexicon::PHRASES).expect("fold lexicon");
        config.lexicon = Box::leak(Box::new(lex));
    }
    config
});

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The held-out sentences: one per line, long enough to carry context.
///
/// With QUALITY_DEV set, the development texts instead (module documentation): the sample
/// plans (counted as "admin") and QUALITY_FOLD_TEXT (counted as "labour").
fn sentences() -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    let mut texts = vec![("labour", LABOUR), ("admin", ADMIN)];
    if std::env::var_os("QUALITY_DEV").is_some() {
        texts = samples::seed_paths()
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .map(|t| ("admin", leak(t)))
            .collect();
        if let Some(path) = std::env::var_os("QUALITY_FOLD_TEXT") {
            let text = std::fs::read_to_string(path).expect("QUALITY_FOLD_TEXT reads");
            texts.push(("labour", leak(text)));
        }
    }
    for (name, text) in texts {
        for l in text.lines() {
            let l = l.trim();
            if l.starts_with('#') || l.split_whitespace().count() < 6 {
                continue;
            }
            out.push((name, l));
        }
    }
    out
}

fn lint_text(text: &str) -> Vec<Finding> {
    let Ok(source) = document::read::read(text.as_bytes(), Some("q.txt")) else {
        return Vec::new();
    };
    let doc = document::extract::extract(&source, None);
    lint::lint(&source, &doc, &CONFIG)
}

/// Words of a sentence with their byte ranges.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, s.len()));
    }
    out
}

/// Number of marks by which two syllables of the same folded form differ (tone, and each
/// vowel-quality mark or đ).
fn marks_apart(a: &str, b: &str) -> usize {
    let (ta, tone_a) = vntext::syllable::strip_tone(a);
    let (tb, tone_b) = vntext::syllable::strip_tone(b);
    let letters = ta.chars().zip(tb.chars()).filter(|(x, y)| x != y).count();
    letters + usize::from(tone_a != tone_b) + ta.chars().count().abs_diff(tb.chars().count())
}

/// One injected error: the sentence with it, and where it is.
struct Injected {
    text: String,
    start: usize,
    end: usize,
    /// For a real-word error: which mark was changed ("tone", "vowel mark", "đ/d").
    kind: &'static str,
}

fn replace(s: &str, start: usize, end: usize, with: &str) -> Injected {
    Injected {
        text: format!("{}{with}{}", &s[..start], &s[end..]),
        start,
        end: start + with.len(),
        kind: "",
    }
}

fn lower_valid(w: &str) -> bool {
    w.chars().all(char::is_lowercase) && vntext::syllable::is_valid(w) && w.chars().count() >= 2
}

/// The lower-case Vietnamese words of a sentence: where errors are injected.
fn lower_words(s: &str) -> Vec<(usize, usize)> {
    words(s)
        .into_iter()
        .filter(|&(a, b)| lower_valid(&s[a..b]))
        .collect()
}

/// A real-word error: one word's tone or vowel mark changed so that it is still a known
/// syllable.
fn inject_real_word(lex: &Lexicon, s: &str, rng: &mut Rng) -> Option<Injected> {
    let ws = lower_words(s);
    for _ in 0..10 {
        let (a, b) = *ws.get(rng.below(ws.len()))?;
        let w = &s[a..b];
        let norm = normalise(w);
        let variants: Vec<&str> = lex
            .same_fold(&vntext::fold(&norm))
            .iter()
            .map(|&id| lex.word(id))
            .filter(|v| *v != norm && marks_apart(v, &norm) == 1)
            .filter(|v| vntext::syllable::is_well_spelled(v))
            .collect();
        if !variants.is_empty() {
            let v = variants[rng.below(variants.len())];
            let mut inj = replace(s, a, b, v);
            inj.kind = if norm.contains('đ') != v.contains('đ') {
                "đ/d"
            } else if vntext::syllable::strip_tone(v).0 == vntext::syllable::strip_tone(&norm).0 {
                "tone"
            } else {
                "vowel mark"
            };
            return Some(inj);
        }
    }
    None
}

/// A non-Vietnamese syllable: a letter doubled at the end of a word ("chínhh").
fn inject_syllable(s: &str, rng: &mut Rng) -> Option<Injected> {
    let ws = lower_words(s);
    let (a, b) = *ws.get(rng.below(ws.len()))?;
    let w = &s[a..b];
    let last = w.chars().last()?;
    Some(replace(s, a, b, &format!("{w}{last}")))
}

/// A word written twice.
fn inject_doubled(s: &str, rng: &mut Rng) -> Option<Injected> {
    let ws = lower_words(s);
    let (a, b) = *ws.get(rng.below(ws.len()))?;
    let w = &s[a..b];
    let mut inj = replace(s, a, b, &format!("{w} {w}"));
    inj.start = a;
    Some(inj)
}

/// A word dropped from a fixed phrase (of the lexicon's phrase list, 4+ syllables) found
/// in the sentence.
fn inject_dropped(lex: &Lexicon, s: &str, rng: &mut Rng) -> Option<Injected> {
    let ws = words(s);
    let ids: Vec<Option<u32>> = ws
        .iter()
        .map(|&(a, b)| lex.id(&normalise(&s[a..b])))
        .collect();
    let mut found = Vec::new();
    for p in lex.phrases().iter().filter(|p| p.len() >= 4) {
        for i in 0..ids.len().saturating_sub(p.len() - 1) {
            let span = &ws[i..i + p.len()];
            // The phrase's words must be adjacent (only spaces between them).
            let adjacent = span
                .windows(2)
                .all(|w| s[w[0].1..w[1].0].chars().all(|c| c == ' '));
            if adjacent && p.iter().zip(&ids[i..]).all(|(&x, &y)| Some(x) == y) {
                found.push((i, p.len()));
            }
        }
    }
    let &(i, len) = found.get(rng.below(found.len()))?;
    let k = i + rng.below(len);
    let (a, b) = ws[k];
    // Remove the word and one space next to it.
    let (a, b) = if k + 1 < ws.len() && k + 1 < i + len {
        (a, ws[k + 1].0)
    } else {
        (ws[k - 1].1, b)
    };
    let mut inj = replace(s, a, b, "");
    let (lo, hi) = (ws[i].0, ws[i + len - 1].1 - (b - a));
    inj.start = lo;
    inj.end = hi;
    Some(inj)
}

/// Whether a finding with one of `codes` covers the injected place.
fn caught(f: &[Finding], text: &str, inj: &Injected, codes: &[&str]) -> bool {
    let line_start = text[..inj.start].rfind('\n').map_or(0, |p| p + 1);
    let col_start = text[line_start..inj.start].chars().count() + 1;
    let col_end = text[line_start..inj.end].chars().count() + 1;
    f.iter().any(|x| {
        codes.contains(&x.code) && {
            let x_end = x.column + x.excerpt.chars().count();
            x.column < col_end && x_end > col_start
        }
    })
}

/// A plan skeleton of xã Tân Lập around one body line.
fn in_plan(body: &str) -> String {
    format!(
        "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 05/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
         Tân Lập, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nHoạt động đối ngoại năm 2026\n\
         I. NỘI DUNG\n1. {body}\nNơi nhận:\n- Lưu: VT, VP.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
    )
}

#[derive(Debug, Default)]
struct Tally {
    injected: usize,
    found: usize,
}

impl Tally {
    fn rate(&self) -> f64 {
        self.found as f64 / self.injected.max(1) as f64
    }
}

#[derive(Debug, Default)]
struct Report {
    words: [usize; 2],
    false_alarms: Vec<(String, Finding)>,
    false_by_corpus: [usize; 2],
    real_word: Tally,
    /// The real-word errors by the mark changed.
    real_word_by_kind: std::collections::BTreeMap<&'static str, Tally>,
    syllable: Tally,
    doubled: Tally,
    dropped: Tally,
    commune: Tally,
    commune_false: usize,
    commune_clean: usize,
}

impl Report {
    /// The real-word errors of one kind (none injected: an empty tally).
    fn kind(&self, kind: &str) -> &Tally {
        static NONE: Tally = Tally {
            injected: 0,
            found: 0,
        };
        self.real_word_by_kind.get(kind).unwrap_or(&NONE)
    }
}

fn measure() -> Report {
    let lex = Lexicon::builtin();
    let mut rng = Rng(2026);
    let mut r = Report::default();
    for (corpus, s) in sentences() {
        let c = usize::from(corpus == "admin");
        r.words[c] += s.split_whitespace().count();
        // False alarms: spelling and unit findings (warnings and up) on the clean text.
        for f in lint_text(s) {
            if (f.code.starts_with("SPELL") || f.code.starts_with("NAME-UNIT"))
                && f.severity >= lint::Severity::Warning
            {
                r.false_by_corpus[c] += 1;
                r.false_alarms.push((s.to_string(), f));
            }
        }
        let mut by_kind = Vec::new();
        type Inject<'a> = Box<dyn Fn(&str, &mut Rng) -> Option<Injected> + 'a>;
        let kinds: [(&mut Tally, Inject, &[&str]); 4] = [
            (
                &mut r.real_word,
                Box::new(|s, rng| inject_real_word(lex, s, rng)),
                &["SPELL-REAL-WORD", "SPELL-SYLLABLE", "SPELL-PHRASE-MISSING"],
            ),
            (
                &mut r.syllable,
                Box::new(inject_syllable),
                &["SPELL-SYLLABLE"],
            ),
            (&mut r.doubled, Box::new(inject_doubled), &["SPELL-DOUBLED"]),
            (
                &mut r.dropped,
                Box::new(|s, rng| inject_dropped(lex, s, rng)),
                &["SPELL-PHRASE-MISSING", "SPELL-REAL-WORD"],
            ),
        ];
        for (tally, inject, codes) in kinds {
            if let Some(inj) = inject(s, &mut rng) {
                tally.injected += 1;
                let f = lint_text(&inj.text);
                let hit = caught(&f, &inj.text, &inj, codes);
                tally.found += usize::from(hit);
                if !inj.kind.is_empty() {
                    by_kind.push((inj.kind, hit));
                }
                if !hit && std::env::var_os("QUALITY_MISSES").is_some() {
                    println!(
                        "MISS {} [{}]: {}",
                        codes[0],
                        inj.text.get(inj.start..inj.end).unwrap_or(""),
                        inj.text
                    );
                }
            }
        }
        for (kind, hit) in by_kind {
            let t = r.real_word_by_kind.entry(kind).or_default();
            t.injected += 1;
            t.found += usize::from(hit);
        }
    }
    // Another commune's name where the administrative sentences speak of the commune
    // itself ("trên địa bàn xã" → "trên địa bàn xã Hòa An"), in a plan of xã Tân Lập.
    for (corpus, s) in sentences() {
        if corpus != "admin" {
            continue;
        }
        for (pat, _) in s.match_indices(" xã") {
            let after = &s[pat + " xã".len()..];
            // "xã hội" is not a commune; "xã Tân Lập" already has its name.
            let next_word = after
                .trim_start()
                .split(' ')
                .next()
                .unwrap_or("")
                .trim_end_matches(|c: char| !c.is_alphabetic());
            if after.starts_with(|c: char| c.is_alphabetic())
                || next_word == "hội"
                || next_word.starts_with(char::is_uppercase)
            {
                continue;
            }
            for (name, own) in [("Hòa An", false), ("Tân Lập", true)] {
                let text = in_plan(&format!("{} {name}{after}", &s[..pat + " xã".len()]));
                let fired = lint_text(&text)
                    .iter()
                    .any(|f| f.code == "NAME-OTHER-COMMUNE");
                if own {
                    if fired && std::env::var_os("QUALITY_MISSES").is_some() {
                        println!("OWN-NAME ALARM: {text}");
                    }
                    r.commune_clean += 1;
                    r.commune_false += usize::from(fired);
                } else {
                    r.commune.injected += 1;
                    r.commune.found += usize::from(fired);
                    if !fired && std::env::var_os("QUALITY_MISSES").is_some() {
                        println!(
                            "MISS NAME-OTHER-COMMUNE: {}",
                            &text[text.find("1. ").unwrap_or(0)..]
                        );
                    }
                }
            }
        }
    }
    r
}

fn per_thousand(n: usize, words: usize) -> f64 {
    n as f64 * 1000.0 / words.max(1) as f64
}

#[test]
#[ignore = "prints the report: cargo test -p lint --release --test quality -- --ignored --nocapture"]
fn quality_report() {
    let r = measure();
    println!("| held-out text | words | false alarms | per 1,000 words |");
    println!("|---|---|---|---|");
    for (i, name) in ["Labour Code 2019", "administrative sentences"]
        .iter()
        .enumerate()
    {
        println!(
            "| {name} | {} | {} | {:.2} |",
            r.words[i],
            r.false_by_corpus[i],
            per_thousand(r.false_by_corpus[i], r.words[i])
        );
    }
    println!("\n| injected error | injected | found | recall |\n|---|---|---|---|");
    for (name, t) in [
        ("one mark changed (real-word error)", &r.real_word),
        ("… the tone", &r.real_word_by_kind["tone"]),
        (
            "… a vowel mark (â ă ê ô ơ ư)",
            &r.real_word_by_kind["vowel mark"],
        ),
        ("… đ/d", &r.real_word_by_kind["đ/d"]),
        ("stray letter (non-Vietnamese syllable)", &r.syllable),
        ("word doubled", &r.doubled),
        ("word dropped from a fixed phrase", &r.dropped),
        ("another commune's name", &r.commune),
    ] {
        println!(
            "| {name} | {} | {} | {:.1} % |",
            t.injected,
            t.found,
            100.0 * t.rate()
        );
    }
    println!(
        "\nown commune's name in the same places: {} alarms in {} sentences",
        r.commune_false, r.commune_clean
    );
    println!("\nFalse alarms on the clean text:");
    for (s, f) in &r.false_alarms {
        println!(
            "- {} `{}` → {:?} — {}",
            f.code,
            f.excerpt,
            f.suggestion,
            s.chars().take(140).collect::<String>()
        );
    }
}

/// Guards the measured figures (docs/lint-quality.md) from regressing. The bounds sit a
/// little below the measured values (false alarms 0.52 per 1,000 words, real-word errors
/// 80.3 %, stray letters 99.8 %, doubled words 86.7 %, dropped words 23.6 %, another
/// commune 66.7 %); a change that lowers them must say why in the doc.
#[test]
fn quality_does_not_regress() {
    let r = measure();
    let words = r.words[0] + r.words[1];
    let false_alarms = r.false_by_corpus[0] + r.false_by_corpus[1];
    assert!(words > 40_000, "{words}");
    assert!(
        per_thousand(false_alarms, words) <= 0.6,
        "false alarms per 1,000 words: {:.2}",
        per_thousand(false_alarms, words)
    );
    // Measured 80.3 % (aim ≥ 80 %); tone changes alone 78.7 %.
    assert!(
        r.real_word.injected > 1_000 && r.real_word.rate() >= 0.79,
        "{:?}",
        r.real_word
    );
    assert!(r.kind("tone").rate() >= 0.77, "{:?}", r.kind("tone"));
    assert!(r.syllable.rate() >= 0.98, "{:?}", r.syllable);
    assert!(r.doubled.rate() >= 0.84, "{:?}", r.doubled);
    assert!(
        r.dropped.injected >= 20 && r.dropped.rate() >= 0.22,
        "{:?}",
        r.dropped
    );
    assert!(r.commune.rate() >= 0.55, "{:?}", r.commune);
    assert_eq!(r.commune_false, 0);
}
