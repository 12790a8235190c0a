//! The list of countries and territories: ISO 3166-1 codes with the names Vietnamese
//! official documents use (`data/countries.tsv`, which states its sources). Shipped as data
//! in the binary; an entry is matched by its codes or by any of its names without tones or
//! case, so "Hoa Kỳ", "Mỹ", "US" and "USA" are one country.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A country or territory of the list.
#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    /// The Vietnamese name shown everywhere.
    pub name: &'static str,
    /// Other names people write.
    pub also: Vec<&'static str>,
}

const DATA: &str = include_str!("../../data/countries.tsv");

struct List {
    all: Vec<&'static Country>,
    /// Codes as written (upper case): "MY" is Malaysia, while "Mỹ" folds to "my".
    by_code: HashMap<&'static str, &'static Country>,
    /// Names folded.
    by_name: HashMap<String, &'static Country>,
}

fn key(s: &str) -> String {
    vntext::fold_words(s)
}

fn list() -> &'static List {
    static LIST: OnceLock<List> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut all = Vec::new();
        let mut by_code = HashMap::new();
        let mut by_name = HashMap::new();
        for line in DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
        {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let (Some(a2), Some(a3), Some(name)) = (cols.first(), cols.get(1), cols.get(2)) else {
                continue;
            };
            let also: Vec<&'static str> = cols
                .get(3)
                .map(|s| {
                    s.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let c: &'static Country = Box::leak(Box::new(Country {
                alpha2: a2.trim(),
                alpha3: a3.trim(),
                name: name.trim(),
                also,
            }));
            by_code.insert(c.alpha2, c);
            by_code.insert(c.alpha3, c);
            for k in std::iter::once(&c.name).chain(c.also.iter()) {
                by_name.entry(key(k)).or_insert(c);
            }
            all.push(c);
        }
        all.sort_by_key(|c| vntext::fold(c.name));
        List {
            all,
            by_code,
            by_name,
        }
    })
}

/// Every country of the list, in the order of their folded names.
pub fn countries() -> &'static [&'static Country] {
    &list().all
}

/// The country a text names: an ISO code in capitals (alpha-2 or alpha-3) or one of its
/// names, without tones, case or hyphens ("Cam-pu-chia", "Campuchia", "KH").
pub fn country(s: &str) -> Option<&'static Country> {
    let s = s.trim();
    let l = list();
    l.by_code.get(s).or_else(|| l.by_name.get(&key(s))).copied()
}
