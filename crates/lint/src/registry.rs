//! The registry of legal instruments: which are in force, replaced, expired, or whose status
//! is not confirmed. Shipped as data (`data/instruments.tsv`, each row with its source) so
//! an administrator can correct or extend it without a new release.

use thiserror::Error;

/// Status of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    InForce,
    /// Replaced by another instrument (`replaced_by`).
    Replaced,
    /// No longer applicable, replacement not (yet) known.
    Expired,
    /// The status is believed but not confirmed: reported as information only.
    Unconfirmed,
}

/// One row of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instrument {
    /// Number and symbol as cited ("76/2010/QĐ-TTg").
    pub number: String,
    pub doc_type: String,
    /// "YYYY-MM-DD", "YYYY" or empty.
    pub date: String,
    pub subject: String,
    pub status: Status,
    pub replaced_by: Option<String>,
    pub note: String,
    pub source: String,
}

/// The registry (lookups by number, case-sensitive as symbols are).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    rows: Vec<Instrument>,
}

/// Why a registry file could not be loaded; `line` is 1-based.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RegistryError {
    #[error(
        "dòng {line}: cần 8 cột cách nhau bằng dấu tab, có {found} / line {line}: 8 tab-separated columns expected, found {found}"
    )]
    Columns { line: usize, found: usize },
    #[error(
        "dòng {line}: tình trạng không hợp lệ \"{value}\" (in_force, replaced, expired, unconfirmed) / line {line}: invalid status"
    )]
    Status { line: usize, value: String },
    #[error(
        "dòng {line}: ngày không hợp lệ \"{value}\" (YYYY-MM-DD hoặc YYYY) / line {line}: invalid date"
    )]
    Date { line: usize, value: String },
    #[error("dòng {line}: thiếu số hiệu văn bản / line {line}: the number is empty")]
    Number { line: usize },
    #[error(
        "dòng {line}: \"replaced\" cần văn bản thay thế / line {line}: a replaced instrument needs replaced_by"
    )]
    ReplacedBy { line: usize },
}

const BUILTIN: &str = include_str!("../data/instruments.tsv");

impl Registry {
    /// The registry shipped in the binary.
    pub fn builtin() -> Registry {
        // The shipped file is checked by a test; an error here is a build defect.
        Registry::parse(BUILTIN).unwrap_or_default()
    }

    /// Parses the TSV form: '#' comment lines, a header line starting with "number", then
    /// one instrument per line.
    pub fn parse(text: &str) -> Result<Registry, RegistryError> {
        let mut rows = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') || l.starts_with("number\t") {
                continue;
            }
            let cols: Vec<&str> = l.split('\t').collect();
            if cols.len() != 8 {
                return Err(RegistryError::Columns {
                    line,
                    found: cols.len(),
                });
            }
            let number = vntext::nfc(cols[0].trim());
            if number.is_empty() {
                return Err(RegistryError::Number { line });
            }
            let status = match cols[4].trim() {
                "in_force" => Status::InForce,
                "replaced" => Status::Replaced,
                "expired" => Status::Expired,
                "unconfirmed" => Status::Unconfirmed,
                other => {
                    return Err(RegistryError::Status {
                        line,
                        value: other.to_string(),
                    });
                }
            };
            let date = cols[2].trim().to_string();
            let date_ok = date.is_empty()
                || (date.len() == 4 && date.chars().all(|c| c.is_ascii_digit()))
                || parse_iso(&date).is_some();
            if !date_ok {
                return Err(RegistryError::Date { line, value: date });
            }
            let replaced_by = Some(vntext::nfc(cols[5].trim())).filter(|s| !s.is_empty());
            if status == Status::Replaced && replaced_by.is_none() {
                return Err(RegistryError::ReplacedBy { line });
            }
            rows.push(Instrument {
                number,
                doc_type: cols[1].trim().to_string(),
                date,
                subject: vntext::nfc(cols[3].trim()),
                status,
                replaced_by,
                note: vntext::nfc(cols[6].trim()),
                source: cols[7].trim().to_string(),
            });
        }
        Ok(Registry { rows })
    }

    /// The instrument with this number, if the registry knows it.
    pub fn get(&self, number: &str) -> Option<&Instrument> {
        self.rows.iter().find(|r| r.number == number)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// "2020-02-21" → a valid date.
pub fn parse_iso(s: &str) -> Option<document::model::Date> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    if it.next().is_some() {
        return None;
    }
    document::model::Date::new(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_registry_loads_and_knows_the_replaced_conference_decision() {
        let r = Registry::parse(BUILTIN).expect("shipped registry is valid");
        assert!(r.len() >= 15);
        let old = r.get("76/2010/QĐ-TTg").expect("known");
        assert_eq!(old.status, Status::Replaced);
        assert_eq!(old.replaced_by.as_deref(), Some("06/2020/QĐ-TTg"));
        assert!(r.get("1/KH-UBND").is_none());
    }

    #[test]
    fn a_malformed_registry_gets_a_clear_error_with_its_line() {
        let head = "# c\nnumber\ttype\tdate\tsubject\tstatus\treplaced_by\tnote\tsource\n";
        assert_eq!(
            Registry::parse(&format!("{head}1/QĐ-TTg\tQĐ\t2020\tx\tin_force\n")),
            Err(RegistryError::Columns { line: 3, found: 5 })
        );
        assert_eq!(
            Registry::parse(&format!("{head}1/QĐ-TTg\tQĐ\t2020\tx\tgone\t\t\ts\n")),
            Err(RegistryError::Status {
                line: 3,
                value: "gone".into()
            })
        );
        assert_eq!(
            Registry::parse(&format!(
                "{head}1/QĐ-TTg\tQĐ\t31/02/2020\tx\tin_force\t\t\ts\n"
            )),
            Err(RegistryError::Date {
                line: 3,
                value: "31/02/2020".into()
            })
        );
        assert_eq!(
            Registry::parse(&format!("{head}1/QĐ-TTg\tQĐ\t2020\tx\treplaced\t\t\ts\n")),
            Err(RegistryError::ReplacedBy { line: 3 })
        );
        let e = Registry::parse(&format!("{head}\tQĐ\t2020\tx\tin_force\t\t\ts\n")).unwrap_err();
        assert!(e.to_string().contains("dòng 3") && e.to_string().contains("line 3"));
    }
}
