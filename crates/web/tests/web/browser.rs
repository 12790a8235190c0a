//! The main path in a real browser: headless Chromium driven over WebDriver (fantoccini +
//! Debian's chromium-driver). Sign in → import a sample plan → assign a task to a unit →
//! record progress as that unit → the dashboard shows it. Screenshots of every step are kept
//! in `DOINGOAI_ARTIFACTS` (default: `<tmp>/doingoai-browser`) to be looked at.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver`; without them the test is skipped,
//! except under CI (`CI` set), where it must run.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::{PASSWORD, spawn_app};

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tools_present() -> bool {
    let present = ["/usr/bin/chromium", "/usr/bin/chromedriver"]
        .iter()
        .all(|p| std::path::Path::new(p).exists());
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium and chromium-driver for the browser test"
        );
        eprintln!("skipped: chromium or chromedriver is not installed");
    }
    present
}

fn artifacts() -> PathBuf {
    let dir = std::env::var_os("DOINGOAI_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("doingoai-browser"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn start_browser() -> (Driver, Client) {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1280,1000", "--lang=vi"]
        }),
    );
    let mut last = None;
    for _ in 0..50 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (driver, c),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("cannot reach chromedriver: {last:?}");
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    std::fs::write(artifacts().join(format!("{name}.png")), png).unwrap();
}

