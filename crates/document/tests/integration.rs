//! Integration tests of the `document` crate: the real sample plans, their DOCX and PDF
//! versions, and properties over arbitrary input.

mod integration {
    pub mod formats;
    pub mod properties;
    pub mod seeds;
}
