//! `/api/v1/registers`: the twelve registers through the same use cases as the pages, and
//! their part of the OpenAPI description, generated from the register definitions (each
//! register's values are a schema of its fields: type, list of values, required, personal).
//!
//! Values travel as JSON of their type: text and list codes as strings, dates as
//! "YYYY-MM-DD", counts and amounts as numbers, flags as booleans, countries as ISO alpha-2
//! codes (a list for a route), people as arrays of their columns, disbursements as
//! `{"date", "amount_vnd"}`. Input may also give any value as the text a form accepts.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use domain::register::{Entry, EntryState, FieldType, Register, RegisterKind, Value};
use serde::Deserialize;
use serde_json::{Value as Json_, json};

use app::registers::{EntryInput, EntryQuery};
use app::{EntrySort, PageRequest, SortKey};

use super::{ApiBody, ApiResult, ApiUser, Id, bad};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/registers", get(overview))
        .route("/api/v1/registers/{slug}", get(list).post(create))
        .route("/api/v1/registers/{slug}/stats", get(stats))
        .route("/api/v1/registers/{slug}/import", post(import))
        .route("/api/v1/registers/{slug}/{id}", get(entry).patch(update))
        .route("/api/v1/registers/{slug}/{id}/files", post(attach_file))
        .route(
            "/api/v1/registers/{slug}/{id}/files/{file}",
            get(download_file).delete(remove_file),
        )
}

fn kind_of(slug: &str) -> ApiResult<RegisterKind> {
    RegisterKind::parse(slug).ok_or_else(|| app::Error::NotFound.into())
}

/// A value as JSON of its type.
fn value_json(v: &Value) -> Json_ {
    match v {
        Value::Text(t) => json!(t),
        Value::Date(d) => json!(d.to_string()),
        Value::Int(n) => json!(n),
        Value::Choice(c) => json!(c.code),
        Value::Country(c) => json!(c.alpha2),
        Value::Countries(cs) => json!(cs.iter().map(|c| c.alpha2).collect::<Vec<_>>()),
        Value::Flag(b) => json!(b),
        Value::People(p) => json!(p.iter().map(|x| x.columns().to_vec()).collect::<Vec<_>>()),
        Value::Disbursements(d) => json!(
            d.iter()
                .map(|(date, a)| json!({"date": date.to_string(), "amount_vnd": a}))
                .collect::<Vec<_>>()
        ),
    }
}

fn values_json(r: &Register, e: &Entry) -> Json_ {
    let mut m = serde_json::Map::new();
    for f in r.fields {
        if let Some(v) = e.get(f.key) {
            m.insert(f.key.to_string(), value_json(v));
        }
    }
    Json_::Object(m)
}

