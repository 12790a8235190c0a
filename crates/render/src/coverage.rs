//! Which characters the PDF can print: the code points of the embedded fonts (see
//! [`crate::pdf`]: Liberation Serif; Noto Serif Lao and Khmer; Droid Sans Fallback for Chinese,
//! Japanese and Korean) as a static table, so the answer needs neither the PDF engine nor
//! the fonts, and builds without the `pdf` feature give the same answer as those with it.
//!
//! [`unprintable`] tells a user, before any PDF is made, which characters of a text will
//! print as [`REPLACEMENT`]; [`replace_unprintable`] is what the PDF renderer applies to
//! every text before typst sees it. typst fails a PDF/A export on a character no font has
//! (a `.notdef` glyph) and on private-use code points, so those must never reach it.
//!
//! A character is printable in context, not alone: the shaper draws a base letter and the
//! combining marks on it (a *cluster*) from one font, so a mark prints only if a font that
//! has the base has the mark too ("a" + Lao vowel sign ◌ັ does not; "e" + U+0301 does).
//! The table therefore records, for each code point, which of the four families has it.
//!
//! Both work on the text's NFC form, the form the document reader produces: decomposed
//! Hangul jamo compose to syllables the fonts have, decomposed Vietnamese to the precomposed
//! letters.
//!
//! When a font is added or replaced, regenerate [`COVERED`] with
//! `cargo test -p render --features pdf --lib -- --ignored --nocapture print_covered_table`;
//! the test `the_table_is_the_fonts_coverage` fails until then.

use std::borrow::Cow;

/// What an unprintable character prints as: U+25A1 WHITE SQUARE, which Liberation Serif has
/// in all four styles, so the mark shows in headings and italics too. It is no mark and no
/// pictograph, so the shaper starts a new cluster with it.
pub const REPLACEMENT: char = '\u{25A1}';

/// The distinct characters of `text` (of its NFC form), in order of first appearance, that
/// the PDF shows as [`REPLACEMENT`]: those the embedded fonts lack (emoji, Thai, Arabic,
/// private-use characters, …) and combining marks that no font of their base letter has.
///
/// Whitespace, control characters and default-ignorable characters (zero-width joiners,
/// variation selectors, soft hyphens) are never listed: they print as nothing, or as a
/// space, by design.
pub fn unprintable(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    printed(&nfc(text), |c, p| {
        if p == [REPLACEMENT] && c != REPLACEMENT && !out.contains(&c) {
            out.push(c);
        }
    });
    out
}

/// `text` as the PDF can print it: its NFC form, with every character the embedded fonts
/// lack (or lack on its base letter, for a combining mark) replaced by [`REPLACEMENT`],
/// tabs and whitespace the fonts lack (U+1680, U+0085, …) by a space, a dotted circle
/// U+25CC put before a combining mark that begins a line (the base it lacks, as HarfBuzz
/// draws it), and control characters other than line feed removed, as is U+FEFF
/// (byte-order mark; PDF/A forbids it in text). Other default-ignorable characters stay:
/// typst drops them when it shapes the text. Borrows when nothing changes.
pub fn replace_unprintable(text: &str) -> Cow<'_, str> {
    let nfc = nfc(text);
    let mut same = true;
    printed(&nfc, |c, p| same &= p == [c]);
    if same {
        return nfc;
    }
    let mut out = String::with_capacity(nfc.len());
    printed(&nfc, |_, p| out.extend(p));
    Cow::Owned(out)
}

