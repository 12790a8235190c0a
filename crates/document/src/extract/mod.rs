//! Extraction of the document model from a normalised [`Source`].
use crate::model::*;
use crate::source::Source;

/// Extracts the model. Total: never fails; what cannot be found is `None`/empty and
/// doubtful findings add a [`Warning`].
pub fn extract(source: &Source, path: Option<&str>) -> Document {
    Document {
        format_version: FORMAT_VERSION,
        source: SourceInfo { path: path.map(str::to_string), format: source.format },
        doc_type: None,
        number: None,
        symbol: None,
        parent_body: None,
        issuer: None,
        place: None,
        date: None,
        date_parts: DateParts::default(),
        title: None,
        year: None,
        commune: None,
        commune_kind: None,
        province: None,
        basis: vec![],
        citations: vec![],
        sections: vec![],
        tasks: vec![],
        delegations: Delegations::default(),
        tables: vec![],
        signer: None,
        recipients: vec![],
        warnings: vec![],
    }
}
