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
        assert_eq!(super::seed_paths().len(), 5);
    }
}
