//! Dates, times and names as an official writes them: day first, Vietnam time (UTC+7), never
//! an ISO date on a screen.

use chrono::NaiveDate;

/// "2026-03-14" → "14/03/2026" (tables); anything that is not an ISO date is unchanged.
pub fn short_date(iso: &str) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// "ngày 05 tháng 01 năm 2026" (Decree 30/2020, Appendix I: days and months below 10 with
/// a leading zero).
pub fn long_date(d: NaiveDate) -> String {
    d.format("ngày %d tháng %m năm %Y").to_string()
}

/// Epoch seconds → "14/03/2026 09:05" in Vietnam time.
pub fn date_time(epoch: i64) -> String {
    chrono::DateTime::from_timestamp(epoch + 7 * 3600, 0)
        .map(|d| d.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// Epoch seconds → "09 giờ 05 phút ngày 14/03/2026" in Vietnam time (when a lock lifts).
pub fn time_of_day(epoch: i64) -> String {
    chrono::DateTime::from_timestamp(epoch + 7 * 3600, 0)
        .map(|d| d.format("%H giờ %M phút ngày %d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// Upper-cases the first letter ("xã Tân Hòa" → "Xã Tân Hòa").
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Percent of `part` in `whole`, rounded down; 0 when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { part * 100 / whole }
}

/// 12500000 → "12.500.000".
pub fn grouped(n: i64) -> String {
    domain::register::grouped(n)
}

/// A place name folded for matching: no tones, no case, words only ("Xã Hà Bắc" and "xa
/// ha-bac" match).
pub fn folded_place(s: &str) -> String {
    vntext::fold_words(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_day_first_in_vietnam_time() {
        assert_eq!(short_date("2026-03-14"), "14/03/2026");
        assert_eq!(short_date("x"), "x");
        assert_eq!(date_time(0), "01/01/1970 07:00");
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(time_of_day(0), "07 giờ 00 phút ngày 01/01/1970");
    }
}
