//! The `doingoai` binary end to end.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_doingoai"))
}

fn seed(name: &str) -> PathBuf {
    samples::seed(name)
}

#[test]
fn parse_prints_a_vietnamese_summary() {
    if samples::missing() {
        return;
    }
    let out = bin()
        .arg("parse")
        .arg(seed("004_662309841e95490f.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert!(s.contains("Loại văn bản:    KH"), "{s}");
    assert!(s.contains("Xã/phường:       xã Hưng Đạo"), "{s}");
    assert!(s.contains("Chủ trì: Trung tâm dịch vụ tổng hợp"), "{s}");
    assert!(
        s.contains("Người ký: TM.ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Đỗ Hồng Sơn"),
        "{s}"
    );
}

#[test]
fn parse_json_prints_one_object_per_file() {
    if samples::missing() {
        return;
    }
    let out = bin()
        .args(["parse", "--json"])
        .arg(seed("000_5354b660accbc6e9.txt"))
        .arg(seed("003_df5a95be3bb932ff.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
        assert_eq!(v["format_version"], "1.0");
        for key in [
            "source",
            "doc_type",
            "number",
            "symbol",
            "issuer",
            "place",
            "date",
            "date_parts",
            "title",
            "year",
            "commune",
            "commune_kind",
            "province",
            "basis",
            "citations",
            "sections",
            "tasks",
            "delegations",
            "signer",
            "recipients",
            "warnings",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn unreadable_input_exits_2_with_a_message_in_both_languages_and_the_rest_is_still_read() {
    if samples::missing() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("doingoai-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let bad = dir.join("scan.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").expect("write");
    let out = bin()
        .args(["parse", "--json"])
        .arg(&bad)
        .arg(dir.join("missing.txt"))
        .arg(seed("001_a063230683130fad.txt"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.contains("Tệp DOCX bị hỏng"), "{err}");
    assert!(err.contains("The DOCX file is damaged"), "{err}");
    assert!(err.contains("not found"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(s.lines().count(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn parse_text_prints_the_numbered_normalised_lines() {
    if samples::missing() {
        return;
    }
    let out = bin()
        .args(["parse", "--text"])
        .arg(seed("000_5354b660accbc6e9.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        s.lines().any(|l| l
            .trim_start()
            .starts_with("9  Thực hiện Công văn số 2780/NV-LSNVNONN")),
        "{s}"
    );
}

/// Runs `doingoai user add ARGS` in a fresh data directory with `password` on stdin.
fn user_add(data: &std::path::Path, args: &[&str], password: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = bin()
        .args(["user", "add"])
        .args(args)
        .arg("--data")
        .arg(data)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn user_add_creates_the_first_administrator_and_refuses_what_cannot_be_right() {
    if samples::missing() {
        return;
    }
    let data = std::env::temp_dir().join(format!("doingoai-cli-users-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let ok = user_add(
        &data,
        &["admin", "--role", "admin"],
        "mật khẩu quản trị 2026",
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(data.join("doingoai.sqlite").exists());
    for (args, password, message) in [
        (
            &["admin", "--role", "admin"][..],
            "mật khẩu quản trị 2026",
            "the username is taken",
        ),
        (
            &["xx1", "--role", "admin"][..],
            "ngắn",
            "at least 12 characters",
        ),
        (
            &["xx2", "--role", "root"][..],
            "mật khẩu quản trị 2026",
            "unknown role",
        ),
        (
            &["xx3", "--role", "province_officer"][..],
            "mật khẩu quản trị 2026",
            "needs an existing province",
        ),
        (
            &["xx4", "--role", "commune_office", "--commune", "7"][..],
            "mật khẩu quản trị 2026",
            "needs an existing commune",
        ),
        (
            &["Văn Phòng", "--role", "admin"][..],
            "mật khẩu quản trị 2026",
            "the username must be 3-40 characters",
        ),
    ] {
        let out = user_add(&data, args, password);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(message) && err.contains("lỗi"),
            "{args:?}: {err}"
        );
    }
    let _ = std::fs::remove_dir_all(&data);
}

/// The register commands on a generated database: figures as JSON, an export imported
/// back (checked first, then written), a commune unknown by name refused in both
/// languages.
#[test]
fn register_commands_count_export_and_import_a_communes_register() {
    let dir = std::env::temp_dir().join(format!("doingoai-cli-reg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/r.sqlite", dir.display());
    let out = bin()
        .args(["bench-data", "--db", &db, "--communes", "2", "--tasks", "3"])
        .args([
            "--updates",
            "0",
            "--entries",
            "40",
            "--password",
            "mat-khau-thu-nghiem",
        ])
        .args(["--today", "2026-07-01", "--year", "2026"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8(out.stdout).unwrap();
    // "vanphong1 … Xã <name>": the first commune's name, typed without tones below.
    let line = listing
        .lines()
        .find(|l| l.trim_start().starts_with("vanphong1"))
        .unwrap();
    let place = line[line
        .find("Xã ")
        .or(line.find("Phường "))
        .or(line.find("Đặc khu "))
        .unwrap()..]
        .trim();
    let folded = vntext::fold(place);
    let stats = |commune: &str| {
        let out = bin()
            .args(["register", "stats", "doan-vao", "--commune", commune])
            .args([
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--json",
                "--db",
                &db,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let before = stats(&folded);
    assert_eq!(before["kind"], "doan-vao");
    assert_eq!(
        (before["from"].as_str(), before["to"].as_str()),
        (Some("2026-01-01"), Some("2026-12-31"))
    );
    let count = before["count"].as_i64().unwrap();
    assert!(count > 0 && count <= 40, "{before}");
    assert!(before["member_trips"].as_i64().unwrap() >= count);
    assert!(before["by_country"].is_object());
    let file = dir.join("doan-vao.xlsx");
    let out = bin()
        .args(["register", "export", "doan-vao", "--commune", place, "-o"])
        .arg(&file)
        .args(["--db", &db])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for dry in [true, false] {
        let mut cmd = bin();
        cmd.args(["register", "import", "doan-vao"])
            .arg(&file)
            .args(["--commune", place, "--db", &db]);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains(if dry {
                "40 dòng hợp lệ"
            } else {
                "Đã nhập 40 bản ghi"
            }),
            "{s}"
        );
    }
    assert_eq!(
        stats(place)["count"].as_i64().unwrap(),
        2 * count,
        "the copies count too"
    );
    let out = bin()
        .args([
            "register",
            "stats",
            "doan-vao",
            "--commune",
            "Không Có Xã Này",
        ])
        .args(["--from", "2026-01-01", "--to", "2026-12-31", "--db", &db])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Không tìm thấy xã, phường") && err.contains("no commune named"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
