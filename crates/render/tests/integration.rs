//! Integration tests of `render`: round trips through DOCX, and the DOCX layout as Word
//! sees it (page, margins, fonts, sizes, styles).

mod integration {
    pub mod docx_layout;
    pub mod pdf;
    pub mod round_trip;
    pub mod xlsx;
}