/// A JSON value as the text the field's parser reads.
fn value_text(ty: FieldType, v: &Json_) -> String {
    match v {
        Json_::Null => String::new(),
        Json_::String(s) => s.clone(),
        Json_::Bool(b) => if *b { "có" } else { "không" }.into(),
        Json_::Number(n) => n.to_string(),
        Json_::Array(items) => match ty {
            FieldType::People(_) => items
                .iter()
                .map(|p| match p {
                    Json_::Array(cols) => cols
                        .iter()
                        .map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join("; "),
                    other => other.as_str().unwrap_or_default().to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            FieldType::Disbursements => items
                .iter()
                .map(|d| {
                    let date = d["date"].as_str().unwrap_or_default();
                    let amount = &d["amount_vnd"];
                    format!(
                        "{date}; {}",
                        amount
                            .as_str()
                            .map_or_else(|| amount.to_string(), str::to_string)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            _ => items
                .iter()
                .map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
        },
        Json_::Object(_) => v.to_string(),
    }
}

#[derive(Deserialize, Default)]
struct EntryBody {
    commune: Option<i64>,
    state: Option<String>,
    task: Option<i64>,
    unit: Option<i64>,
    version: Option<i64>,
    #[serde(default)]
    values: BTreeMap<String, Json_>,
}

fn input_of(r: &'static Register, b: EntryBody) -> ApiResult<EntryInput> {
    let state = match b.state.as_deref() {
        None => None,
        Some(code) => Some(
            EntryState::parse(code)
                .ok_or_else(|| bad(format!("Trạng thái “{code}” không hợp lệ.")))?,
        ),
    };
    for k in b.values.keys() {
        if r.field(k).is_none() {
            return Err(bad(format!("Sổ {} không có thông tin “{k}”.", r.short)));
        }
    }
    let values = r
        .fields
        .iter()
        .filter_map(|f| {
            b.values
                .get(f.key)
                .map(|v| (f.key.to_string(), value_text(f.ty, v)))
        })
        .collect();
    Ok(EntryInput {
        values,
        state,
        task: b.task,
        unplanned: b.task.is_none(),
        unit: b.unit,
        version: b.version,
    })
}

#[derive(Deserialize, Default)]
struct CommuneParam {
    commune: Option<i64>,
}

async fn overview(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    super::ApiQuery(q): super::ApiQuery<CommuneParam>,
) -> ApiResult<Response> {
    let v = state
        .app
        .registers_overview(&u, q.commune)
        .await?
        .ok_or_else(|| bad("Vui lòng cho biết xã, phường (commune)."))?;
    let registers: Vec<Json_> = v
        .registers
        .iter()
        .map(|r| {
            json!({
                "slug": r.kind.slug(),
                "name": r.kind.def().name,
                "entries": r.entries,
                "due_within_30_days": r.due_soon,
                "overdue": r.overdue,
            })
        })
        .collect();
    Ok(Json(json!({"commune": v.commune.id, "registers": registers})).into_response())
}

#[derive(Deserialize, Default)]
struct ListParams {
    commune: Option<i64>,
    state: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    country: Option<String>,
    due: Option<bool>,
    sort: Option<String>,
    offset: Option<i64>,
    limit: Option<i64>,
}

fn date(s: &Option<String>, what: &str) -> ApiResult<Option<chrono::NaiveDate>> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(t) => domain::register::parse_date(t)
            .map(Some)
            .ok_or_else(|| bad(format!("{what}: “{t}” không phải là ngày (YYYY-MM-DD)."))),
    }
}

async fn list(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(slug): Id<String>,
    super::ApiQuery(q): super::ApiQuery<ListParams>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let query = EntryQuery {
        commune: q.commune,
        state: q.state.as_deref().and_then(EntryState::parse),
        from: date(&q.from, "from")?,
        to: date(&q.to, "to")?,
        query: q.q.unwrap_or_default(),
        country: q
            .country
            .as_deref()
            .and_then(domain::register::country)
            .map(|c| c.alpha2.to_string()),
        only_due: q.due.unwrap_or(false),
        sort: q.sort.as_deref().map(EntrySort::parse),
        without_values: false,
    };
    let max = state.app.config().limits.max_api_limit;
    let page = PageRequest::at_offset(q.offset.unwrap_or(0), q.limit.unwrap_or(100).min(max));
    let v = state
        .app
        .register_list(&u, kind, &query, Some(page))
        .await?;
    let r = v.register;
    let entries: Vec<Json_> = v
        .entries
        .rows
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "title": e.title,
                "state": e.state.code(),
                "date": e.on_date,
                "end_date": e.end_date,
                "members": e.members,
                "due": e.due.as_ref().map(|d| json!({"on": d.0, "what": d.1})),
                "task": e.in_plan,
                "has_personal_data": e.has_personal,
                "values": values_json(r, &e.entry),
            })
        })
        .collect();
    Ok(
        Json(json!({"total": v.entries.total, "entries": entries, "figures": v.figures}))
            .into_response(),
    )
}

