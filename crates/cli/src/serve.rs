//! `doingoai serve` — the web system — and `doingoai user add`.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use domain::access::{Attachment, Role};
use domain::names::{NewPassword, PersonName, Username};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Địa chỉ lắng nghe / Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Cơ sở dữ liệu / Database URL (sqlite://FILE or postgres://…); default: an SQLite file in --data.
    #[arg(long)]
    db: Option<String>,
    /// Thư mục dữ liệu / Data directory for the default SQLite file.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Dữ liệu minh họa / Start on a fresh demo database filled from the sample plans.
    #[arg(long)]
    demo: bool,
    /// Thư mục kế hoạch mẫu cho --demo / Sample plans for --demo.
    #[arg(long, env = "DOINGOAI_SEEDS", default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// Gửi cookie với cờ Secure (khi chạy sau TLS) / Mark cookies Secure (behind TLS).
    #[arg(long)]
    secure_cookies: bool,
}

fn default_db(data: &std::path::Path, name: &str) -> anyhow::Result<String> {
    std::fs::create_dir_all(data).with_context(|| {
        format!(
            "không tạo được thư mục dữ liệu / cannot create {}",
            data.display()
        )
    })?;
    Ok(format!("sqlite://{}?mode=rwc", data.join(name).display()))
}

async fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let url = match (&args.db, args.demo) {
        (Some(u), _) => u.clone(),
        (None, true) => {
            let file = args.data.join("demo.sqlite");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            default_db(&args.data, "demo.sqlite")?
        }
        (None, false) => default_db(&args.data, "doingoai.sqlite")?,
    };
    let store = store::Store::connect(&url)
        .await
        .context("không mở được cơ sở dữ liệu / cannot open the database")?;
    let config = web::Config::default();
    let state = web::AppState::new(
        store.clone(),
        web::Config {
            secure_cookies: args.secure_cookies,
            ..config
        },
    );
    if args.demo {
        if store.user_count().await? > 0 {
            bail!(
                "cơ sở dữ liệu đã có dữ liệu, không nạp dữ liệu minh họa / the database is not empty; --demo needs a fresh one"
            );
        }
        let accounts = web::demo::seed(&store, &args.seeds, state.today())
            .await
            .with_context(|| {
                format!(
                    "không nạp được dữ liệu minh họa từ / cannot load demo data from {}",
                    args.seeds.display()
                )
            })?;
        println!(
            "Tài khoản minh họa / demo accounts (mật khẩu / password: {}):",
            accounts[0].password
        );
        for a in &accounts {
            println!("  {:<12} {:<45} {}", a.username, a.role.label_vi(), a.place);
        }
    } else if store.user_count().await? == 0 {
        println!(
            "Chưa có tài khoản nào. Tạo quản trị viên: doingoai user add admin --role admin\n\
             No account yet. Create the administrator: doingoai user add admin --role admin"
        );
    }
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| format!("không mở được cổng / cannot listen on {}", args.addr))?;
    println!(
        "doingoai đang chạy tại / serving at http://{} (khởi động / started in {} ms)",
        listener.local_addr()?,
        started.elapsed().as_millis()
    );
    web::serve(listener, state).await?;
    store.close().await;
    Ok(())
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("tokio runtime")
}

pub fn run(args: &ServeArgs) -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .try_init();
    match runtime().and_then(|rt| rt.block_on(serve(args))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi / error: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// Tên đăng nhập / Username.
    username: String,
    /// Vai trò / Role: admin, province_officer, commune_leader, commune_office, unit_staff, viewer.
    #[arg(long, default_value = "admin")]
    role: String,
    /// Họ và tên / Display name.
    #[arg(long, default_value = "Quản trị hệ thống")]
    name: String,
    /// Mã tỉnh / Province id (province officers).
    #[arg(long)]
    province: Option<i64>,
    /// Mã xã / Commune id (commune roles).
    #[arg(long)]
    commune: Option<i64>,
    /// Mã đơn vị / Unit id (unit staff).
    #[arg(long)]
    unit: Option<i64>,
    #[arg(long)]
    db: Option<String>,
    #[arg(long, default_value = "data")]
    data: PathBuf,
}

async fn user_add(args: &UserAddArgs) -> anyhow::Result<()> {
    let role = Role::parse(&args.role)
        .with_context(|| format!("vai trò không hợp lệ / unknown role {:?}", args.role))?;
    let username =
        Username::parse(&args.username).map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))?;
    let display_name =
        PersonName::parse(&args.name).map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))?;
    // Each role belongs somewhere (domain::access::Role::needs): say which option is missing.
    match role.needs() {
        Attachment::Province if args.province.is_none() => {
            bail!("vai trò này cần --province / this role needs --province")
        }
        Attachment::Commune if args.commune.is_none() => {
            bail!("vai trò này cần --commune / this role needs --commune")
        }
        Attachment::Unit if args.unit.is_none() => {
            bail!("vai trò này cần --unit / this role needs --unit")
        }
        _ => {}
    }
    let url = match &args.db {
        Some(u) => u.clone(),
        None => default_db(&args.data, "doingoai.sqlite")?,
    };
    let store = store::Store::connect(&url)
        .await
        .context("không mở được cơ sở dữ liệu / cannot open the database")?;
    // The unit's commune, checked to exist (unit staff belong to their unit's commune).
    let unit_commune = match (role.needs(), args.unit) {
        (Attachment::Unit, Some(u)) => Some(
            store
                .unit(u)
                .await
                .map_err(|_| anyhow::anyhow!("không có đơn vị {u} / no unit {u}"))?
                .commune_id,
        ),
        _ => None,
    };
    if let (Attachment::Commune, Some(c)) = (role.needs(), args.commune) {
        store
            .commune(c)
            .await
            .map_err(|_| anyhow::anyhow!("không có xã {c} / no commune {c}"))?;
    }
    if let (Attachment::Province, Some(p)) = (role.needs(), args.province) {
        store
            .province(p)
            .await
            .map_err(|_| anyhow::anyhow!("không có tỉnh {p} / no province {p}"))?;
    }
    eprintln!(
        "Nhập mật khẩu (ít nhất 10 ký tự) / Enter the password (10+ characters), then Enter:"
    );
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let password =
        NewPassword::parse(&password).map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))?;
    let hash = web::hash_password(password.into_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = store
        .create_user(
            None,
            &store::NewUser {
                username: username.as_str().to_string(),
                display_name: display_name.as_str().to_string(),
                password_hash: hash,
                role,
                province_id: args
                    .province
                    .filter(|_| role.needs() == Attachment::Province),
                commune_id: match role.needs() {
                    Attachment::Commune => args.commune,
                    Attachment::Unit => Some(unit_commune.unwrap_or_default()),
                    _ => None,
                },
                unit_id: args.unit.filter(|_| role.needs() == Attachment::Unit),
            },
        )
        .await
        .map_err(|e| match e {
            store::StoreError::Conflict("users_username_key") => {
                anyhow::anyhow!("tên đăng nhập đã có / the username is taken")
            }
            other => anyhow::anyhow!(other),
        })?;
    println!(
        "Đã tạo tài khoản / created user {} ({})",
        user.username,
        role.label_vi()
    );
    store.close().await;
    Ok(())
}

pub fn run_user_add(args: &UserAddArgs) -> ExitCode {
    match runtime().and_then(|rt| rt.block_on(user_add(args))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi / error: {e:#}");
            ExitCode::from(2)
        }
    }
}
