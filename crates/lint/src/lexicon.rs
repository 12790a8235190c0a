//! The Vietnamese lexicon the spelling checks read, shipped in the binary:
//!
//! - `data/bigrams.tsv`: how often each pair of adjacent syllables occurs in five Vietnamese
//!   codes of law (public-domain text; source and licence in `data/README.md`);
//! - `data/phrases.txt`: multi-syllable words and fixed phrases of administrative documents,
//!   written by hand. Each adjacent pair of a phrase counts as [`PHRASE_WEIGHT`] occurrences.
//!
//! Syllables are stored lower-case with the classic tone placement ([`normalise`]) and
//! numbered; pairs are looked up by number.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use thiserror::Error;

/// How many corpus occurrences one hand-written phrase is worth for each of its pairs.
pub const PHRASE_WEIGHT: u32 = 20;

/// The shipped pair counts and phrase list (see the module documentation).
pub const BIGRAMS: &str = include_str!("../data/bigrams.tsv");
pub const PHRASES: &str = include_str!("../data/phrases.txt");

/// Function words: never the word reported missing from a fixed phrase ("trên các lĩnh
/// vực" without "các" is still good Vietnamese), and a pair of a phrase that contains one
/// is no evidence of a word.
pub const FUNCTION_WORDS: &[&str] = &[
    "các", "của", "và", "với", "những", "cho", "trong", "để", "được", "là", "có", "theo", "tại",
    "về", "từ", "đến", "trên", "dưới", "sau", "trước", "này", "đó", "một", "mọi", "hoặc", "nhằm",
    "đối", "thì", "mà", "bị", "do", "vào", "ra",
];

/// Why a lexicon file could not be read; `line` is 1-based.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error(
        "dòng {line}: cần \"âm tiết âm tiết<TAB>số lần\" / line {line}: \"syllable syllable<TAB>count\" expected"
    )]
    Bigram { line: usize },
}

/// A syllable's number in the lexicon.
pub type Id = u32;

/// A small, fast hasher for integer and short-string keys (FxHash's mixing step). The keys
/// come from the shipped data and the document; nothing here needs resistance to
/// adversarial collisions beyond a slower lookup.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The lexicon: syllables, pair counts, phrases.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    ids: FxMap<String, Id>,
    words: Vec<String>,
    /// Occurrences of each syllable as the left side of a pair.
    left: Vec<u32>,
    /// Occurrences of each syllable as the right side of a pair.
    right: Vec<u32>,
    /// Whether each syllable is valid / well spelt ([`vntext::syllable`]), computed once.
    valid: Vec<bool>,
    well_spelled: Vec<bool>,
    /// The count of each syllable's most frequent follower / leader.
    top_follower: Vec<u32>,
    top_leader: Vec<u32>,
    /// Syllables by folded form ("phố", "phổ", "phô" under "pho"): the group's number…
    by_fold: FxMap<String, u32>,
    /// … each syllable's group, and the groups.
    group_of: Vec<u32>,
    groups: Vec<Vec<Id>>,
    pairs: FxMap<u64, u32>,
    /// Pairs that stand next to each other in a hand-written phrase.
    phrase_pairs: FxMap<u64, ()>,
    phrases: Vec<Vec<Id>>,
    /// Total of all pair counts.
    total: f64,
    /// Whether each syllable is one of [`FUNCTION_WORDS`].
    function: Vec<bool>,
    /// Reduced forms of the fixed phrases (one word left out), by their first two syllables.
    reduced: FxMap<(Id, Id), Vec<Reduced>>,
    /// For each syllable, the phrases of three or more syllables it stands in, with its place.
    in_phrases: FxMap<Id, Vec<(usize, usize)>>,
}

/// A fixed phrase with one word left out ("bào dân tộc thiểu số").
#[derive(Debug, Clone)]
pub struct Reduced {
    /// The phrase without the word.
    pub ids: Vec<Id>,
    /// The phrase's number in [`Lexicon::phrases`].
    pub phrase: usize,
    /// The place of the word left out.
    pub dropped: usize,
}

/// Lower case, NFC, classic tone placement: the form syllables are stored and looked up in.
pub fn normalise(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    vntext::tone_classic(&word.to_lowercase())
}

