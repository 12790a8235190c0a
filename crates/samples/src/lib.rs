//! The five real 2026 plans in `shared/seeds/` (beside the repository), for tests and
//! benchmarks of every crate. One place knows where they are: `DOINGOAI_SEEDS` overrides the
//! default location `<workspace>/../shared/seeds`.

use std::path::PathBuf;

/// The folder of the sample plans.
pub fn seeds_dir() -> PathBuf {
    match std::env::var_os("DOINGOAI_SEEDS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds"),
    }
}

/// Whether the sample plans are missing (a clone of the repository without `../shared/`
/// beside it). Outside CI the calling test says it is skipped and should return; under CI
/// (`CI` set) the samples are required and this panics.
pub fn missing() -> bool {
    let dir = seeds_dir();
    if dir.is_dir() {
        return false;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "CI needs the sample plans in {} (or DOINGOAI_SEEDS)",
            dir.display()
        );
    }
    eprintln!(
        "skipped: this test needs the sample plans, not found in {} (they live in \
         ../shared/seeds beside the repository; set DOINGOAI_SEEDS to another folder)",
        dir.display()
    );
    true
}

/// One sample by file name, e.g. `seed("002_c99dabe5466feed8.txt")`.
pub fn seed(name: &str) -> PathBuf {
    seeds_dir().join(name)
}

/// The `.txt` sample plans, sorted by name. Panics (with the folder named) when the folder
/// cannot be read: tests and benchmarks must not pass silently without their inputs.
pub fn seed_paths() -> Vec<PathBuf> {
    let dir = seeds_dir();
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("sample plans not found in {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_five_sample_plans_are_found() {
        if super::missing() {
            return;
        }
        assert_eq!(super::seed_paths().len(), 5);
    }
}
