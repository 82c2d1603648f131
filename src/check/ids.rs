//! Identity rules: IDs defined twice, and messages the source no longer has (obsolete,
//! or a translated or mistyped ID: "did you mean …?").

use super::coverage::Coverage;
use super::file::{Context, SourceFacts, SourceMessage};
use super::{Code, Diagnostic};
use crate::catalog::{Catalog, EntryKind};
use std::path::Path;

/// Duplicates and obsolete messages of one locale file. The locale's own terms and helper
/// messages, used by its translations, are not obsolete.
pub(super) fn check_ids(
    ctx: &Context,
    facts: &SourceFacts,
    locale: &Catalog,
    path: &Path,
    cov: &mut Coverage,
    out: &mut Vec<Diagnostic>,
) {
    let private = ctx.private;
    for i in 0..locale.resource.body.len() {
        match locale.kind(i) {
            EntryKind::Message(_) | EntryKind::Term(_) => {
                let id = locale.entry_id(i).unwrap_or_default();
                if locale.index.get(id.as_ref()) != Some(&i) {
                    out.push(ctx.diag(
                        Code::DuplicateId,
                        path,
                        locale.id_offset(i),
                        Some(&id),
                        format!(
                            "`{id}` is defined more than once; runtimes use only one definition"
                        ),
                    ));
                } else if !ctx.source_ids.contains(id.as_ref()) && !private.contains(id.as_ref()) {
                    cov.obsolete += 1;
                    // A translated or mistyped ID looks like one of the file's missing
                    // messages: say so instead of advising to prune the translation.
                    let is_missing = |m: &&SourceMessage| {
                        !locale.index.contains_key(m.id.as_ref())
                            && !ctx.fallback_ids.contains(m.id.as_ref())
                    };
                    // The missing message that belongs where this entry sits (after the
                    // source message before it), else one with a similar ID.
                    let before = (0..i).rev().find_map(|j| {
                        let prev = locale.entry_id(j)?;
                        facts.messages.iter().position(|m| m.id == prev.as_ref())
                    });
                    let in_place = facts.messages[before.map_or(0, |b| b + 1)..]
                        .iter()
                        .take_while(|m| !locale.index.contains_key(m.id.as_ref()) || is_missing(m))
                        .find(is_missing)
                        .map(|m| &m.id);
                    let guess = in_place.map(|like| (1.0, like)).or_else(|| {
                        facts
                            .messages
                            .iter()
                            .filter(is_missing)
                            .map(|m| (strsim::normalized_damerau_levenshtein(&id, &m.id), &m.id))
                            .filter(|(score, _)| *score >= 0.5)
                            .max_by(|a, b| a.0.total_cmp(&b.0))
                    });
                    let message = match guess {
                        Some((_, like)) => format!("`{id}` is not a message of the source; did you mean `{like}`? Translations are found by their ID: keep the source's ID and translate only the text after `=`"),
                        None => format!("`{id}` is no longer in the source; reuse the text elsewhere or delete it (`carta sync --prune`)"),
                    };
                    out.push(ctx.diag(
                        Code::Obsolete,
                        path,
                        locale.id_offset(i),
                        Some(&id),
                        message,
                    ));
                }
            }
            _ => {}
        }
    }
}
