//! N004 `from-memory`: a translation `sync` pre-filled from the translation memory (an
//! exact match of its source text elsewhere in the locale) that nobody has checked yet.
//! The same sentence can need another translation in another handout (another context,
//! another reader), so the note names where the translation came from; it goes when a
//! translator deletes the `# carta-from-memory` line sync wrote above it.

use std::path::Path;

use super::file::Context;
use super::{Code, Diagnostic};
use crate::catalog::{Catalog, EntryKind, FROM_MEMORY_PREFIX};

/// One note per pre-filled message of `locale` still under its `# carta-from-memory` line.
pub fn check(ctx: &Context, locale: &Catalog, path: &Path, out: &mut Vec<Diagnostic>) {
    for i in 0..locale.resource.body.len() {
        let EntryKind::Message(id) = locale.kind(i) else {
            continue;
        };
        let Some(line) = locale
            .comment_lines(i)
            .iter()
            .find_map(|l| l.strip_prefix(FROM_MEMORY_PREFIX))
        else {
            continue;
        };
        let what = line
            .trim_end_matches('\r')
            .split("; check that it fits here")
            .next()
            .unwrap_or("")
            .trim();
        out.push(ctx.diag(
            Code::FromMemory,
            path,
            locale.id_offset(i),
            Some(id),
            format!(
                "`{id}` was pre-filled from the translation memory ({what}): check that it fits here, then delete the `# {FROM_MEMORY_PREFIX}` line"
            ),
        ));
    }
}
