//! How much a PDF may expand before it is read (issue 12, bounded resources).
//!
//! lopdf inflates compressed object streams while it loads a file, and pdf-extract
//! inflates page contents and fonts while it reads them, both without a limit: a 1 MB PDF
//! whose page content is a Flate stream of 1 GB of spaces took the server from 339 MB to
//! 2.4 GB. So before anything else reads the file, every Flate stream in it is inflated
//! into nothing with a cap, and the file is refused when one stream, or all of them
//! together, would expand past the limits below. Image streams are skipped: the reader
//! drops images before it reads a page ([`super::strip_images`]), so they are never
//! inflated.
//!
//! The scan looks at the bytes, not at the parsed objects, so that a stream the parser
//! would find through a damaged cross-reference table is checked too: every `stream`
//! keyword (not `endstream`) whose dictionary names `FlateDecode` starts a zlib stream.

use std::io::Read;

use crate::error::ReadError;

/// One stream may expand to this much (a page's content is a few hundred KB; a whole
/// embedded Unicode font about 25 MB).
pub const MAX_PDF_STREAM: u64 = 64 * 1024 * 1024;
/// All streams together.
pub const MAX_PDF_TOTAL: u64 = 256 * 1024 * 1024;
/// A dictionary is looked for at most this far before its `stream` keyword.
const DICT_WINDOW: usize = 4096;

/// Refuses a PDF whose Flate streams expand past [`MAX_PDF_STREAM`] each or
/// [`MAX_PDF_TOTAL`] in all. Memory stays flat: the inflated bytes go nowhere.
pub fn check_expansion(bytes: &[u8]) -> Result<(), ReadError> {
    check_with(bytes, MAX_PDF_STREAM, MAX_PDF_TOTAL)
}

fn check_with(bytes: &[u8], per_stream: u64, total: u64) -> Result<(), ReadError> {
    let mut left = total;
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"stream").map(|i| i + from) {
        from = at + 6;
        if at >= 3 && &bytes[at - 3..at] == b"end" {
            continue;
        }
        let dict_start = at.saturating_sub(DICT_WINDOW);
        let before = &bytes[dict_start..at];
        let dict = match rfind(before, b"obj") {
            Some(i) => &before[i..],
            None => before,
        };
        if find(dict, b"FlateDecode").is_none() || find(dict, b"/Image").is_some() {
            continue;
        }
        let mut start = from;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let cap = per_stream.min(left);
        let mut inflate = flate2::read::ZlibDecoder::new(&bytes[start.min(bytes.len())..]);
        // A damaged stream stops the count where it breaks: the parser reports it later.
        let n = std::io::copy(&mut (&mut inflate).take(cap + 1), &mut std::io::sink())
            .unwrap_or_else(|_| inflate.total_out());
        if n > cap {
            return Err(ReadError::PdfExpandsTooMuch {
                limit: if cap == per_stream { per_stream } else { total },
            });
        }
        left -= n;
        from = start + (inflate.total_in() as usize).max(1) - 1;
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflated(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    fn pdf_with_stream(dict: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!(
            "%PDF-1.4\n4 0 obj\n<< {dict} /Length {} >>\nstream\r\n",
            body.len()
        )
        .into_bytes();
        v.extend_from_slice(body);
        v.extend_from_slice(b"\r\nendstream\nendobj\n%%EOF\n");
        v
    }

    #[test]
    fn a_stream_of_spaces_that_expands_past_the_limit_is_refused_without_keeping_it() {
        let bomb = deflated(&vec![b' '; 3 * 1024 * 1024]);
        let pdf = pdf_with_stream("/Filter /FlateDecode", &bomb);
        assert_eq!(
            check_with(&pdf, 1024 * 1024, 8 * 1024 * 1024),
            Err(ReadError::PdfExpandsTooMuch { limit: 1024 * 1024 })
        );
        assert_eq!(check_with(&pdf, 4 * 1024 * 1024, 8 * 1024 * 1024), Ok(()));
    }

    #[test]
    fn many_streams_within_the_per_stream_limit_are_refused_past_the_total() {
        let part = pdf_with_stream("/Filter /FlateDecode", &deflated(&vec![b'a'; 600_000]));
        let pdf: Vec<u8> = part.repeat(4);
        assert_eq!(check_with(&pdf, 1024 * 1024, 3 * 1024 * 1024), Ok(()));
        assert_eq!(
            check_with(&pdf, 1024 * 1024, 2 * 1024 * 1024),
            Err(ReadError::PdfExpandsTooMuch {
                limit: 2 * 1024 * 1024
            })
        );
    }

    #[test]
    fn images_and_uncompressed_streams_are_not_inflated() {
        let bomb = deflated(&vec![0u8; 3 * 1024 * 1024]);
        let image = pdf_with_stream("/Subtype /Image /Filter /FlateDecode", &bomb);
        assert_eq!(check_with(&image, 1024, 1024), Ok(()));
        let plain = pdf_with_stream("", &vec![b'x'; 4096]);
        assert_eq!(check_with(&plain, 1024, 1024), Ok(()));
        // Damaged zlib data is left to the parser to report.
        let broken = pdf_with_stream("/Filter /FlateDecode", b"not zlib at all");
        assert_eq!(check_with(&broken, 1024, 1024), Ok(()));
    }
}
