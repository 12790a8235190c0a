//! Every time frame written in the five real sample plans is understood: none falls to the
//! uncertain default, except the ones listed in `EXPECTED_UNCERTAIN` with the reason.

use domain::{PlanYear, Recurrence, schedule_from_timeframe};

/// Time frames of the samples that are rightly left for the officer to confirm, with why.
/// (None today: every time frame the samples write is understood.)
const EXPECTED_UNCERTAIN: &[(&str, &str)] = &[];

#[test]
fn every_time_frame_in_the_sample_plans_is_understood() {
    if samples::missing() {
        return;
    }
    let mut seen = Vec::new();
    for path in samples::seed_paths() {
        let bytes = std::fs::read(&path).expect("sample plan readable");
        let name = path.file_name().and_then(|n| n.to_str());
        let doc = document::parse_bytes(&bytes, name).expect("sample plan parses");
        let year = PlanYear::parse(doc.year.unwrap_or(2026)).expect("plan year in range");
        for task in &doc.tasks {
            let Some(tf) = task.timeframe.as_deref() else {
                continue;
            };
            let s = schedule_from_timeframe(Some(tf), year);
            let listed = EXPECTED_UNCERTAIN.iter().any(|(t, _)| *t == tf);
            assert!(
                s.certain || listed,
                "{}: task {} time frame {tf:?} not understood: {s:?}",
                path.display(),
                task.reference
            );
            let occ = s.occurrences(year);
            assert_eq!(
                occ.is_empty(),
                s.recurrence == Recurrence::OnRequest,
                "{tf:?}: {occ:?}"
            );
            seen.push((tf.to_string(), s.recurrence));
        }
    }
    // The samples do write time frames; a parser change that loses them must show here.
    assert!(seen.len() >= 5, "too few time frames read: {seen:?}");
    let of = |text: &str| {
        seen.iter()
            .find(|(t, _)| t == text)
            .map(|(_, r)| *r)
            .unwrap_or_else(|| panic!("{text:?} not found in the samples: {seen:?}"))
    };
    assert_eq!(of("Cả năm 2026"), Recurrence::WholeYear);
    assert_eq!(of("Thường xuyên"), Recurrence::Regular);
    assert_eq!(of("Theo kế hoạch của cấp trên"), Recurrence::OnRequest);
    assert_eq!(of("Hằng tháng/quý"), Recurrence::Monthly);
}
