//! `doingoai serve` — the web system — and `doingoai user add`, `doingoai config`. Each
//! reads its arguments into the declared configuration ([`app::Config`]) and calls the
//! application layer; nothing here touches the database by another path.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use app::App;
use app::org::{NewAccount, Password, Who};
use clap::Args;
use domain::access::Role;

/// Options shared by the commands that open the database.
#[derive(Debug, Args)]
pub(crate) struct DbArgs {
    /// Tệp cấu hình / Configuration file (TOML; docs/configuration.md).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Cơ sở dữ liệu / Database URL (sqlite://FILE or postgres://…); default: an SQLite file in --data.
    #[arg(long)]
    db: Option<String>,
    /// Thư mục dữ liệu / Data directory for the default SQLite file.
    #[arg(long)]
    data: Option<PathBuf>,
}

impl DbArgs {
    /// The configuration: the file's (or the defaults), with the flags given on top.
    pub(crate) fn config(&self) -> anyhow::Result<app::Config> {
        let mut c = match &self.config {
            Some(p) => app::Config::from_file(p)
                .map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))?,
            None => app::Config::default(),
        };
        if let Some(u) = &self.db {
            c.database.url = u.clone();
        }
        if let Some(d) = &self.data {
            c.database.data_dir = d.clone();
        }
        Ok(c)
    }

    /// As [`DbArgs::config`], for a command that works on the server's data: with no
    /// database named and no `doingoai.sqlite` in the data directory but the demo's
    /// `demo.sqlite` there (`serve --demo`), the demo's database — said on standard error.
    pub(crate) fn config_of_server(&self) -> anyhow::Result<app::Config> {
        let mut c = self.config()?;
        let dir = &c.database.data_dir;
        if c.database.url.is_empty()
            && !dir.join("doingoai.sqlite").exists()
            && dir.join("demo.sqlite").exists()
        {
            let file = dir.join("demo.sqlite");
            eprintln!(
                "Dùng cơ sở dữ liệu minh họa / using the demo database {}",
                file.display()
            );
            c.database.url = format!("sqlite://{}", file.display());
        }
        Ok(c)
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Địa chỉ lắng nghe / Address to listen on (default 127.0.0.1:8080).
    #[arg(long)]
    addr: Option<String>,
    /// Dữ liệu minh họa / Start on a fresh demo database (the sample plans, or generated plans without them).
    #[arg(long)]
    demo: bool,
    /// Thư mục kế hoạch mẫu cho --demo / Sample plans for --demo.
    #[arg(long, env = "DOINGOAI_SEEDS", default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// Gửi cookie với cờ Secure (khi chạy sau TLS) / Mark cookies Secure (behind TLS).
    #[arg(long)]
    secure_cookies: bool,
}

fn prepare_dir(c: &app::Config) -> anyhow::Result<()> {
    if c.database.url.is_empty() {
        std::fs::create_dir_all(&c.database.data_dir).with_context(|| {
            format!(
                "không tạo được thư mục dữ liệu / cannot create {}",
                c.database.data_dir.display()
            )
        })?;
    }
    Ok(())
}

pub(crate) async fn open(config: app::Config) -> anyhow::Result<App> {
    prepare_dir(&config)?;
    App::open(config, None)
        .await
        .context("không mở được cơ sở dữ liệu / cannot open the database")
}

async fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut config = args.db.config()?;
    if let Some(a) = &args.addr {
        config.server.addr = a.clone();
    }
    config.server.secure_cookies |= args.secure_cookies;
    if args.demo && config.database.url.is_empty() {
        // The demo starts on a fresh file of its own.
        let file = config.database.data_dir.join("demo.sqlite");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
        prepare_dir(&config)?;
        config.database.url = format!("sqlite://{}?mode=rwc", file.display());
    }
    let addr = config.server.addr.clone();
    let app = open(config).await?;
    if args.demo {
        if !app.is_empty().await? {
            bail!(
                "cơ sở dữ liệu đã có dữ liệu, không nạp dữ liệu minh họa / the database is not empty; --demo needs a fresh one"
            );
        }
        let demo = seed::demo::seed(&app, &args.seeds)
            .await
            .map_err(|e| anyhow::anyhow!("{} / {e}", e.message_vi()))
            .context("không nạp được dữ liệu minh họa / cannot load the demo data")?;
        match demo.source {
            seed::demo::Source::Samples => println!(
                "Dữ liệu minh họa từ các kế hoạch mẫu trong / demo data from the sample plans in {}",
                args.seeds.display()
            ),
            seed::demo::Source::Generated => println!(
                "Không có kế hoạch mẫu ở {}: dùng kế hoạch sinh tự động / no sample plans there: generated plans",
                args.seeds.display()
            ),
        }
        println!(
            "Tài khoản minh họa / demo accounts (mật khẩu / password: {}):",
            demo.accounts.first().map_or("", |a| a.password.as_str())
        );
        for a in &demo.accounts {
            println!("  {:<12} {:<45} {}", a.username, a.role.label_vi(), a.place);
        }
    } else if app.is_empty().await? {
        println!(
            "Chưa có tài khoản nào. Tạo quản trị viên: doingoai user add admin --role admin\n\
             No account yet. Create the administrator: doingoai user add admin --role admin"
        );
    }
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .with_context(|| format!("không mở được cổng / cannot listen on {addr}"))?;
    println!(
        "doingoai đang chạy tại / serving at http://{} (khởi động / started in {} ms)",
        listener.local_addr()?,
        started.elapsed().as_millis()
    );
    web::serve(listener, web::AppState::new(app.clone())).await?;
    app.close().await;
    Ok(())
}

pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("tokio runtime")
}

/// Runs an async command and turns its error into the exit code 2 and a message in
/// Vietnamese and English.
pub(crate) fn run_command<F: std::future::Future<Output = anyhow::Result<()>>>(
    f: impl FnOnce() -> F,
) -> ExitCode {
    match runtime().and_then(|rt| rt.block_on(f())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi / error: {e:#}");
            ExitCode::from(2)
        }
    }
}

pub fn run(args: &ServeArgs) -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .try_init();
    run_command(|| serve(args))
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
    #[command(flatten)]
    db: DbArgs,
}

async fn user_add(args: &UserAddArgs) -> anyhow::Result<()> {
    let role = Role::parse(&args.role)
        .with_context(|| format!("vai trò không hợp lệ / unknown role {:?}", args.role))?;
    let app = open(args.db.config()?).await?;
    eprintln!(
        "Nhập mật khẩu (ít nhất 12 ký tự, không phải mật khẩu thông dụng) / Enter the password (12+ characters, not a common one), then Enter:"
    );
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let account = NewAccount {
        username: args.username.clone(),
        display_name: args.name.clone(),
        password: Password::Typed(password),
        role: Some(role),
        province_id: args.province,
        commune_id: args.commune,
        unit_id: args.unit,
    };
    // The console operator acts as an administrator: the same use case, rules and
    // messages as the accounts page.
    let result = app.create_account(Who::Operator, &account, None).await;
    app.close().await;
    match result {
        Ok(_) => {
            println!(
                "Đã tạo tài khoản / created user {} ({})",
                args.username.trim().to_lowercase(),
                role.label_vi()
            );
            Ok(())
        }
        Err(e) => bail!("{} / {}", e.message_vi(), e.message_en()),
    }
}

pub fn run_user_add(args: &UserAddArgs) -> ExitCode {
    run_command(|| user_add(args))
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Tệp cấu hình cần kiểm tra / A configuration file to check (default: print the defaults).
    #[arg(long)]
    check: Option<PathBuf>,
}

/// `doingoai config`: prints the default configuration as TOML, or checks a file.
pub fn run_config(args: &ConfigArgs) -> ExitCode {
    match &args.check {
        None => {
            print!("{}", app::Config::default().to_toml());
            ExitCode::SUCCESS
        }
        Some(p) => match app::Config::from_file(p) {
            Ok(_) => {
                println!("Tệp cấu hình hợp lệ / the configuration file is valid");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("lỗi / error: {} / {e}", e.message_vi());
                ExitCode::from(2)
            }
        },
    }
}