/// The id of the plan whose page the browser shows (`/plans/N`), waiting up to 20 s for
/// the navigation that a submit started.
async fn wait_for_plan_page(c: &Client) -> i64 {
    let start = std::time::Instant::now();
    loop {
        let url = c.current_url().await.unwrap();
        if let Some(id) = url
            .path()
            .strip_prefix("/plans/")
            .and_then(|rest| rest.parse::<i64>().ok())
        {
            return id;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "still at {url}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn sign_in(c: &Client, base: &str, user: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Css("input[name=username]"))
        .await
        .unwrap()
        .send_keys(user)
        .await
        .unwrap();
    c.find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("form[action='/logout']"))
        .await
        .unwrap();
}

async fn sign_out(c: &Client) {
    c.find(Locator::Css("form[action='/logout'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("input[name=username]"))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_main_path_works_in_a_real_browser() {
    if samples::missing() {
        return;
    }
    if !tools_present() {
        return;
    }
    let app = spawn_app().await;
    let (_driver, c) = start_browser().await;
    let base = app.base.clone();

    // The commune office imports a sample plan.
    sign_in(&c, &base, "office").await;
    shot(&c, "01-dashboard-before").await;
    c.goto(&format!("{base}/plans/new")).await.unwrap();
    let seed = samples::seed_paths()
        .into_iter()
        .nth(2)
        .unwrap()
        .canonicalize()
        .unwrap();
    c.find(Locator::Css("input[type=file][name=file]"))
        .await
        .unwrap()
        .send_keys(seed.to_str().unwrap())
        .await
        .unwrap();
    c.find(Locator::Css("form[action='/plans/import'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("form[action='/plans/import/confirm']"))
        .await
        .unwrap();
    shot(&c, "02-review").await;
    let review = c.source().await.unwrap();
    assert!(review.contains("Kết quả kiểm tra văn bản"));

    // The officer fixes the first task's unit: the unit of the staff account.
    let select = c.find(Locator::Css("select[name=lead_0]")).await.unwrap();
    select.select_by_value(&app.unit.to_string()).await.unwrap();
    let tf = c
        .find(Locator::Css("input[name=timeframe_0]"))
        .await
        .unwrap();
    tf.clear().await.unwrap();
    tf.send_keys("Trước ngày 30/6/2026").await.unwrap();
    // The commune has a 2026 plan already: the review says so, and the officer confirms.
    assert!(review.contains("Xã đã có kế hoạch của năm này"));
    c.find(Locator::Css("input[name=confirm_same_year]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    c.find(Locator::Css(
        "form[action='/plans/import/confirm'] button[type=submit]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    // The review page has an h2 too: wait for the plan's own address, not for an element.
    let plan_id = wait_for_plan_page(&c).await;
    shot(&c, "03-plan").await;
    sign_out(&c).await;

    // The unit's staff find it in "Việc của tôi" and record progress.
    sign_in(&c, &base, "staff").await;
    c.goto(&format!("{base}/mine")).await.unwrap();
    shot(&c, "04-mine").await;
    let tasks = app.tasks_of_plan(plan_id).await;
    let task = &tasks[0];
    assert_eq!(task.lead_unit_id, Some(app.unit));
    c.goto(&format!("{base}/tasks/{}", task.id)).await.unwrap();
    c.find(Locator::Css("select[name=status]"))
        .await
        .unwrap()
        .select_by_value("done")
        .await
        .unwrap();
    c.find(Locator::Css("textarea[name=note]"))
        .await
        .unwrap()
        .send_keys("Đã tổ chức hội nghị tuyên truyền cho 120 đại biểu.")
        .await
        .unwrap();
    c.find(Locator::Css("form[action$='/progress'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("history")).await.unwrap();
    shot(&c, "05-task-after-progress").await;
    assert!(
        c.source()
            .await
            .unwrap()
            .contains("Đã tổ chức hội nghị tuyên truyền cho 120 đại biểu.")
    );
    sign_out(&c).await;

    // The dashboard shows one occurrence done.
    sign_in(&c, &base, "office").await;
    c.goto(&format!("{base}/dashboard")).await.unwrap();
    shot(&c, "06-dashboard-after").await;
    let done = c
        .find(Locator::Css(".stat.ok b"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(done.trim(), "1");
    c.close().await.unwrap();
    eprintln!("screenshots in {}", artifacts().display());
}

#[tokio::test]
async fn an_inbound_delegation_recorded_in_the_browser_falls_due_on_the_dashboard() {
    if samples::missing() {
        return;
    }
    if !tools_present() {
        return;
    }
    let app = spawn_app().await;
    let (_driver, c) = start_browser().await;
    let base = app.base.clone();
    let day = |d: i64| {
        (app.app.today() + chrono::Duration::days(d))
            .format("%d/%m/%Y")
            .to_string()
    };
    sign_in(&c, &base, "office").await;
    c.goto(&format!("{base}/registers")).await.unwrap();
    shot(&c, "11-registers").await;
    c.goto(&format!("{base}/registers/doan-vao/new"))
        .await
        .unwrap();
    for (name, value) in [
        ("f_ten_doan", "Đoàn Sở Ngoại vụ tỉnh Hủa Phăn"),
        ("f_quoc_gia", "Lào"),
        ("f_so_thanh_vien", "2"),
        (
            "f_thanh_vien",
            "Khamla Phommachanh; Lào; P0012345\nSouk Vilay; Lào; P0067890",
        ),
        ("f_ngay_den", &day(2)),
        ("f_ngay_roi", &day(3)),
    ] {
        c.find(Locator::Css(&format!("[name={name}]")))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    shot(&c, "12-new-entry").await;
    c.find(Locator::Css("form.entry-form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("history")).await.unwrap();
    shot(&c, "13-entry").await;
    let page = c.source().await.unwrap();
    assert!(page.contains("Đã lưu bản ghi."), "saved notice");
    assert!(page.contains("P0012345"), "the office sees the members");
    // The visit is two days away without a consent document: the dashboard says so.
    c.goto(&format!("{base}/dashboard")).await.unwrap();
    shot(&c, "14-dashboard").await;
    let due = c
        .find(Locator::Id("registers-due"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(due.contains("(1)"), "{due}");
    let page = c.source().await.unwrap();
    assert!(
        page.contains("Văn bản đồng ý đón đoàn"),
        "the item is named"
    );
    assert!(page.contains("Đoàn Sở Ngoại vụ tỉnh Hủa Phăn"));
    sign_out(&c).await;
    // A viewer sees the delegation and its counts, never the members.
    sign_in(&c, &base, "viewer").await;
    c.goto(&format!("{base}/registers/doan-vao")).await.unwrap();
    shot(&c, "15-viewer-list").await;
    let list = c.source().await.unwrap();
    assert!(list.contains("Đoàn Sở Ngoại vụ tỉnh Hủa Phăn"));
    assert!(!list.contains("Khamla") && !list.contains("P0012345"));
    c.find(Locator::LinkText("Đoàn Sở Ngoại vụ tỉnh Hủa Phăn — Lào"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Id("history")).await.unwrap();
    shot(&c, "16-viewer-entry").await;
    let entry = c.source().await.unwrap();
    assert!(!entry.contains("Khamla") && !entry.contains("P0012345"));
    assert!(entry.contains("không được xem các thông tin này"));
    c.close().await.unwrap();
}

/// Clicks the button a CSS selector names and waits for the page to have `marker` in it.
async fn press(c: &Client, selector: &str, marker: &str) {
    c.find(Locator::Css(selector))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if c.source().await.unwrap().contains(marker) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{marker:?} not shown after {selector}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves the draft, attaches the signed file and sends the report.
async fn save_and_send(c: &Client, signed: &std::path::Path) {
    press(c, "form.report-form > button", "Đã lưu dự thảo báo cáo.").await;
    c.find(Locator::Css("#submit input[type=file]"))
        .await
        .unwrap()
        .send_keys(signed.to_str().unwrap())
        .await
        .unwrap();
    press(c, "#submit button", "Đã gửi báo cáo đến Sở Ngoại vụ.").await;
}

async fn type_into(c: &Client, selector: &str, text: &str) {
    let e = c.find(Locator::Css(selector)).await.unwrap();
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

#[tokio::test]
async fn a_report_is_drafted_corrected_sent_returned_sent_again_and_accepted_in_a_browser() {
    if samples::missing() {
        return;
    }
    if !tools_present() {
        return;
    }
    let app = spawn_app().await;
    let (_driver, c) = start_browser().await;
    let base = app.base.clone();
    let signed = artifacts().join("bao-cao-da-ky.pdf");
    std::fs::write(
        &signed,
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    )
    .unwrap();
    let signed = signed.canonicalize().unwrap();

    // The commune office drafts the 6-month report from the records.
    sign_in(&c, &base, "office").await;
    c.goto(&format!("{base}/reports")).await.unwrap();
    shot(&c, "21-reports").await;
    press(
        &c,
        "form[action='/reports/start']:has(input[name=period][value='6-thang-2026']) button",
        "Lưu dự thảo",
    )
    .await;
    shot(&c, "22-draft").await;
    let draft = c.source().await.unwrap();
    assert!(draft.contains("Số liệu tính từ ngày</b> 15/12/2025 <b>đến ngày</b> 14/06/2026"));
    assert!(draft.contains("Kết quả thực hiện Kế hoạch công tác đối ngoại"));
    let report_url = c.current_url().await.unwrap().to_string();

    // It corrects a paragraph and numbers the report, then sends it with the signed file.
    type_into(&c, "input[name=number]", "12/BC-UBND").await;
    type_into(
        &c,
        "textarea[name=text_I]",
        "Tình hình chính trị, an ninh ổn định.",
    )
    .await;
    save_and_send(&c, &signed).await;
    shot(&c, "23-sent").await;
    assert!(c.source().await.unwrap().contains("Đã gửi, chờ xem xét"));
    sign_out(&c).await;

    // The province officer finds it in the queue and returns it with a comment.
    sign_in(&c, &base, "province").await;
    c.goto(&format!("{base}/province/reports")).await.unwrap();
    shot(&c, "24-queue").await;
    assert!(c.source().await.unwrap().contains("Chờ xem xét (1)"));
    c.goto(&report_url).await.unwrap();
    type_into(
        &c,
        "#review textarea[name=comment]",
        "Đề nghị bổ sung đánh giá kết quả giao lưu với tỉnh kết nghĩa.",
    )
    .await;
    press(
        &c,
        "#review button[value=return]",
        "Đã ghi ý kiến xem xét báo cáo.",
    )
    .await;
    shot(&c, "25-returned").await;
    assert!(
        c.source()
            .await
            .unwrap()
            .contains("Bị trả lại để hoàn thiện")
    );
    sign_out(&c).await;

    // The office reads the comment, completes the report and sends it again.
    sign_in(&c, &base, "office").await;
    c.goto(&report_url).await.unwrap();
    let returned = c.source().await.unwrap();
    assert!(returned.contains("Đề nghị bổ sung đánh giá kết quả giao lưu với tỉnh kết nghĩa."));
    assert!(returned.contains("Tình hình chính trị, an ninh ổn định."));
    type_into(
        &c,
        "textarea[name=text_III]",
        "Giao lưu với tỉnh kết nghĩa được duy trì, đạt kết quả tốt.",
    )
    .await;
    save_and_send(&c, &signed).await;
    sign_out(&c).await;

    // The province accepts it: locked.
    sign_in(&c, &base, "province").await;
    c.goto(&report_url).await.unwrap();
    press(
        &c,
        "#review button[value=accept]",
        "Đã ghi ý kiến xem xét báo cáo.",
    )
    .await;
    shot(&c, "26-accepted").await;
    let accepted = c.source().await.unwrap();
    assert!(accepted.contains("Đã tiếp nhận"));
    assert!(accepted.contains("Giao lưu với tỉnh kết nghĩa được duy trì, đạt kết quả tốt."));
    assert!(!accepted.contains("id=\"review\""));
    // The same page on a phone.
    c.set_window_size(390, 844).await.unwrap();
    shot(&c, "27-accepted-phone").await;
    c.close().await.unwrap();
}