async fn entry(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((slug, id)): Id<(String, i64)>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let v = state.app.entry_view(&u, id, PageRequest::first()).await?;
    if v.register.kind != kind {
        return Err(app::Error::NotFound.into());
    }
    Ok(Json(json!({
        "id": v.id,
        "commune": v.commune.id,
        "register": kind.slug(),
        "state": v.state.code(),
        "next_states": v.next_states.iter().map(|s| s.code()).collect::<Vec<_>>(),
        "version": v.version,
        "task": v.task.as_ref().map(|t| t.0),
        "unplanned": v.unplanned,
        "unit": v.unit_id,
        "due": v.due.as_ref().map(|d| json!({"on": d.0, "what": d.1})),
        "personal_data_hidden": v.personal_hidden,
        "plan": v.planned_in.as_ref().map(|p| p.0),
        "files": v.files.iter().map(|f| json!({
            "id": f.id,
            "name": f.filename,
            "content_type": f.content_type,
            "size_bytes": f.size_bytes,
            "uploaded_by": f.uploaded_by,
            "uploaded_at": f.uploaded_at,
        })).collect::<Vec<_>>(),
        "files_hidden": v.files_hidden,
        "values": values_json(v.register, &v.entry),
    }))
    .into_response())
}

async fn create(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(slug): Id<String>,
    ApiBody(b, key): ApiBody<EntryBody>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let commune = b.commune;
    let input = input_of(kind.def(), b)?;
    let id = state
        .app
        .create_entry(&u, key.as_ref(), kind, commune, input)
        .await?;
    Ok(super::v1::created(id.0))
}

async fn update(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((slug, id)): Id<(String, i64)>,
    ApiBody(b, key): ApiBody<EntryBody>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let input = input_of(kind.def(), b)?;
    state
        .app
        .update_entry(&u, key.as_ref(), kind, id, input)
        .await?;
    Ok(Json(json!({"id": id})).into_response())
}

#[derive(Deserialize)]
struct FileUpload {
    file: super::v1::FileBody,
}

async fn attach_file(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((slug, id)): Id<(String, i64)>,
    ApiBody(b, key): ApiBody<FileUpload>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let file = b.file.decode()?;
    let f = state
        .app
        .attach_entry_file(&u, key.as_ref(), kind, id, Some(file))
        .await?;
    Ok(super::v1::created(f.0))
}

async fn download_file(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((slug, id, file)): Id<(String, i64, i64)>,
) -> ApiResult<Response> {
    kind_of(&slug)?;
    let (name, ct, bytes) = state.app.entry_file(&u, id, file).await?;
    Ok(crate::ui::file_download(&name, &ct, bytes))
}

