//! The arrows of DESIGN.md, checked: pages, API, CLI and the generators reach the database
//! only through this crate. They do not depend on the store at all, so no handler or
//! command can call it (and `App` keeps its store private).

use std::path::Path;

fn dependencies(krate: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../{krate}/Cargo.toml"));
    let manifest: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut names = Vec::new();
    for table in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(t) = manifest.get(table).and_then(|t| t.as_table()) {
            names.extend(t.keys().cloned());
        }
    }
    names
}

#[test]
fn pages_api_cli_and_generators_do_not_depend_on_the_store() {
    for krate in ["web", "cli", "seed"] {
        let deps = dependencies(krate);
        assert!(
            deps.iter().any(|d| d == "app"),
            "{krate} uses the application layer"
        );
        for below in ["store", "sqlx"] {
            assert!(
                !deps.iter().any(|d| d == below),
                "{krate} depends on {below}: {deps:?}"
            );
        }
    }
}

#[test]
fn the_application_layer_has_no_http_types() {
    let deps = dependencies("app");
    for http in ["axum", "tower", "tower-http", "hyper", "askama"] {
        assert!(!deps.iter().any(|d| d == http), "app depends on {http}");
    }
}
