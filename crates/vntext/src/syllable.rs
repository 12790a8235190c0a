//! Vietnamese syllable structure: (onset) + rhyme (+ tone). Used to tell a real syllable
//! from a fragment of one (a word split across lines by PDF extraction) and, later, by the
//! spelling checker.

use unicode_normalization::UnicodeNormalization;

/// Tone marks (combining): grave, acute, tilde, hook above, dot below.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The five tones besides level (ngang).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Level,
    Falling,
    Rising,
    Tilde,
    Hook,
    Heavy,
}

/// Splits a syllable into its toneless lowercase form (vowel-quality marks kept:
/// "thuyền" → "thuyên") and its tone.
pub fn strip_tone(word: &str) -> (String, Tone) {
    let mut tone = Tone::Level;
    let mut base = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            '\u{300}' => tone = Tone::Falling,
            '\u{301}' => tone = Tone::Rising,
            '\u{303}' => tone = Tone::Tilde,
            '\u{309}' => tone = Tone::Hook,
            '\u{323}' => tone = Tone::Heavy,
            c => base.extend(c.to_lowercase()),
        }
    }
    debug_assert!(!TONE_MARKS.iter().any(|m| base.contains(*m)));
    (base.nfc().collect(), tone)
}

/// Onsets, longest first.
const ONSETS: &[&str] = &[
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Rhymes without tone (nucleus with optional medial and coda).
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "am", "an", "ang", "anh", "ac", "ach", "ap", "at", "ăm", "ăn",
    "ăng", "ăc", "ăp", "ăt", "âu", "ây", "âm", "ân", "âng", "âc", "âp", "ât", "e", "eo", "em",
    "en", "eng", "ec", "ep", "et", "ê", "êu", "êm", "ên", "ênh", "êch", "êp", "êt", "i", "ia",
    "iu", "im", "in", "inh", "ich", "ip", "it", "iêu", "iêm", "iên", "iêng", "iêc", "iêp", "iêt",
    "o", "oi", "om", "on", "ong", "oc", "op", "ot", "oong", "ooc", "ô", "ôi", "ôm", "ôn", "ông",
    "ôc", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "ui", "um", "un", "ung", "uc",
    "up", "ut", "uôi", "uôm", "uôn", "uông", "uôc", "uôt", "ư", "ưa", "ưi", "ưu", "ưm", "ưng",
    "ưc", "ưt", "ươi", "ươu", "ươm", "ươn", "ương", "ươc", "ươp", "ươt", "y", "yêu", "yên", "yêm",
    "yêt", "oa", "oai", "oay", "oan", "oang", "oanh", "oac", "oach", "oat", "oăn", "oăng", "oăc",
    "oăt", "oam", "oap", "oe", "oeo", "oen", "oet", "uê", "uênh", "uêch", "uy", "uya", "uyu",
    "uynh", "uych", "uyn", "uyt", "uyên", "uyêt", "uân", "uâng", "uât", "uây", "uơ",
];

/// True when `word` is a well-formed Vietnamese syllable (any case, any tone placement),
/// e.g. "Phòng", "nghiệp", "quốc", "gì", "khuya"; false for fragments ("ng", "phò ng") and
/// foreign words ("online"). Stop codas (c, ch, p, t) take only the rising or heavy tone.
pub fn is_valid(word: &str) -> bool {
    if word.is_empty() || word.chars().count() > 7 || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let (base, tone) = strip_tone(word);
    let onset = ONSETS
        .iter()
        .find(|o| base.starts_with(**o))
        .copied()
        .unwrap_or("");
    let rhyme = &base[onset.len()..];
    let rhyme_ok = match onset {
        // "gì", "giữa", "giếng": the i of gi merges with the rhyme.
        "gi" => {
            rhyme.is_empty()
                || RHYMES.contains(&rhyme)
                || RHYMES.contains(&format!("i{rhyme}").as_str())
        }
        // "quốc", "quyết", "quân": the u of qu is the medial.
        "qu" => {
            !rhyme.is_empty()
                && (RHYMES.contains(&rhyme) || RHYMES.contains(&format!("u{rhyme}").as_str()))
        }
        _ => RHYMES.contains(&rhyme),
    };
    if !rhyme_ok {
        // "g" + "i…" was already tried as "gi"; "gìn" is g + ìn.
        if onset == "gi" {
            return RHYMES.contains(&&base[1..]);
        }
        return false;
    }
    let stop_coda = ["c", "ch", "p", "t"].iter().any(|c| rhyme.ends_with(c));
    !stop_coda || matches!(tone, Tone::Rising | Tone::Heavy)
}

/// True when `word` is a valid syllable ([`is_valid`]) that also follows Vietnamese
/// spelling rules for the onset: "k", "gh" and "ngh" only before i, e, ê (and y for k);
/// "c", "g" and "ng" never before them (but "gi" is its own onset: "gì", "giếng"); "q"
/// only as "qu". "nghành", "kác", "ngiêm" are valid shapes but misspelt.
pub fn is_well_spelled(word: &str) -> bool {
    if !is_valid(word) {
        return false;
    }
    let (base, _) = strip_tone(word);
    let front = |rest: &str| rest.starts_with(['i', 'e', 'ê', 'y']);
    if let Some(rest) = base.strip_prefix("ngh").or_else(|| base.strip_prefix("gh")) {
        return front(rest) && !rest.starts_with('y');
    }
    if let Some(rest) = base.strip_prefix("ng") {
        return !front(rest);
    }
    if let Some(rest) = base.strip_prefix('k').filter(|_| !base.starts_with("kh")) {
        return front(rest);
    }
    if let Some(rest) = base.strip_prefix('c').filter(|_| !base.starts_with("ch")) {
        return !front(rest);
    }
    if let Some(rest) = base.strip_prefix('g').filter(|_| !base.starts_with("gi")) {
        return !front(rest);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_are_valid() {
        for w in [
            "Phòng", "nghiệp", "quốc", "gì", "giữa", "khuya", "thuyền", "Việt", "Nam", "đoàn",
            "hòa", "hoà", "ủy", "uỷ", "người", "xã", "hội", "chủ", "nghĩa", "Độc", "lập", "hạnh",
            "phúc", "tế", "quyết", "giếng", "gìn", "ĐẠO", "oong", "thuở", "chuyển", "đổi", "số",
        ] {
            assert!(is_valid(w), "{w}");
        }
    }

    #[test]
    fn fragments_and_foreign_words_are_not() {
        for w in [
            "ng", "Phòngx", "online", "UBND", "HĐND", "tt", "chínhh", "sàc", "đẩyy", "a1", "",
        ] {
            assert!(!is_valid(w), "{w}");
        }
    }

    #[test]
    fn stop_codas_take_only_rising_or_heavy_tones() {
        assert!(is_valid("tác") && is_valid("tạc"));
        assert!(!is_valid("tàc") && !is_valid("tảc") && !is_valid("tac"));
    }

    #[test]
    fn spelling_rules_for_k_c_g_gh_ng_ngh() {
        for w in [
            "ngành", "nghiệp", "nghe", "ghi", "ghế", "kế", "kỹ", "kinh", "cá", "công", "gà", "gì",
            "giếng", "gìn", "ngoại", "quốc", "khuya", "chính", "nguyễn", "kiểm",
        ] {
            assert!(is_well_spelled(w), "{w}");
        }
        for w in [
            "nghành", "ngiêm", "kác", "cế", "ghà", "gế", "nge", "ngy", "kông", "chínhh",
        ] {
            assert!(!is_well_spelled(w), "{w}");
        }
    }
}