async fn remove_file(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id((slug, id, file)): Id<(String, i64, i64)>,
    super::ApiKey(key): super::ApiKey,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    state
        .app
        .remove_entry_file(&u, key.as_ref(), kind, id, file)
        .await?;
    Ok(axum::http::StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
struct StatsParams {
    commune: Option<i64>,
    from: String,
    to: String,
}

async fn stats(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(slug): Id<String>,
    super::ApiQuery(q): super::ApiQuery<StatsParams>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let commune = q
        .commune
        .or(u.commune_id)
        .ok_or_else(|| bad("Vui lòng cho biết xã, phường (commune)."))?;
    let from = date(&Some(q.from), "from")?.ok_or_else(|| bad("Thiếu ngày đầu kỳ (from)."))?;
    let to = date(&Some(q.to), "to")?.ok_or_else(|| bad("Thiếu ngày cuối kỳ (to)."))?;
    let f = state
        .app
        .register_figures(&u, kind, commune, from, to)
        .await?;
    let mut v = serde_json::to_value(&f).map_err(|e| app::Error::Internal(e.to_string()))?;
    v["kind"] = json!(kind.slug());
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
struct ImportBody {
    commune: Option<i64>,
    file: super::v1::FileBody,
    /// Per column of the heading row: a field key, "state", or "" to ignore it.
    mapping: Option<Vec<String>>,
    #[serde(default)]
    dry_run: bool,
}

async fn import(
    State(state): State<AppState>,
    ApiUser(u): ApiUser,
    Id(slug): Id<String>,
    ApiBody(b, key): ApiBody<ImportBody>,
) -> ApiResult<Response> {
    let kind = kind_of(&slug)?;
    let bytes = B64
        .decode(b.file.content_base64.trim())
        .map_err(|_| bad("Nội dung tệp không phải base64 hợp lệ."))?;
    let r = state
        .app
        .import_entries(
            app::org::Who::User(&u),
            key.as_ref(),
            kind,
            b.commune,
            &bytes,
            b.mapping.as_deref(),
            b.dry_run,
        )
        .await?;
    let status = if r.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = json!({
        "register": kind.slug(),
        "heading_row": r.heading_row,
        "columns": r.headings.iter().zip(&r.mapping).map(|(h, m)| json!({
            "heading": h,
            "field": m.map(|t| t.code()),
        })).collect::<Vec<_>>(),
        "rows": r.rows,
        "errors": r.errors,
        "created": r.created,
        "dry_run": b.dry_run,
    });
    Ok((status, Json(body)).into_response())
}

/// The JSON Schema of a field's value.
fn field_schema(f: &domain::register::Field) -> Json_ {
    let mut s = match f.ty {
        FieldType::Text | FieldType::LongText => json!({"type": "string"}),
        FieldType::Link => json!({"type": "string", "format": "uri"}),
        FieldType::Date => json!({"type": "string", "format": "date"}),
        FieldType::Count | FieldType::Money => json!({"type": "integer", "minimum": 0}),
        FieldType::Year => json!({"type": "integer", "minimum": 1900, "maximum": 2100}),
        FieldType::Choice(list) => json!({
            "type": "string",
            "enum": list.iter().map(|c| c.code).collect::<Vec<_>>(),
            "x-labels": list.iter().map(|c| (c.code, c.label)).collect::<BTreeMap<_, _>>(),
        }),
        FieldType::Country => json!({"type": "string", "description": "ISO 3166-1 alpha-2"}),
        FieldType::Countries => json!({"type": "array", "items": {"type": "string"}}),
        FieldType::Flag => json!({"type": "boolean"}),
        FieldType::People(cols) => json!({
            "type": "array",
            "items": {"type": "array", "items": {"type": "string"}, "maxItems": cols.len()},
            "x-columns": cols,
        }),
        FieldType::Disbursements => json!({
            "type": "array",
            "items": {"type": "object", "properties": {
                "date": {"type": "string", "format": "date"},
                "amount_vnd": {"type": "integer", "minimum": 0}
            }},
        }),
    };
    s["title"] = json!(f.label);
    if f.personal {
        s["x-personal"] = json!(true);
    }
    if let Some(st) = f.needed_from {
        s["x-required-from-state"] = json!(st.code());
    }
    s
}

/// The registers' part of the OpenAPI description: a values schema per register and its
/// paths, from the definitions.
pub fn openapi_part() -> (
    serde_json::Map<String, Json_>,
    serde_json::Map<String, Json_>,
) {
    let mut schemas = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    let ok = |d: &str| json!({"description": d});
    let error = json!({"description": "Lỗi", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    for kind in RegisterKind::ALL {
        let r = kind.def();
        let name = format!("Register_{}", r.slug.replace('-', "_"));
        let props: serde_json::Map<String, Json_> = r
            .fields
            .iter()
            .map(|f| (f.key.to_string(), field_schema(f)))
            .collect();
        let required: Vec<&str> = r
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect();
        schemas.insert(
            name.clone(),
            json!({
                "title": r.name,
                "description": format!("{}. Trạng thái: {}.", r.basis,
                    r.states.iter().map(|s| format!("{} ({})", s.code(), s.label_vi())).collect::<Vec<_>>().join(", ")),
                "type": "object",
                "properties": props,
                "required": required,
                "additionalProperties": false,
            }),
        );
        let body = json!({"content": {"application/json": {"schema": {
            "type": "object",
            "properties": {
                "commune": {"type": "integer"},
                "state": {"type": "string", "enum": r.states.iter().map(|s| s.code()).collect::<Vec<_>>()},
                "task": {"type": "integer"},
                "unit": {"type": "integer"},
                "version": {"type": "integer"},
                "values": {"$ref": format!("#/components/schemas/{name}")}
            },
            "required": ["values"]
        }}}});
        let base = format!("/api/v1/registers/{}", r.slug);
        paths.insert(
            base.clone(),
            json!({
                "get": {"summary": format!("{}: danh sách và số liệu", r.short), "tags": ["Sổ theo dõi"],
                        "parameters": [
                            {"name": "commune", "in": "query", "schema": {"type": "integer"}},
                            {"name": "state", "in": "query", "schema": {"type": "string"}},
                            {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
                            {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}},
                            {"name": "q", "in": "query", "schema": {"type": "string"}},
                            {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                            {"name": "limit", "in": "query", "schema": {"type": "integer"}}
                        ],
                        "responses": {"200": ok("Các bản ghi (không có dữ liệu cá nhân) và số liệu của kỳ"), "403": error}},
                "post": {"summary": format!("{}: ghi mới", r.short), "tags": ["Sổ theo dõi"],
                         "requestBody": body.clone(),
                         "responses": {"201": ok("Đã ghi; {\"id\": …}"), "400": error, "403": error}}
            }),
        );
        paths.insert(
            format!("{base}/{{id}}"),
            json!({
                "get": {"summary": format!("{}: một bản ghi (dữ liệu cá nhân chỉ cho vai trò được phép; mỗi lần xem được ghi nhật ký)", r.short),
                        "tags": ["Sổ theo dõi"],
                        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                        "responses": {"200": ok("Bản ghi"), "403": error, "404": error}},
                "patch": {"summary": format!("{}: sửa, chuyển trạng thái", r.short), "tags": ["Sổ theo dõi"],
                          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                          "requestBody": body,
                          "responses": {"200": ok("Đã lưu"), "400": error, "403": error, "409": error}}
            }),
        );
        let file_params = json!([
            {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
            {"name": "file", "in": "path", "required": true, "schema": {"type": "integer"}}
        ]);
        paths.insert(
            format!("{base}/{{id}}/files"),
            json!({"post": {"summary": format!("{}: đính kèm tệp vào bản ghi", r.short), "tags": ["Sổ theo dõi"],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                    "file": {"$ref": "#/components/schemas/File"}}, "required": ["file"]}}}},
                "responses": {"201": ok("Đã đính kèm; {\"id\": …}"), "400": error, "403": error, "404": error}}}),
        );
        paths.insert(
            format!("{base}/{{id}}/files/{{file}}"),
            json!({
                "get": {"summary": format!("{}: tải tệp đính kèm (sổ có dữ liệu cá nhân: chỉ vai trò được phép, mỗi lần tải được ghi nhật ký)", r.short),
                        "tags": ["Sổ theo dõi"], "parameters": file_params.clone(),
                        "responses": {"200": ok("Nội dung tệp"), "403": error, "404": error}},
                "delete": {"summary": format!("{}: gỡ (xóa) tệp đính kèm", r.short), "tags": ["Sổ theo dõi"],
                           "parameters": file_params,
                           "responses": {"204": ok("Đã gỡ"), "403": error, "404": error}}
            }),
        );
        paths.insert(
            format!("{base}/stats"),
            json!({"get": {"summary": format!("{}: số liệu của một kỳ (quy tắc kỳ: xem docs/registers.md)", r.short),
                "tags": ["Sổ theo dõi"],
                "parameters": [
                    {"name": "commune", "in": "query", "schema": {"type": "integer"}},
                    {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                    {"name": "to", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}}
                ],
                "responses": {"200": ok("kind, from, to, count, member_trips, distinct_persons, by_country, pledged_vnd, disbursed_vnd, by_state, warnings")}}}),
        );
        paths.insert(
            format!("{base}/import"),
            json!({"post": {"summary": format!("{}: nhập từ bảng tính .xlsx (tất cả hoặc không)", r.short),
                "tags": ["Sổ theo dõi"],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                    "commune": {"type": "integer"},
                    "file": {"$ref": "#/components/schemas/File"},
                    "mapping": {"type": "array", "items": {"type": "string"}},
                    "dry_run": {"type": "boolean"}
                }, "required": ["file"]}}}},
                "responses": {"200": ok("Đã kiểm tra (và nhập khi không có lỗi)"), "422": ok("Có lỗi: errors[] theo dòng và cột; không ghi gì")}}}),
        );
    }
    paths.insert(
        "/api/v1/registers".into(),
        json!({"get": {"summary": "Các sổ theo dõi của xã và số bản ghi", "tags": ["Sổ theo dõi"],
            "parameters": [{"name": "commune", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": ok("registers[]: slug, name, entries, due_within_30_days, overdue")}}}),
    );
    (schemas, paths)
}
