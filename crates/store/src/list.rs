//! One way to list (issue 13, point 4): every list is a SELECT with its conditions and binds,
//! an order chosen from the list's declared sort keys, and a page — all in SQL. A page and
//! the list's total come from one statement (`COUNT(*) OVER ()`); a page past the end is the
//! last page; a CSV export is the same SELECT without the page.

use sqlx::any::AnyRow;

use crate::{Db, Result};

/// Which page of a list, 1-based, and how many rows a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: i64,
    pub per_page: i64,
}

impl PageRequest {
    /// The largest page a request may ask for (API `limit`).
    pub const MAX_PER_PAGE: i64 = 1000;

    /// Page `page` of `per_page` rows; both clamped to sense (page ≥ 1, 1 ≤ per_page ≤
    /// [`PageRequest::MAX_PER_PAGE`]).
    pub fn new(page: i64, per_page: i64) -> PageRequest {
        PageRequest {
            page: page.max(1),
            per_page: per_page.clamp(1, PageRequest::MAX_PER_PAGE),
        }
    }

    /// The first page of 50 rows (the pages' default).
    pub fn first() -> PageRequest {
        PageRequest::new(1, 50)
    }

    /// The page that starts at row `offset` (the API's `offset`/`limit`).
    pub fn at_offset(offset: i64, limit: i64) -> PageRequest {
        let per = limit.clamp(1, PageRequest::MAX_PER_PAGE);
        PageRequest::new(offset.max(0) / per + 1, per)
    }

    fn offset(self) -> i64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

/// One page of a list and where it stands.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub rows: Vec<T>,
    /// The page shown (the last one when more was asked for).
    pub page: i64,
    pub pages: i64,
    /// Rows of the whole list.
    pub total: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            rows: self.rows.into_iter().map(f).collect(),
            page: self.page,
            pages: self.pages,
            total: self.total,
            per_page: self.per_page,
        }
    }

    /// A page of rows already in hand (a list small by nature).
    pub fn of_all(rows: Vec<T>) -> Page<T> {
        let total = rows.len() as i64;
        Page {
            rows,
            page: 1,
            pages: 1,
            total,
            per_page: total.max(1),
        }
    }
}

/// A list's ways of ordering: the stable code of its `sort` parameter, the label of the
/// choice in the "Sắp xếp" select, and the ORDER BY it means. The first of `ALL` is the
/// default; an unknown code (typed by hand) is the default too.
pub trait SortKey: Copy + Eq + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label_vi(self) -> &'static str;
    /// The ORDER BY clause, ending with a unique key so pages never overlap.
    fn order_sql(self) -> &'static str;

    fn parse(code: &str) -> Self {
        Self::ALL
            .iter()
            .copied()
            .find(|s| s.code() == code)
            .unwrap_or(Self::ALL[0])
    }
}

/// Declares a sort enum: `sorts!(Name { Variant = ("code", "Nhãn", "ORDER BY sql"), … })`.
macro_rules! sorts {
    ($(#[$doc:meta])* $name:ident { $($v:ident = ($code:literal, $label:literal, $sql:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($v),+ }
        impl $crate::list::SortKey for $name {
            const ALL: &'static [Self] = &[$($name::$v),+];
            fn code(self) -> &'static str { match self { $($name::$v => $code),+ } }
            fn label_vi(self) -> &'static str { match self { $($name::$v => $label),+ } }
            fn order_sql(self) -> &'static str { match self { $($name::$v => $sql),+ } }
        }
    };
}
pub(crate) use sorts;

/// A value bound to a dynamically built query.
#[derive(Debug, Clone)]
pub(crate) enum Bind {
    Int(i64),
    Text(String),
}

type AnyArgs = sqlx::any::AnyArguments;

impl Bind {
    pub(crate) fn on<'q, O>(
        &self,
        q: sqlx::query::QueryAs<'q, sqlx::Any, O, AnyArgs>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, AnyArgs> {
        match self {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        }
    }
    fn on_scalar<'q, O>(
        &self,
        q: sqlx::query::QueryScalar<'q, sqlx::Any, O, AnyArgs>,
    ) -> sqlx::query::QueryScalar<'q, sqlx::Any, O, AnyArgs> {
        match self {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        }
    }
}

