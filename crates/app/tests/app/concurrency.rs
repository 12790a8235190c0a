//! Several officers at once: the reads that decide a write happen in its transaction, and
//! writers queue instead of failing.

use app::plans::StatusChange;
use app::tasks::NewTaskInput;
use domain::text::{SectionText, TaskText};

use crate::support::worlds;

#[tokio::test]
async fn sections_added_at_once_take_distinct_places() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        let app = &w.app;
        let parent = app.plan_view(&w.office, w.plan).await.unwrap().sections[0].id;
        let adds = (0..8).map(|i| {
            let (app, office, plan) = (app.clone(), w.office.clone(), w.plan);
            tokio::spawn(async move {
                let text = SectionText::parse(&format!("{}.", i + 3), &format!("Mục thêm {i}"), "")
                    .unwrap();
                app.add_section(&office, plan, Some(parent), &text, None)
                    .await
            })
        });
        for r in futures_join(adds.collect()).await {
            r.expect("every writer succeeds");
        }
        let sections = app.plan_view(&w.office, w.plan).await.unwrap().sections;
        let mut positions: Vec<i64> = sections.iter().map(|s| s.position).collect();
        let n = positions.len();
        positions.sort();
        positions.dedup();
        assert_eq!(positions.len(), n, "no two sections share a place");
        assert_eq!(positions, (0..n as i64).collect::<Vec<_>>());
    }
}

#[tokio::test]
async fn many_writers_at_once_all_succeed() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        let app = &w.app;
        let before = app.plan_occurrences(&w.office, w.plan).await.unwrap().len();
        let writers = (0..8).map(|i| {
            let (app, office, plan) = (app.clone(), w.office.clone(), w.plan);
            tokio::spawn(async move {
                for j in 0..5 {
                    let input = NewTaskInput {
                        section: None,
                        text: TaskText::parse(&format!("Việc {i}-{j}")).unwrap(),
                        lead: None,
                        timeframe: "Hằng quý".into(),
                    };
                    app.add_task(&office, plan, input, None).await?;
                }
                Ok::<_, app::Error>(())
            })
        });
        for r in futures_join(writers.collect()).await {
            r.expect("no writer fails with a locked database");
        }
        let after = app.plan_occurrences(&w.office, w.plan).await.unwrap();
        assert_eq!(after.len(), before + 40);
    }
}

#[tokio::test]
async fn two_officers_pressing_submit_at_once_move_the_plan_once() {
    if samples::missing() {
        return;
    }
    for w in worlds().await {
        let app = &w.app;
        let (a, b) = tokio::join!(
            app.change_status(&w.office, w.plan, StatusChange::Submit, None),
            app.change_status(&w.leader, w.plan, StatusChange::Submit, None),
        );
        assert_eq!(
            [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(),
            1,
            "{a:?} {b:?}"
        );
        let v = app.plan_view(&w.office, w.plan).await.unwrap();
        let submits = v
            .history
            .rows
            .iter()
            .filter(|h| h.after.contains("Trình ký"))
            .count();
        assert_eq!(submits, 1);
    }
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}
