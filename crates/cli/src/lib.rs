//! The `doingoai` command line. `main` is thin; each command lives in its own module.

mod bench_data;
mod lint;
mod parse;
mod register;
mod render;
mod report;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// doingoai — kế hoạch và báo cáo công tác đối ngoại cấp xã.
#[derive(Debug, Parser)]
#[command(name = "doingoai", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Đọc văn bản (txt, md, docx, pdf) thành dữ liệu có cấu trúc / Read documents into structure.
    Parse(parse::ParseArgs),
    /// Kiểm tra văn bản (chính tả, tên, văn bản dẫn, thể thức) / Check documents.
    Lint(lint::LintArgs),
    /// Xuất văn bản đúng thể thức (docx, html) / Render a document in the Decree 30 layout.
    Render(render::RenderArgs),
    /// Chạy hệ thống web / Run the web system.
    Serve(serve::ServeArgs),
    /// Quản lý tài khoản / Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Sinh dữ liệu đo hiệu năng / Generate a province for the web benchmark.
    BenchData(bench_data::BenchDataArgs),
    /// Sổ theo dõi: số liệu, xóa dữ liệu cá nhân quá hạn / Registers: figures, retention.
    #[command(subcommand)]
    Register(register::RegisterCommand),
    /// Báo cáo định kỳ: lập dự thảo từ dữ liệu / Periodic reports: draft from the records.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Gửi thư nhắc việc hôm nay (khi có cấu hình [mail]) / Send today's e-mail reminders.
    Remind(report::RemindArgs),
    /// In cấu hình mặc định hoặc kiểm tra tệp cấu hình / Print the default configuration or check a file.
    Config(serve::ConfigArgs),
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Tạo tài khoản (mật khẩu đọc từ bàn phím) / Create an account (password read from stdin).
    Add(serve::UserAddArgs),
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::User(UserCommand::Add(args)) => serve::run_user_add(&args),
        Command::BenchData(args) => bench_data::run(&args),
        Command::Config(args) => serve::run_config(&args),
        Command::Register(cmd) => register::run(&cmd),
        Command::Report(cmd) => report::run(&cmd),
        Command::Remind(args) => report::run_remind(&args),
    }
}