/// A list's SELECT before ordering and paging, with its binds in order (`$1`, `$2`, …).
pub(crate) struct ListSql {
    pub select: String,
    pub binds: Vec<Bind>,
    pub order: &'static str,
}

impl ListSql {
    pub(crate) fn new(order: &'static str) -> ListSql {
        ListSql {
            select: String::new(),
            binds: Vec::new(),
            order,
        }
    }

    /// Adds a bind and returns its placeholder number.
    pub(crate) fn bind(&mut self, b: Bind) -> usize {
        self.binds.push(b);
        self.binds.len()
    }

    /// The page `req` asks for; past the end, the last page.
    pub(crate) async fn page<T>(&self, db: &mut Db, req: PageRequest) -> Result<Page<T>>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
    {
        let (mut rows, mut total) = self.fetch::<T>(db, req).await?;
        let mut req = req;
        if rows.is_empty() && req.page > 1 {
            total = self.count(db).await?;
            let last = ((total + req.per_page - 1) / req.per_page).max(1);
            if last < req.page {
                req.page = last;
                let (r, t) = self.fetch::<T>(db, req).await?;
                rows = r;
                total = t.max(total);
            }
        }
        let pages = ((total + req.per_page - 1) / req.per_page).max(1);
        Ok(Page {
            rows,
            page: req.page.min(pages),
            pages,
            total,
            per_page: req.per_page,
        })
    }

    /// Every row, in order, no page (exports).
    pub(crate) async fn all<T>(&self, db: &mut Db) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
    {
        let sql = format!(
            "SELECT r.* FROM ({}) AS r ORDER BY {}",
            self.select, self.order
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for b in &self.binds {
            q = b.on(q);
        }
        Ok(q.fetch_all(db.c()).await?)
    }

    async fn fetch<T>(&self, db: &mut Db, req: PageRequest) -> Result<(Vec<T>, i64)>
    where
        T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
    {
        let sql = format!(
            "SELECT r.*, COUNT(*) OVER () AS total_rows FROM ({}) AS r ORDER BY {} \
             LIMIT {} OFFSET {}",
            self.select,
            self.order,
            req.per_page,
            req.offset()
        );
        let mut q = sqlx::query_as::<_, Counted<T>>(sqlx::AssertSqlSafe(sql));
        for b in &self.binds {
            q = b.on(q);
        }
        let rows = q.fetch_all(db.c()).await?;
        let total = rows.first().map_or(0, |r| r.total_rows);
        Ok((rows.into_iter().map(|r| r.row).collect(), total))
    }

    async fn count(&self, db: &mut Db) -> Result<i64> {
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM ({}) AS counted",
            self.select
        )));
        for b in &self.binds {
            q = b.on_scalar(q);
        }
        Ok(q.fetch_one(db.c()).await?)
    }
}

/// A row with the count of its list.
struct Counted<T> {
    row: T,
    total_rows: i64,
}

impl<'r, T: sqlx::FromRow<'r, AnyRow>> sqlx::FromRow<'r, AnyRow> for Counted<T> {
    fn from_row(row: &'r AnyRow) -> std::result::Result<Self, sqlx::Error> {
        use sqlx::Row;
        Ok(Counted {
            row: T::from_row(row)?,
            total_rows: row.try_get("total_rows")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_requests_are_clamped_and_offsets_map_to_pages() {
        let r = PageRequest::new(0, 0);
        assert_eq!((r.page, r.per_page, r.offset()), (1, 1, 0));
        assert_eq!(PageRequest::new(3, 50).offset(), 100);
        assert_eq!(PageRequest::new(1, 5000).per_page, 1000);
        let r = PageRequest::at_offset(200, 100);
        assert_eq!((r.page, r.per_page), (3, 100));
    }

    sorts!(Demo {
        A = ("", "Mặc định", "id"),
        B = ("name", "Tên", "name, id"),
    });

    #[test]
    fn an_unknown_sort_code_is_the_default() {
        assert_eq!(Demo::parse("name"), Demo::B);
        assert_eq!(Demo::parse("'; DROP TABLE x"), Demo::A);
        assert_eq!(Demo::ALL.len(), 2);
    }
}
