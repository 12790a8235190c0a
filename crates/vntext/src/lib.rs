//! Vietnamese text: NFC, tone-placement normalisation, search folding, legacy encodings
//! (TCVN3/ABC, VNI) and cleanup of text extracted from PDF/Word. No dependency on any
//! other doingoai crate.