fn key(a: Id, b: Id) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Lexicon {
    /// The lexicon shipped in the binary, built once.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
            // The shipped file is checked by a test; an error here is a build defect.
            Lexicon::parse(BIGRAMS, PHRASES).unwrap_or_default()
        });
        &BUILTIN
    }

    /// Builds a lexicon from the pair-count form (`w1 w2<TAB>count` lines, '#' comments)
    /// and the phrase form (one phrase a line, '#' comments; punctuation inside a phrase
    /// separates its pairs).
    pub fn parse(bigrams: &str, phrases: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (i, raw) in bigrams.lines().enumerate() {
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let err = || LexiconError::Bigram { line: i + 1 };
            let (words, count) = l.split_once('\t').ok_or_else(err)?;
            let (a, b) = words.split_once(' ').ok_or_else(err)?;
            let count: u32 = count.trim().parse().map_err(|_| err())?;
            if a.is_empty() || b.is_empty() || b.contains(' ') {
                return Err(err());
            }
            let (a, b) = (lex.intern(a), lex.intern(b));
            lex.add_pair(a, b, count);
        }
        for raw in phrases.lines() {
            let l = raw.split('#').next().unwrap_or("").trim();
            if l.is_empty() {
                continue;
            }
            let mut phrase = Vec::new();
            for segment in l.split(|c: char| !c.is_alphabetic() && c != ' ') {
                let ids: Vec<Id> = segment.split_whitespace().map(|w| lex.intern(w)).collect();
                for w in ids.windows(2) {
                    lex.add_pair(w[0], w[1], PHRASE_WEIGHT);
                    lex.phrase_pairs.insert(key(w[0], w[1]), ());
                }
                phrase.extend(ids);
            }
            if phrase.len() >= 2 {
                lex.phrases.push(phrase);
            }
        }
        lex.valid = lex
            .words
            .iter()
            .map(|w| vntext::syllable::is_valid(w))
            .collect();
        lex.well_spelled = lex
            .words
            .iter()
            .map(|w| vntext::syllable::is_well_spelled(w))
            .collect();
        lex.top_follower = vec![0; lex.words.len()];
        lex.top_leader = vec![0; lex.words.len()];
        for (&k, &c) in &lex.pairs {
            let (a, b) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
            lex.top_follower[a] = lex.top_follower[a].max(c);
            lex.top_leader[b] = lex.top_leader[b].max(c);
        }
        lex.total = lex.left.iter().map(|&c| f64::from(c)).sum();
        lex.function = vec![false; lex.words.len()];
        for w in FUNCTION_WORDS {
            if let Some(id) = lex.id(w) {
                lex.function[id as usize] = true;
            }
        }
        lex.reduced = lex.reduce_phrases();
        for (pi, p) in lex.phrases.iter().enumerate() {
            if p.len() >= 3 {
                for (j, &id) in p.iter().enumerate() {
                    lex.in_phrases.entry(id).or_default().push((pi, j));
                }
            }
        }
        Ok(lex)
    }

    /// Every phrase of four or more syllables with one word left out, where that word is
    /// not a function word and the syllable left dangling is one whose neighbours are
    /// predictable, and the result is not itself a phrase (or a run inside one).
    fn reduce_phrases(&self) -> FxMap<(Id, Id), Vec<Reduced>> {
        let phrases = &self.phrases;
        // Every run of 3+ syllables inside a phrase: a middle drop equal to one is a phrase.
        let mut inside: HashSet<&[Id]> = HashSet::new();
        for p in phrases {
            for len in 3..=p.len() {
                for w in p.windows(len) {
                    inside.insert(w);
                }
            }
        }
        let whole: HashSet<&[Id]> = phrases.iter().map(Vec::as_slice).collect();
        let mut map: FxMap<(Id, Id), Vec<Reduced>> = FxMap::default();
        for (pi, p) in phrases.iter().enumerate() {
            if p.len() < 4 {
                continue;
            }
            for k in 0..p.len() {
                let middle = k > 0 && k + 1 < p.len();
                // The syllable left dangling must be one whose neighbours are predictable.
                let dangling_ok = if k == 0 {
                    self.bound_right(p[1])
                } else if k + 1 == p.len() {
                    self.bound_left(p[k - 1])
                } else {
                    self.pair(p[k - 1], p[k + 1]) == 0
                };
                if self.is_function(p[k]) || !dangling_ok {
                    continue;
                }
                let ids: Vec<Id> = p
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .map(|(_, &id)| id)
                    .collect();
                if whole.contains(ids.as_slice()) || (middle && inside.contains(ids.as_slice())) {
                    continue;
                }
                map.entry((ids[0], ids[1])).or_default().push(Reduced {
                    ids,
                    phrase: pi,
                    dropped: k,
                });
            }
        }
        // The longest phrase first: "bào dân tộc thiểu số" is "đồng bào dân tộc thiểu số".
        for list in map.values_mut() {
            list.sort_by_key(|r| std::cmp::Reverse(r.ids.len()));
        }
        map
    }

    /// The normalised form of a word as written and its number: without allocating when
    /// the word is already in normalised form and known (most words of a text).
    pub fn lookup<'a>(&self, written: &'a str) -> (Cow<'a, str>, Option<Id>) {
        if let Some(&id) = self.ids.get(written) {
            // A key is normalised, and normalising is idempotent: `written` is normalised.
            return (Cow::Borrowed(written), Some(id));
        }
        let n = normalise(written);
        let id = self.id(&n);
        (Cow::Owned(n), id)
    }

    /// Whether syllable `id` is one of [`FUNCTION_WORDS`].
    pub fn is_function(&self, id: Id) -> bool {
        self.function.get(id as usize).copied().unwrap_or(false)
    }

    /// The fixed phrases with one word left out that start with `a b`.
    pub fn reduced(&self, a: Id, b: Id) -> &[Reduced] {
        self.reduced.get(&(a, b)).map_or(&[], Vec::as_slice)
    }

    /// The phrases of three or more syllables `id` stands in, with its place in each.
    pub fn in_phrases(&self, id: Id) -> &[(usize, usize)] {
        self.in_phrases.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The syllables that differ from syllable `id` only by tone, vowel marks or đ/d
    /// (`id` included).
    pub fn variants(&self, id: Id) -> &[Id] {
        self.group_of
            .get(id as usize)
            .and_then(|&g| self.groups.get(g as usize))
            .map_or(&[], Vec::as_slice)
    }

    fn intern(&mut self, word: &str) -> Id {
        let n = normalise(word);
        if let Some(&id) = self.ids.get(&n) {
            return id;
        }
        let id = self.words.len() as Id;
        let next_group = self.groups.len() as u32;
        let g = *self.by_fold.entry(vntext::fold(&n)).or_insert(next_group);
        if g == next_group {
            self.groups.push(Vec::new());
        }
        self.groups[g as usize].push(id);
        self.group_of.push(g);
        self.ids.insert(n.clone(), id);
        self.words.push(n);
        self.left.push(0);
        self.right.push(0);
        id
    }

    fn add_pair(&mut self, a: Id, b: Id, count: u32) {
        let c = self.pairs.entry(key(a, b)).or_default();
        *c = c.saturating_add(count);
        if let Some(u) = self.left.get_mut(a as usize) {
            *u = u.saturating_add(count);
        }
        if let Some(u) = self.right.get_mut(b as usize) {
            *u = u.saturating_add(count);
        }
    }

    /// The number of a syllable already in normalised form ([`normalise`]).
    pub fn id(&self, normalised: &str) -> Option<Id> {
        self.ids.get(normalised).copied()
    }

    /// Whether syllable `id` is valid ([`vntext::syllable::is_valid`]).
    pub fn is_valid(&self, id: Id) -> bool {
        self.valid.get(id as usize).copied().unwrap_or(false)
    }

    /// Whether syllable `id` is well spelt ([`vntext::syllable::is_well_spelled`]).
    pub fn is_well_spelled(&self, id: Id) -> bool {
        self.well_spelled.get(id as usize).copied().unwrap_or(false)
    }

    /// The syllable numbered `id` ("" for an unknown number).
    pub fn word(&self, id: Id) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    /// How often the syllable occurs (as the left side of a pair).
    pub fn unigram(&self, id: Id) -> u32 {
        self.left.get(id as usize).copied().unwrap_or(0)
    }

    /// Whether what follows `a` is predictable: `a` was seen at least 4 times and one
    /// follower takes at least half of them ("sơ" → "thẩm", "quản" → "lý"), so that another
    /// follower, or none, is suspicious. "chức" is followed by almost anything.
    pub fn bound_left(&self, a: Id) -> bool {
        let n = self.left.get(a as usize).copied().unwrap_or(0);
        let top = self.top_follower.get(a as usize).copied().unwrap_or(0);
        n >= 4 && top * 2 >= n
    }

    /// Whether what precedes `b` is predictable ("bào" comes after "đồng").
    pub fn bound_right(&self, b: Id) -> bool {
        let n = self.right.get(b as usize).copied().unwrap_or(0);
        let top = self.top_leader.get(b as usize).copied().unwrap_or(0);
        n >= 4 && top * 2 >= n
    }

    /// How strongly `a` and `b` go together, from 0 to 1 (Dice's coefficient:
    /// 2·c(a b) / (c(a ·) + c(· b))): high for the parts of a word ("phổ biến"), low for a
    /// function word and whatever follows it ("của tỉnh").
    pub fn dice(&self, a: Id, b: Id) -> f32 {
        let c = self.pair(a, b) as f32;
        let l = self.left.get(a as usize).copied().unwrap_or(0) as f32;
        let r = self.right.get(b as usize).copied().unwrap_or(0) as f32;
        if l + r == 0.0 { 0.0 } else { 2.0 * c / (l + r) }
    }

    /// How strongly one of `a`, `b` calls for the other, from 0 to 1: the larger of
    /// P(`b` | `a`) and P(`a` | `b`). High for a word one of whose syllables is mostly
    /// used in it ("nghị định", "chứng nhận") even when the other is frequent.
    pub fn cohesion(&self, a: Id, b: Id) -> f32 {
        let c = self.pair(a, b) as f32;
        let l = self.left.get(a as usize).copied().unwrap_or(0) as f32;
        let r = self.right.get(b as usize).copied().unwrap_or(0) as f32;
        (c / l.max(1.0)).max(c / r.max(1.0))
    }

    /// How often `a` is followed by `b`.
    pub fn pair(&self, a: Id, b: Id) -> u32 {
        self.pairs.get(&key(a, b)).copied().unwrap_or(0)
    }

    /// Total of all pair counts (the corpus size, in pairs).
    pub fn total(&self) -> f64 {
        self.total
    }

    /// log P(`b` | `a`) by a bigram model interpolated with unigram frequencies (λ = 0.9;
    /// an unknown syllable counts half an occurrence). `a` = None: log P(`b`).
    pub fn log_prob(&self, a: Option<Id>, b: Option<Id>) -> f64 {
        let total = self.total;
        let uni = b.map_or(0.0, |b| {
            self.right.get(b as usize).copied().unwrap_or(0) as f64
        });
        let p_uni = (uni + 0.5) / (total + 1.0);
        let p_bi = match (a, b) {
            (Some(a), Some(b)) => {
                let l = self.left.get(a as usize).copied().unwrap_or(0) as f64;
                if l > 0.0 {
                    self.pair(a, b) as f64 / l
                } else {
                    p_uni
                }
            }
            _ => p_uni,
        };
        (0.9 * p_bi + 0.1 * p_uni).ln()
    }

    /// Whether `a b` stands in one of the hand-written phrases.
    pub fn in_phrase(&self, a: Id, b: Id) -> bool {
        self.phrase_pairs.contains_key(&key(a, b))
    }

    /// Syllables that differ from `folded` only by tone, vowel marks or đ/d.
    pub fn same_fold(&self, folded: &str) -> &[Id] {
        self.by_fold
            .get(folded)
            .and_then(|&g| self.groups.get(g as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The hand-written phrases, as syllable numbers.
    pub fn phrases(&self) -> &[Vec<Id>] {
        &self.phrases
    }

    /// Number of distinct syllables and pairs.
    pub fn size(&self) -> (usize, usize) {
        (self.words.len(), self.pairs.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lexicon_parses_and_knows_common_words() {
        Lexicon::parse(BIGRAMS, PHRASES).expect("shipped lexicon parses");
        let lex = Lexicon::builtin();
        let (words, pairs) = lex.size();
        assert!(words > 1500 && pairs > 30_000, "{words} {pairs}");
        let id = |w: &str| lex.id(&normalise(w)).expect(w);
        assert!(lex.pair(id("tổ"), id("chức")) > 100);
        assert!(lex.pair(id("đối"), id("ngoại")) >= PHRASE_WEIGHT);
        // Classic tone placement on both sides: "hoà" and "hòa" are one syllable.
        assert_eq!(lex.id(&normalise("Hoà")), lex.id(&normalise("hòa")));
        assert!(lex.same_fold("pho").contains(&id("phổ")));
    }

    #[test]
    fn a_malformed_pair_line_is_refused_with_its_line() {
        assert_eq!(
            Lexicon::parse("# c\ntổ chức\t3\nđối ngoại 3\n", "").unwrap_err(),
            LexiconError::Bigram { line: 3 }
        );
        assert!(Lexicon::parse("a b\tx\n", "").is_err());
        assert!(Lexicon::parse("a b c\t1\n", "").is_err());
    }
}