/// A base for a combining mark that has none: U+25CC DOTTED CIRCLE.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// Calls `f` with each character of `text` and what prints for it: itself, a space,
/// [`REPLACEMENT`], a dotted circle and itself, or nothing.
///
/// The shaper (rustybuzz, as HarfBuzz) makes clusters of a base character and what
/// continues it: combining marks (and U+FF9E, U+FF9F), a zero-width joiner, and after a
/// joiner an emoji (taken here as any character, which is stricter); typst then draws a
/// cluster from the first family in its list that has all of it. So each character's
/// families are intersected with those of its cluster so far, and a continuation no family
/// of the cluster has is replaced; the replacement begins a new cluster. Default-ignorable
/// characters never fail (the shaper drops them when a font lacks them), so they take any
/// family. A mark at the start of a line gets a dotted circle for a base: typst 0.15 fails
/// on some there (a Hebrew accent after a line break), as the fuzz test
/// `no_character_fails_the_render` found; it found the Hangul filler case below too.
fn printed(text: &str, mut f: impl FnMut(char, &[char])) {
    // The families that have all of the current cluster; whether the line has a base for
    // the next mark; whether the last character printed is a zero-width joiner; that
    // character.
    let mut cluster = ALL;
    let mut has_base = false;
    let mut after_joiner = false;
    let mut prev = '\n';
    for c in text.chars() {
        let flags = flags(c);
        // Dropped characters leave no trace, so what is around them joins.
        let dropped = c == '\r'
            || c == '\u{FEFF}'
            || (c.is_control() && !c.is_whitespace())
            // A vowel filler after a leading consonant jamo makes the Hangul shaper look for
            // the filler's glyph, which Droid Sans Fallback lacks; it shows nothing anyway.
            || (c == '\u{1160}' && matches!(prev as u32, 0x1100..=0x115E | 0xA960..=0xA97C));
        if dropped {
            f(c, &[]);
            continue;
        }
        let joined = std::mem::replace(&mut after_joiner, false);
        let (mut out, mut n) = ([c, c], 1);
        if c == '\n' {
            (cluster, has_base) = (ALL, false);
        } else if c.is_whitespace() && flags & ALL == 0 {
            out[0] = ' ';
            (cluster, has_base) = (ALL, true);
        } else if is_default_ignorable(c) {
            after_joiner = c == '\u{200D}';
            if !after_joiner && !is_ignorable_continuation(c) {
                (cluster, has_base) = (ALL, true);
            }
        } else if flags & ALL == 0 {
            out[0] = REPLACEMENT;
            (cluster, has_base) = (flags_of(REPLACEMENT), true);
        } else if flags & MARK != 0 && !has_base {
            if flags & flags_of(DOTTED_CIRCLE) == 0 {
                out[0] = REPLACEMENT;
                cluster = flags_of(REPLACEMENT);
            } else {
                (out, n) = ([DOTTED_CIRCLE, c], 2);
                cluster = flags_of(DOTTED_CIRCLE) & flags;
            }
            has_base = true;
        } else if flags & MARK != 0 || joined {
            if cluster & flags & ALL == 0 {
                out[0] = REPLACEMENT;
                cluster = flags_of(REPLACEMENT);
            } else {
                cluster &= flags;
            }
        } else {
            (cluster, has_base) = (flags & ALL, true);
        }
        prev = out[n - 1];
        f(c, &out[..n]);
    }
}

/// The default-ignorable characters that continue a cluster, and so give a mark no base:
/// the combining marks among them (General_Category Mn: the grapheme joiner, the Khmer
/// inherent vowels, Mongolian and other variation selectors) and the tags U+E0020–U+E007F
/// (HarfBuzz joins them as Other_Grapheme_Extend).
fn is_ignorable_continuation(c: char) -> bool {
    matches!(
        c as u32,
        0x034F
            | 0x17B4..=0x17B5
            | 0x180B..=0x180D
            | 0x180F
            | 0xFE00..=0xFE0F
            | 0xE0020..=0xE007F
            | 0xE0100..=0xE01EF
    )
}

/// The families of `c`, which the embedded fonts have.
fn flags_of(c: char) -> u8 {
    flags(c) & ALL
}

/// `text` in NFC, borrowed when it already is (ASCII always is).
fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || vntext::is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(vntext::nfc(text))
    }
}

/// Whether one of the embedded fonts has a glyph for `c` and the PDF may carry it (alone:
/// a combining mark may still be unprintable on a base of another font).
pub fn is_covered(c: char) -> bool {
    flags(c) & ALL != 0
}

/// Family bits of [`COVERED`], in the order of typst's font list (every style of the family
/// has the character), and the mark bit.
const LIBERATION: u8 = 1;
const LAO: u8 = 2;
const KHMER: u8 = 4;
const CJK: u8 = 8;
const ALL: u8 = LIBERATION | LAO | KHMER | CJK;
/// The character continues a cluster: a combining mark (General_Category M), or U+FF9E,
/// U+FF9F (half-width kana sound marks, which HarfBuzz joins to the kana before them).
const MARK: u8 = 16;

