//! Per-locale coverage figures: messages and source words translated, and the counts
//! people gate releases on.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coverage {
    pub locale: String,
    /// Source messages (and terms).
    pub total: usize,
    /// Translated in this locale or in a locale of its fallback chain (not the source).
    pub translated: usize,
    /// Of `translated`, those that come from a fallback locale.
    pub via_fallback: usize,
    pub words_total: usize,
    pub words_translated: usize,
    pub missing: usize,
    pub outdated: usize,
    /// Translated, current and signed off (`carta review`) for exactly this text.
    pub reviewed: usize,
    pub obsolete: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// How hard each handout reads in this locale (empty for a project without handouts).
    pub readability: Vec<super::readability::DocReadability>,
}

impl Coverage {
    /// Adds another part's counts (the files of one locale, checked in parallel).
    pub fn add(&mut self, other: &Coverage) {
        self.total += other.total;
        self.translated += other.translated;
        self.via_fallback += other.via_fallback;
        self.words_total += other.words_total;
        self.words_translated += other.words_translated;
        self.missing += other.missing;
        self.outdated += other.outdated;
        self.reviewed += other.reviewed;
        self.obsolete += other.obsolete;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
    }

    /// Percentage of messages translated (100 when the source is empty).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.translated as f64 / self.total as f64
        }
    }

    pub fn words_percent(&self) -> f64 {
        if self.words_total == 0 {
            100.0
        } else {
            100.0 * self.words_translated as f64 / self.words_total as f64
        }
    }
}

/// Words of a text, for word coverage: runs of letters or digits; each CJK character
/// counts as a word, since those scripts do not separate words with spaces.
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            words += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    words
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(count_words("10 Benefits of Dry Needling"), 5);
        assert_eq!(count_words("干针疗法"), 4);
        assert_eq!(count_words("body’s"), 2);
    }
}
