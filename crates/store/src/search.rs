//! Word search over folded texts (DESIGN.md, "Search"): FTS5 on SQLite, a GIN-indexed
//! `to_tsvector('simple', …)` on PostgreSQL, both over the `*_folded` columns that
//! [`crate::fold`] fills. Every word of the query must appear whole ("doan" does not find
//! "doanh"), except the last, which may be the start of a word still being typed. User words
//! are always quoted in the engine's query language, so nothing typed is read as an
//! operator.

use crate::{Backend, fold};

/// What can be searched: a table with a folded text column and its full-text index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Searchable {
    /// `tasks.text_folded` (index `tasks_fts` / `tasks_text_search`).
    Tasks,
    /// `plans.title_folded` (index `plans_fts` / `plans_title_search`).
    Plans,
    /// `register_entries.text_folded`: searched within one commune's register only, so
    /// row by row ([`Lookup::Rows`]); it has no full-text index.
    Entries,
}

/// How a search condition finds its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Through the full-text index: for searches over many communes, where the index
    /// narrows the rows. The index reads every match in the database, so it costs as much
    /// as the country has matching rows.
    Index,
    /// Each row of an already narrow set (one commune's list) is tested on its folded text:
    /// the cost is that of the set, whatever the rest of the country holds. Folded texts
    /// are words of letters and digits joined by single spaces ([`crate::fold`]), so
    /// `' word '` standing in `' ' || text || ' '` is exactly "the whole word is there",
    /// and `' word'` "a word starts with it": the index's own meaning.
    Rows,
}

impl Lookup {
    /// The lookup for a search over these communes: one commune's rows are few enough to
    /// test each; over several, the index narrows them.
    pub(crate) fn over(commune_ids: &[i64]) -> Lookup {
        if commune_ids.len() == 1 {
            Lookup::Rows
        } else {
            Lookup::Index
        }
    }
}

/// A condition on the row alias `alias` that holds when the row matches `query`, with the
/// values to bind from parameter `$param` on, in order; `None` when the query has no words
/// (then nothing is filtered).
pub(crate) fn condition(
    backend: Backend,
    what: Searchable,
    lookup: Lookup,
    alias: &str,
    param: usize,
    query: &str,
) -> Option<(String, Vec<String>)> {
    let folded = fold(query);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let (last, rest) = words.split_last()?;
    let (fts, column) = match what {
        Searchable::Tasks => ("tasks_fts", "text_folded"),
        Searchable::Plans => ("plans_fts", "title_folded"),
        Searchable::Entries => ("", "text_folded"),
    };
    let lookup = match what {
        Searchable::Entries => Lookup::Rows,
        _ => lookup,
    };
    Some(match (lookup, backend) {
        (Lookup::Rows, backend) => {
            // A substring position, not LIKE: SQLite prepares a statement again at every
            // new value bound to a LIKE pattern (it may change the plan), which cost more
            // than the search itself.
            let text = format!("' ' || {alias}.{column} || ' '");
            let conditions: Vec<String> = (0..words.len())
                .map(|i| match backend {
                    Backend::Sqlite => format!("instr({text}, ${}) > 0", param + i),
                    Backend::Postgres => format!("strpos({text}, ${}) > 0", param + i),
                })
                .collect();
            let mut values: Vec<String> = rest.iter().map(|w| format!(" {w} ")).collect();
            values.push(format!(" {last}"));
            (format!("({})", conditions.join(" AND ")), values)
        }
        (Lookup::Index, Backend::Sqlite) => {
            // FTS5: "word" is a phrase of one word; "word"* a prefix; juxtaposition is AND.
            let mut q: Vec<String> = rest.iter().map(|w| format!("\"{w}\"")).collect();
            q.push(format!("\"{last}\"*"));
            (
                format!("{alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ${param})"),
                vec![q.join(" ")],
            )
        }
        (Lookup::Index, Backend::Postgres) => {
            // tsquery: 'word' is a quoted lexeme; :* a prefix; & is AND.
            let mut q: Vec<String> = rest.iter().map(|w| format!("'{w}'")).collect();
            q.push(format!("'{last}':*"));
            (
                format!(
                    "to_tsvector('simple', {alias}.{column}) @@ to_tsquery('simple', ${param})"
                ),
                vec![q.join(" & ")],
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_quoted_and_the_last_is_a_prefix() {
        let (sql, q) = condition(
            Backend::Sqlite,
            Searchable::Tasks,
            Lookup::Index,
            "t",
            3,
            "Đoàn  RA",
        )
        .unwrap();
        assert_eq!(
            sql,
            "t.id IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH $3)"
        );
        assert_eq!(q, ["\"doan\" \"ra\"*"]);
        let (sql, q) = condition(
            Backend::Postgres,
            Searchable::Plans,
            Lookup::Index,
            "p",
            2,
            "kế hoạch",
        )
        .unwrap();
        assert_eq!(
            sql,
            "to_tsvector('simple', p.title_folded) @@ to_tsquery('simple', $2)"
        );
        assert_eq!(q, ["'ke' & 'hoach':*"]);
    }

    #[test]
    fn a_narrow_set_is_tested_row_by_row_for_whole_words_and_a_last_prefix() {
        for (backend, position) in [(Backend::Sqlite, "instr"), (Backend::Postgres, "strpos")] {
            let (sql, q) =
                condition(backend, Searchable::Tasks, Lookup::Rows, "t", 4, "Đoàn  RA").unwrap();
            assert_eq!(
                sql,
                format!(
                    "({position}(' ' || t.text_folded || ' ', $4) > 0 AND \
                     {position}(' ' || t.text_folded || ' ', $5) > 0)"
                )
            );
            assert_eq!(q, [" doan ", " ra"]);
        }
    }

    #[test]
    fn operators_and_quotes_typed_by_users_are_only_spaces() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let (_, q) = condition(
                backend,
                Searchable::Tasks,
                Lookup::Index,
                "t",
                1,
                "a\" OR b' | !c & NEAR(d)*",
            )
            .unwrap();
            let q = q.concat();
            let words: String = q.chars().filter(|c| c.is_alphanumeric()).collect();
            assert_eq!(words, "aorbcneard");
            assert!(!q.contains("OR ") && !q.contains('|') && !q.contains('!'));
        }
        assert!(
            condition(
                Backend::Sqlite,
                Searchable::Tasks,
                Lookup::Rows,
                "t",
                1,
                " %% -- "
            )
            .is_none()
        );
    }
}