/// The [`COVERED`] flags of `c`, 0 if no font has it.
fn flags(c: char) -> u8 {
    let c = c as u32;
    COVERED
        .binary_search_by(|&(lo, hi, _)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .map_or(0, |i| COVERED[i].2)
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties, unchanged since Unicode
/// 6.1): characters that show nothing unless a font draws them on purpose.
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// The code points the embedded fonts map to a glyph, as sorted inclusive ranges with their
/// flags (the families that have them in every style, and [`MARK`]), less control
/// characters and what PDF/A forbids in text (U+0000, U+FEFF, U+FFFE and the private-use
/// areas; Liberation Serif maps a few private-use code points). Generated from the font
/// files by `print_covered_table` below.
#[rustfmt::skip]
static COVERED: &[(u32, u32, u8)] = {
    const L: u8 = LIBERATION;
    const KH: u8 = KHMER;
    const M: u8 = MARK;
    &[
        (0x20, 0x20, ALL), (0x21, 0x22, L | KH), (0x23, 0x26, L), (0x27, 0x29, L | KH),
        (0x2A, 0x2B, L), (0x2C, 0x2F, L | KH), (0x30, 0x39, L), (0x3A, 0x3B, L | KH),
        (0x3C, 0x3E, L), (0x3F, 0x3F, L | KH), (0x40, 0x7E, L), (0xA0, 0xA0, L | LAO | KH),
        (0xA1, 0xAA, L), (0xAB, 0xAB, L | KH), (0xAC, 0xAC, L), (0xAD, 0xAD, L | KH),
        (0xAE, 0xBA, L), (0xBB, 0xBB, L | KH), (0xBC, 0x2FF, L), (0x300, 0x36F, L | M),
        (0x374, 0x375, L), (0x37A, 0x37E, L), (0x384, 0x38A, L), (0x38C, 0x38C, L),
        (0x38E, 0x3A1, L), (0x3A3, 0x3CE, L), (0x3D0, 0x482, L), (0x483, 0x489, L | M),
        (0x48A, 0x513, L), (0x51A, 0x51D, L), (0x591, 0x5BD, L | M), (0x5BE, 0x5BE, L),
        (0x5BF, 0x5BF, L | M), (0x5C0, 0x5C0, L), (0x5C1, 0x5C2, L | M), (0x5C3, 0x5C3, L),
        (0x5C4, 0x5C5, L | M), (0x5C6, 0x5C6, L), (0x5C7, 0x5C7, L | M), (0x5D0, 0x5EA, L),
        (0x5F0, 0x5F4, L), (0xE3F, 0xE3F, CJK), (0xE81, 0xE82, LAO), (0xE84, 0xE84, LAO),
        (0xE87, 0xE88, LAO), (0xE8A, 0xE8A, LAO), (0xE8D, 0xE8D, LAO), (0xE94, 0xE97, LAO),
        (0xE99, 0xE9F, LAO), (0xEA1, 0xEA3, LAO), (0xEA5, 0xEA5, LAO), (0xEA7, 0xEA7, LAO),
        (0xEAA, 0xEAB, LAO), (0xEAD, 0xEB0, LAO), (0xEB1, 0xEB1, LAO | M),
        (0xEB2, 0xEB3, LAO), (0xEB4, 0xEB9, LAO | M), (0xEBB, 0xEBC, LAO | M),
        (0xEBD, 0xEBD, LAO), (0xEC0, 0xEC4, LAO), (0xEC6, 0xEC6, LAO),
        (0xEC8, 0xECD, LAO | M), (0xED0, 0xED9, LAO), (0xEDC, 0xEDF, LAO),
        (0x1100, 0x1112, CJK), (0x1114, 0x1115, CJK), (0x111C, 0x111E, CJK),
        (0x1120, 0x1120, CJK), (0x1122, 0x1123, CJK), (0x1127, 0x1127, CJK),
        (0x1129, 0x1129, CJK), (0x112B, 0x112F, CJK), (0x1132, 0x1132, CJK),
        (0x1136, 0x1136, CJK), (0x1140, 0x1140, CJK), (0x1147, 0x1147, CJK),
        (0x114C, 0x114C, CJK), (0x1157, 0x1159, CJK), (0x1184, 0x1185, CJK),
        (0x1188, 0x1188, CJK), (0x1191, 0x1192, CJK), (0x1194, 0x1194, CJK),
        (0x119E, 0x119E, CJK), (0x11A1, 0x11A1, CJK), (0x11A8, 0x11C2, CJK),
        (0x11C7, 0x11C8, CJK), (0x11CC, 0x11CC, CJK), (0x11CE, 0x11CE, CJK),
        (0x11D3, 0x11D3, CJK), (0x11D7, 0x11D7, CJK), (0x11D9, 0x11D9, CJK),
        (0x11DC, 0x11DD, CJK), (0x11DF, 0x11DF, CJK), (0x11E2, 0x11E2, CJK),
        (0x11E6, 0x11E8, CJK), (0x11EA, 0x11EB, CJK), (0x11EE, 0x11EE, CJK),
        (0x11F0, 0x11F2, CJK), (0x11F4, 0x11F4, CJK), (0x11F9, 0x11F9, CJK),
        (0x1780, 0x17B3, KH), (0x17B4, 0x17D3, KH | M), (0x17D4, 0x17DC, KH),
        (0x17DD, 0x17DD, KH | M), (0x17E0, 0x17E9, KH), (0x17F0, 0x17F9, KH),
        (0x19E0, 0x19FF, KH), (0x1D00, 0x1DBF, L), (0x1DC0, 0x1DCA, L | M),
        (0x1DFE, 0x1DFF, L | M), (0x1E00, 0x1E9B, L), (0x1E9E, 0x1E9E, L),
        (0x1EA0, 0x1EF9, L), (0x1F00, 0x1F15, L), (0x1F18, 0x1F1D, L), (0x1F20, 0x1F45, L),
        (0x1F48, 0x1F4D, L), (0x1F50, 0x1F57, L), (0x1F59, 0x1F59, L), (0x1F5B, 0x1F5B, L),
        (0x1F5D, 0x1F5D, L), (0x1F5F, 0x1F7D, L), (0x1F80, 0x1FB4, L), (0x1FB6, 0x1FC4, L),
        (0x1FC6, 0x1FD3, L), (0x1FD6, 0x1FDB, L), (0x1FDD, 0x1FEF, L), (0x1FF2, 0x1FF4, L),
        (0x1FF6, 0x1FFE, L), (0x2000, 0x200A, L), (0x200B, 0x200D, L | LAO | KH),
        (0x200E, 0x200F, L), (0x2010, 0x2010, L | KH), (0x2012, 0x2017, L),
        (0x2018, 0x2019, L | KH), (0x201A, 0x201B, L), (0x201C, 0x201D, L | KH),
        (0x201E, 0x2022, L), (0x2026, 0x2026, L | KH), (0x202A, 0x202D, L | CJK),
        (0x202E, 0x2030, L), (0x2032, 0x2034, L), (0x2039, 0x203A, L), (0x203C, 0x203C, L),
        (0x203E, 0x203E, L), (0x2044, 0x2044, L), (0x205E, 0x205E, L), (0x206A, 0x206F, L),
        (0x2074, 0x2079, L), (0x207F, 0x2089, L), (0x2090, 0x2094, L), (0x20A0, 0x20AC, L),
        (0x20AD, 0x20AD, L | LAO), (0x20AE, 0x20B5, L), (0x20BF, 0x20BF, L),
        (0x20F0, 0x20F0, L | M), (0x2105, 0x2105, L), (0x2113, 0x2113, L),
        (0x2116, 0x2117, L), (0x2122, 0x2122, L), (0x2126, 0x2126, L), (0x212E, 0x212E, L),
        (0x214D, 0x214E, L), (0x2153, 0x2154, L), (0x215B, 0x215E, L), (0x2184, 0x2184, L),
        (0x2190, 0x2195, L), (0x21A8, 0x21A8, L), (0x21D4, 0x21D4, L), (0x2202, 0x2202, L),
        (0x2206, 0x2206, L), (0x220F, 0x220F, L), (0x2211, 0x2212, L), (0x2215, 0x2215, L),
        (0x2219, 0x221A, L), (0x221E, 0x221F, L), (0x2229, 0x2229, L), (0x222B, 0x222B, L),
        (0x2248, 0x2248, L), (0x2260, 0x2262, L), (0x2264, 0x2265, L), (0x2302, 0x2302, L),
        (0x2310, 0x2310, L), (0x2320, 0x2321, L), (0x2500, 0x2500, L), (0x2502, 0x2502, L),
        (0x250C, 0x250C, L), (0x2510, 0x2510, L), (0x2514, 0x2514, L), (0x2518, 0x2518, L),
        (0x251C, 0x251C, L), (0x2524, 0x2524, L), (0x252C, 0x252C, L), (0x2534, 0x2534, L),
        (0x253C, 0x253C, L), (0x2550, 0x256C, L), (0x2580, 0x2580, L), (0x2584, 0x2584, L),
        (0x2588, 0x2588, L), (0x258C, 0x258C, L), (0x2590, 0x2593, L), (0x25A0, 0x25A1, L),
        (0x25AA, 0x25AC, L), (0x25B2, 0x25B2, L), (0x25BA, 0x25BA, L), (0x25BC, 0x25BC, L),
        (0x25C4, 0x25C4, L), (0x25CA, 0x25CB, L), (0x25CC, 0x25CC, L | LAO | KH),
        (0x25CF, 0x25D9, L), (0x25E6, 0x25E6, L), (0x263A, 0x263C, L), (0x2640, 0x2640, L),
        (0x2642, 0x2642, L), (0x2660, 0x2660, L), (0x2663, 0x2663, L), (0x2665, 0x2666, L),
        (0x2669, 0x266C, L), (0x266F, 0x266F, L), (0x2C60, 0x2C6D, L), (0x2C71, 0x2C77, L),
        (0x2E17, 0x2E17, L), (0x3000, 0x3003, CJK), (0x3005, 0x3007, CJK),
        (0x300A, 0x3019, CJK), (0x301C, 0x301F, CJK), (0x3021, 0x3029, CJK),
        (0x3041, 0x3094, CJK), (0x3099, 0x309A, CJK | M), (0x309B, 0x309E, CJK),
        (0x30A0, 0x30F6, CJK), (0x30FB, 0x30FE, CJK), (0x3105, 0x3129, CJK),
        (0x3131, 0x318E, CJK), (0x3200, 0x321C, CJK), (0x3220, 0x3229, CJK),
        (0x3231, 0x3232, CJK), (0x3239, 0x3239, CJK), (0x3260, 0x327B, CJK),
        (0x327F, 0x327F, CJK), (0x32A3, 0x32A8, CJK), (0x3303, 0x3303, CJK),
        (0x330D, 0x330D, CJK), (0x3314, 0x3314, CJK), (0x3318, 0x3318, CJK),
        (0x3322, 0x3323, CJK), (0x3326, 0x3327, CJK), (0x332B, 0x332B, CJK),
        (0x3336, 0x3336, CJK), (0x333B, 0x333B, CJK), (0x3349, 0x334A, CJK),
        (0x334D, 0x334D, CJK), (0x3351, 0x3351, CJK), (0x3357, 0x3357, CJK),
        (0x337B, 0x337E, CJK), (0x3380, 0x3384, CJK), (0x3388, 0x33CA, CJK),
        (0x33CD, 0x33D3, CJK), (0x33D5, 0x33D6, CJK), (0x33D8, 0x33D8, CJK),
        (0x33DB, 0x33DD, CJK), (0x4D00, 0x4D00, CJK), (0x4DB5, 0x4DB5, CJK),
        (0x4E00, 0x9FA5, CJK), (0xA717, 0xA721, L), (0xA788, 0xA78C, L),
        (0xAC00, 0xD7A3, CJK), (0xF900, 0xFA2D, CJK), (0xFB01, 0xFB02, L),
        (0xFB1D, 0xFB1D, L), (0xFB1E, 0xFB1E, L | M), (0xFB1F, 0xFB36, L),
        (0xFB38, 0xFB3C, L), (0xFB3E, 0xFB3E, L), (0xFB40, 0xFB41, L), (0xFB43, 0xFB44, L),
        (0xFB46, 0xFB4F, L), (0xFE10, 0xFE19, CJK), (0xFE20, 0xFE23, L | M),
        (0xFE30, 0xFE31, CJK), (0xFE33, 0xFE46, CJK), (0xFE49, 0xFE52, CJK),
        (0xFE54, 0xFE57, CJK), (0xFE59, 0xFE66, CJK), (0xFE68, 0xFE6B, CJK),
        (0xFF01, 0xFF5E, CJK), (0xFF61, 0xFF9D, CJK), (0xFF9E, 0xFF9F, CJK | M),
        (0xFFE0, 0xFFE6, CJK), (0xFFFC, 0xFFFC, L), (0x10400, 0x10400, CJK),
        (0x10428, 0x10428, CJK), (0x1044D, 0x1044F, CJK),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_prints_and_emoji_does_not() {
        assert!(unprintable("Kế hoạch đối ngoại năm 2026, Ủy ban nhân dân xã").is_empty());
        assert_eq!(unprintable("a😀b😀c🙂"), vec!['😀', '🙂']);
        assert_eq!(replace_unprintable("a😀b"), "a\u{25A1}b");
        assert!(matches!(replace_unprintable("Hà Nội"), Cow::Borrowed(_)));
    }

    #[test]
    fn whitespace_controls_and_ignorables_are_not_reported() {
        // Ogham space mark, NEL, vertical tab, U+0001, ZWJ, VS16, BOM, word joiner.
        let text = "a\u{1680}b\u{85}c\u{B}d\u{1}e\u{200D}f\u{FE0F}g\u{FEFF}h\u{2060}i";
        assert!(unprintable(text).is_empty());
        assert_eq!(
            replace_unprintable(text),
            "a b c de\u{200D}f\u{FE0F}gh\u{2060}i"
        );
    }

    #[test]
    fn decomposed_text_is_judged_in_nfc() {
        // Hangul jamo (the fonts lack the vowel jamo) compose to 한; e + combining acute to é.
        assert!(unprintable("\u{1112}\u{1161}\u{11AB}").is_empty());
        assert_eq!(replace_unprintable("\u{1112}\u{1161}\u{11AB}"), "한");
        assert_eq!(replace_unprintable("e\u{301}"), "é");
    }

    #[test]
    fn a_mark_prints_only_where_a_font_of_its_base_has_it() {
        // Latin, Vietnamese and Lao marks on bases of their own fonts.
        for text in [
            "e\u{301}\u{323}",
            "ກ\u{EB1}ນ",
            "ក\u{17D2}ម\u{17C2}",
            " \u{301}",
        ] {
            assert!(unprintable(text).is_empty(), "{text:?}");
            assert_eq!(replace_unprintable(text), vntext::nfc(text), "{text:?}");
        }
        // A mark that begins a line gets a dotted circle for a base, as HarfBuzz draws it.
        assert_eq!(replace_unprintable("\u{5AA}"), "\u{25CC}\u{5AA}");
        assert_eq!(
            replace_unprintable("a\n\u{FE00}\u{5AA}"),
            "a\n\u{FE00}\u{25CC}\u{5AA}"
        );
        assert_eq!(replace_unprintable("\u{3099}"), "\u{25A1}");
        assert_eq!(
            replace_unprintable("\n\u{E0056}\u{5BC}"),
            "\n\u{E0056}\u{25CC}\u{5BC}"
        );
        // A Hangul vowel filler after a leading consonant goes (the font lacks it).
        assert_eq!(replace_unprintable("\u{112F}\u{1160}"), "\u{112F}");
        assert_eq!(replace_unprintable("\u{112F}\u{1}\u{1160}"), "\u{112F}");
        // What a dropped character stood between joins up.
        assert_eq!(
            replace_unprintable("\u{FE10}\u{1}\u{32A}"),
            "\u{FE10}\u{25A1}"
        );
        assert!(unprintable("\u{5AA}").is_empty());
        // Carriage returns go, tabs become spaces.
        assert_eq!(replace_unprintable("a\r\n\tb"), "a\n b");
        // A Latin mark on a CJK presentation form, a Lao vowel sign on a Latin letter: the
        // mark is replaced, and what follows the replacement joins it.
        assert_eq!(
            replace_unprintable("\u{FE10}\u{32A}\u{301}"),
            "\u{FE10}\u{25A1}\u{301}"
        );
        assert_eq!(unprintable("\u{FE10}\u{32A}"), vec!['\u{32A}']);
        assert_eq!(replace_unprintable("a\u{EB1}"), "a\u{25A1}");
        // Variation selectors and joiners are ignorable, whatever the base.
        assert_eq!(replace_unprintable("广\u{FE00}"), "广\u{FE00}");
        // After a zero-width joiner the next character joins the cluster.
        assert_eq!(replace_unprintable("a\u{200D}♥"), "a\u{200D}♥");
        assert_eq!(replace_unprintable("广\u{200D}♥"), "广\u{200D}\u{25A1}");
        assert_eq!(replace_unprintable("广\u{200B}♥"), "广\u{200B}♥");
    }

    #[test]
    fn private_use_is_unprintable_though_a_font_maps_it() {
        // Liberation Serif maps U+F004; PDF/A-2a forbids private-use code points in text.
        assert_eq!(unprintable("\u{F004}"), vec!['\u{F004}']);
        assert_eq!(
            unprintable("\u{FFFD}\u{FFFE}"),
            vec!['\u{FFFD}', '\u{FFFE}']
        );
    }
}

/// The table against the font files themselves: only with the fonts, under `pdf`.
#[cfg(all(test, feature = "pdf"))]
mod font_tests {
    use super::*;
    use typst::foundations::Bytes;
    use typst::layout::Abs;
    use typst::text::{Font, FontInstance, FontVariations};

    fn fonts() -> Vec<FontInstance> {
        crate::pdf::FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .map(|f| {
                let variant = f.info().variant;
                f.instantiate(variant, Abs::pt(14.0), &FontVariations::default())
            })
            .collect()
    }

    /// Whether `c` may stand in the table (see [`COVERED`]).
    fn allowed(c: u32) -> bool {
        let private = matches!(c, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF);
        let control = char::from_u32(c).is_none_or(char::is_control);
        !(private || control || matches!(c, 0 | 0xFEFF | 0xFFFE))
    }

    /// The family bit of an embedded font, by its family name (typst's font list order).
    fn family_bit(font: &FontInstance) -> u8 {
        match font.font().info().family.as_str() {
            "Liberation Serif" => LIBERATION,
            "Noto Serif Lao" => LAO,
            "Noto Serif Khmer" => KHMER,
            "Droid Sans Fallback" => CJK,
            other => panic!("unexpected family {other}"),
        }
    }

    /// What the fonts cover, from their cmaps (a code point mapped to glyph 0, `.notdef`,
    /// is not covered): for each code point the families that have it in all their styles,
    /// merged into ranges of equal flags.
    fn fonts_coverage() -> Vec<(u32, u32, u8)> {
        let fonts = fonts();
        let mut flags = std::collections::BTreeMap::<u32, u8>::new();
        for bit in [LIBERATION, LAO, KHMER, CJK] {
            let styles: Vec<&FontInstance> =
                fonts.iter().filter(|f| family_bit(f) == bit).collect();
            assert!(!styles.is_empty());
            let has = |f: &FontInstance, c: u32| {
                char::from_u32(c)
                    .and_then(|ch| f.ttf().glyph_index(ch))
                    .is_some_and(|g| g.0 != 0)
            };
            for c in styles[0].font().info().coverage.iter() {
                if allowed(c) && styles.iter().all(|f| has(f, c)) {
                    *flags.entry(c).or_default() |= bit;
                }
            }
        }
        let mut ranges: Vec<(u32, u32, u8)> = Vec::new();
        for (c, mut f) in flags {
            let ch = char::from_u32(c).expect("a char");
            if unicode_normalization::char::is_combining_mark(ch) || matches!(c, 0xFF9E | 0xFF9F) {
                f |= MARK;
            }
            match ranges.last_mut() {
                Some(last) if last.1 + 1 == c && last.2 == f => last.1 = c,
                _ => ranges.push((c, c, f)),
            }
        }
        ranges
    }

    #[test]
    fn the_table_is_the_fonts_coverage() {
        assert!(
            COVERED
                .windows(2)
                .all(|w| w[0].1 < w[1].0 && (w[0].1 + 1 < w[1].0 || w[0].2 != w[1].2)),
            "sorted, disjoint, merged"
        );
        let fonts = fonts_coverage();
        assert!(
            COVERED == fonts.as_slice(),
            "COVERED differs from the fonts: regenerate it with print_covered_table"
        );
    }

    /// A representative sample checked one by one against the fonts (the table test above
    /// checks all of Unicode, this one says in which script a mismatch lies).
    #[test]
    fn sample_scripts_print_as_the_fonts_say() {
        let fonts = fonts();
        let has = |c: char| {
            fonts
                .iter()
                .any(|f| f.ttf().glyph_index(c).is_some_and(|g| g.0 != 0))
        };
        let mut vietnamese = String::new();
        for base in "aăâeêioôơuưy".chars() {
            vietnamese.push(base);
            for tone in ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'] {
                vietnamese.push_str(&vntext::nfc(&format!("{base}{tone}")));
            }
        }
        vietnamese.push_str("bcdđghklmnpqrstvx");
        vietnamese = format!("{vietnamese}{}", vietnamese.to_uppercase());
        let printable = [
            vietnamese.as_str(),
            "0123456789 .,;:!?()[]{}\"'«»–—…%/&*+-=#@§№",
            "广西壮族自治区中华人民共和国凭祥市东兴市河口县",
            "대한민국한국어서울",
            "日本語ひらがなカタカナ東京",
            "ພາສາລາວສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ ໜຶ່ງ ໑໒໓",
            "ភាសាខ្មែរព្រះរាជាណាចក្រកម្ពុជា ១២៣",
            "，。、「」《》（）：",
            "\u{25A1}",
        ];
        for text in printable {
            for c in text.chars().filter(|c| !c.is_whitespace()) {
                assert!(is_covered(c), "{c:?} U+{:04X} in {text}", c as u32);
                assert!(has(c), "fonts lack {c:?} U+{:04X}", c as u32);
            }
            assert!(
                unprintable(text).is_empty(),
                "{text}: {:?}",
                unprintable(text)
            );
        }
        let emoji = "😀😂👍❤🎉🇻🇳🙏";
        for c in emoji.chars() {
            assert!(!has(c), "fonts have {c:?}");
        }
        assert_eq!(unprintable(emoji), emoji.chars().collect::<Vec<_>>());
        for c in "ภาษาไทยالعربيةअ🀄\u{E000}".chars() {
            assert!(!is_covered(c), "{c:?}");
        }
    }

    #[test]
    fn default_ignorables_are_unicodes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_default_ignorable(c),
                typst::text::is_default_ignorable(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn ignorable_continuations_are_the_default_ignorable_marks_and_tags() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = typst::text::is_default_ignorable(c)
                && (unicode_normalization::char::is_combining_mark(c)
                    || matches!(c as u32, 0xE0020..=0xE007F));
            assert_eq!(is_ignorable_continuation(c), expected, "U+{:04X}", c as u32);
        }
    }

    /// Prints [`COVERED`] from the font files.
    #[test]
    #[ignore]
    fn print_covered_table() {
        let name = |f: u8| {
            let mut parts: Vec<&str> = [
                (LIBERATION, "L"),
                (LAO, "LAO"),
                (KHMER, "KH"),
                (CJK, "CJK"),
                (MARK, "M"),
            ]
            .iter()
            .filter(|(bit, _)| f & bit != 0)
            .map(|&(_, n)| n)
            .collect();
            if f & ALL == ALL {
                parts.retain(|&n| n == "M");
                parts.insert(0, "ALL");
            }
            parts.join(" | ")
        };
        let mut line = String::from("       ");
        println!("static COVERED: &[(u32, u32, u8)] = {{");
        println!(
            "    const L: u8 = LIBERATION;\n    const KH: u8 = KHMER;\n    const M: u8 = MARK;"
        );
        println!("    &[");
        for (lo, hi, f) in fonts_coverage() {
            let item = format!(" (0x{lo:X}, 0x{hi:X}, {}),", name(f));
            if line.len() + item.len() > 92 {
                println!("{line}");
                line = String::from("       ");
            }
            line.push_str(&item);
        }
        println!("{line}");
        println!("    ]\n}};");
    }
}
