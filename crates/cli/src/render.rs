//! `doingoai render FILE --to docx|pdf|xlsx|html -o OUT` (pdf with the default `pdf` feature).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Target {
    Docx,
    Html,
    Xlsx,
    #[cfg(feature = "pdf")]
    Pdf,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The document to render (.txt, .md, .docx, .pdf).
    file: PathBuf,
    /// Output format.
    #[arg(long = "to", value_enum)]
    to: Target,
    /// Output file.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

/// Exit codes: 0 written, 2 unreadable input, 1 output could not be written.
pub fn run(args: &RenderArgs) -> ExitCode {
    let name = args.file.display().to_string();
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(_) => {
            eprintln!("{name}: không đọc được tệp / cannot read the file");
            return ExitCode::from(2);
        }
    };
    let doc = match document::parse_bytes(&bytes, Some(&name)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{name}: {}\n{name}: {}", e.message_vi(), e.message_en());
            return ExitCode::from(2);
        }
    };
    let out = match args.to {
        Target::Docx => render::docx::render(&doc).map_err(|e| e.to_string()),
        Target::Html => Ok(render::html::render(&doc).into_bytes()),
        Target::Xlsx => render::xlsx::render(&doc).map_err(|e| e.to_string()),
        #[cfg(feature = "pdf")]
        Target::Pdf => render::pdf::render(&doc).map_err(|e| e.to_string()),
    };
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            eprintln!("không tạo được văn bản / rendering failed: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::write(&args.output, out) {
        eprintln!(
            "{}: không ghi được tệp / cannot write the file: {e}",
            args.output.display()
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
