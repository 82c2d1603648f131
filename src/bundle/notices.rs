//! carta's own words on a published page that say a passage is not fit to print as it
//! is (`[publish]` policy `mark`), in the handout's language: carta's Fluent messages
//! ([`super::strings`]), English when carta has no translation of them, or the
//! project's own words from `locales/<tag>/carta.ftl`.

use super::strings::Strings;
use super::Flag;

/// The notice for a marked passage, in the page's language.
pub fn notice(strings: &Strings, flag: Flag) -> String {
    strings.text(match flag {
        Flag::Outdated => "carta-notice-outdated",
        Flag::Unreviewed => "carta-notice-unreviewed",
    })
}
