//! The commune's list of units (Văn phòng HĐND và UBND, Phòng Kinh tế, Công an xã, …),
//! shipped as data (`data/units.tsv`) and replaceable per commune (`--units FILE`).
//!
//! Names are compared by a key ([`unit_key`]) that ignores case, diacritics, dashes and
//! punctuation, the commune level and name at the end ("… xã", "… phường Hà Bắc"), and
//! expands the usual abbreviations (HĐND, UBND, MTTQ, BCHQS, VH-XH).

use thiserror::Error;

const BUILTIN: &str = include_str!("../data/units.tsv");

/// One unit: the name to suggest and every key it answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    pub keys: Vec<String>,
}

/// The list of units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Units {
    units: Vec<Unit>,
}

/// Why a unit list could not be loaded; `line` is 1-based.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum UnitsError {
    #[error(
        "dòng {line}: tên đơn vị trống (cột {column}) / line {line}: empty unit name (column {column})"
    )]
    Empty { line: usize, column: usize },
    #[error(
        "dòng {line}: tên \"{name}\" đã có ở dòng {first} / line {line}: \"{name}\" already listed at line {first}"
    )]
    Duplicate {
        line: usize,
        name: String,
        first: usize,
    },
}

/// Abbreviations expanded before comparing (on folded words).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("mttq", "mat tran to quoc"),
    ("bchqs", "ban chi huy quan su"),
    ("vp", "van phong"),
    ("ub", "uy ban"),
    ("lhpn", "lien hiep phu nu"),
    ("ccb", "cuu chien binh"),
    ("tncs", "thanh nien cong san"),
    ("vh", "van hoa"),
    ("xh", "xa hoi"),
    ("ttpvhcc", "trung tam phuc vu hanh chinh cong"),
];

/// The comparison key of a unit name: folded, punctuation and dashes as spaces,
/// abbreviations expanded, "Việt Nam" after "Tổ quốc" dropped, and the commune level with
/// the commune's own name (`commune`, any form) dropped from the end.
///
/// ```
/// use lint::units::unit_key;
/// assert_eq!(unit_key("Văn phòng HĐND và UBND xã", None), unit_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", None));
/// assert_eq!(unit_key("Phòng Văn hóa – Xã hội xã Hà Bắc", Some("Hà Bắc")), "phong van hoa xa hoi");
/// ```
pub fn unit_key(name: &str, commune: Option<&str>) -> String {
    let folded = vntext::fold(name);
    let mut words: Vec<&str> = Vec::new();
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, full)) => words.extend(full.split(' ')),
            None => words.push(w),
        }
    }
    // "Mặt trận Tổ quốc Việt Nam" and "Mặt trận Tổ quốc" are one body.
    let mut i = 0;
    while i + 3 < words.len() + 1 {
        if words.get(i..i + 4) == Some(&["to", "quoc", "viet", "nam"][..]) {
            words.drain(i + 2..i + 4);
        }
        i += 1;
    }
    let own: Vec<String> = commune
        .map(|c| {
            vntext::fold(c)
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if !own.is_empty() && words.ends_with(&own.iter().map(String::as_str).collect::<Vec<_>>()) {
        words.truncate(words.len() - own.len());
    }
    for level in [&["xa"][..], &["phuong"], &["dac", "khu"]] {
        if words.len() > level.len() && words.ends_with(level) {
            words.truncate(words.len() - level.len());
            break;
        }
    }
    words.join(" ")
}

impl Units {
    /// The default list shipped in the binary.
    pub fn builtin() -> Units {
        // The shipped file is checked by a test; an error here is a build defect.
        Units::parse(BUILTIN).unwrap_or_default()
    }

    /// Parses the list: one unit a line, its name then its other names, tab-separated;
    /// blank lines and lines starting with '#' are skipped.
    pub fn parse(text: &str) -> Result<Units, UnitsError> {
        let mut units = Vec::new();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            // Trailing tabs (as spreadsheets save them) are not empty names.
            let l = raw.trim_end_matches(['\r', '\t']);
            if l.trim().is_empty() || l.trim_start().starts_with('#') {
                continue;
            }
            let mut keys = Vec::new();
            for (c, name) in l.split('\t').enumerate() {
                let key = unit_key(name, None);
                if key.is_empty() {
                    return Err(UnitsError::Empty {
                        line,
                        column: c + 1,
                    });
                }
                if keys.contains(&key) {
                    // Another spelling of a name already on this line.
                    continue;
                }
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    return Err(UnitsError::Duplicate {
                        line,
                        name: name.trim().to_string(),
                        first: *first,
                    });
                }
                seen.push((key.clone(), line));
                keys.push(key);
            }
            let name = l.split('\t').next().unwrap_or("").trim().to_string();
            units.push(Unit { name, keys });
        }
        Ok(Units { units })
    }

    /// The unit whose key is `key`.
    pub fn find(&self, key: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.keys.iter().any(|k| k == key))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_parses() {
        let u = Units::parse(BUILTIN).expect("shipped list parses");
        assert!(u.find(&unit_key("UBND xã", None)).is_some());
        assert!(
            u.find(&unit_key("Ủy ban MTTQ Việt Nam xã", None))
                .is_some_and(|x| x.name == "Ủy ban Mặt trận Tổ quốc Việt Nam")
        );
        assert!(u.find(&unit_key("Công an phường", None)).is_some());
        assert!(u.find(&unit_key("Phòng Tư pháp", None)).is_none());
    }

    #[test]
    fn malformed_lists_are_refused_with_the_line() {
        assert_eq!(
            Units::parse("# c\nPhòng Kinh tế\t\tCông an\n").unwrap_err(),
            UnitsError::Empty { line: 2, column: 2 }
        );
        assert_eq!(
            Units::parse("Công an\n - \n").unwrap_err(),
            UnitsError::Empty { line: 2, column: 1 }
        );
        assert!(Units::parse("Công an\t\t\r\n").is_ok());
        assert_eq!(
            Units::parse("Công an\nPhòng Kinh tế\tCông an xã\n").unwrap_err(),
            UnitsError::Duplicate {
                line: 2,
                name: "Công an xã".into(),
                first: 1
            }
        );
        assert_eq!(Units::parse("").map(|u| u.is_empty()), Ok(true));
    }
}
