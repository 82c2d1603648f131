//! Readability of a handout's text, per language: a score and a US school grade from the
//! formula made for that language. `check` reports it per document and locale (and warns
//! above `[check] max-grade`), `build` writes it to `manifest.json`, the review page shows
//! it. A pure function of text: no I/O, one pass over the words.
//!
//! | language | formula | score |
//! |---|---|---|
//! | English | Flesch reading ease (Flesch 1948): 206.835 − 1.015 W/S − 84.6 Y/W; the grade is Flesch–Kincaid's (Kincaid et al. 1975): 0.39 W/S + 11.8 Y/W − 15.59 | reading ease, 0–100 |
//! | Spanish | Fernández Huerta (1959, as corrected by Law 2011): 206.84 − 60 Y/W − 1.02 W/S; also INFLESZ (Szigriszt-Pazos 1993, scale of Barrio-Cantalejo et al. 2008): 206.835 − 62.3 Y/W − W/S | reading ease, 0–100 |
//! | French | Kandel & Moles (1958): 207 − 1.015 W/S − 73.6 Y/W | reading ease |
//! | Portuguese | Flesch adapted by Martins et al. (1996): 248.835 − 1.015 W/S − 84.6 Y/W | reading ease |
//!
//! (W words, S sentences, Y syllables.) For the other languages, the reading ease is turned into a grade with
//! Flesch's table (90–100: 5th grade, 80–90: 6th, 70–80: 7th, 60–70: 8th–9th, 50–60:
//! 10th–12th, 30–50: college, 0–30: college graduate), the scale all three adaptations
//! were calibrated to; inside a band the grade is interpolated, reaching the band's top
//! grade at its lower edge. That table is also the one scale on which a translation is
//! compared with its source (`ease_grade`: Flesch–Kincaid and Flesch's table disagree by
//! a few grades on hard English). Chinese, Arabic, Vietnamese and every other language have no
//! measure here ([`Readability::unavailable`] says why).
//!
//! Syllables are counted per language from the spelling: vowel groups with English's
//! silent endings; Spanish and Portuguese nuclei with their diphthong and hiatus rules
//! (two open vowels, or an accented closed vowel next to an open one, are two syllables);
//! French vowel groups without the mute final `e`.

use serde::Serialize;

/// The figures of one text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
}

/// A language's measure of a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readability {
    /// The formula's name, `None` when the language has none here.
    pub formula: Option<&'static str>,
    /// The formula's reading ease (0–100 for most texts; higher is easier).
    pub score: Option<f64>,
    /// The US school grade the text needs (higher is harder): Flesch–Kincaid for English,
    /// Flesch's table of reading ease for the others.
    pub grade: Option<f64>,
    /// The grade from Flesch's table of reading ease, for every language with a score:
    /// one scale across languages, on which a translation is compared with its source.
    pub ease_grade: Option<f64>,
    /// Spanish only: the INFLESZ (Szigriszt-Pazos) index, the other measure Spanish
    /// health-information guidelines use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inflesz: Option<f64>,
    #[serde(flatten)]
    pub counts: Counts,
    /// Why there is no score (no formula for the language, or no words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<&'static str>,
}

/// The languages with a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Es,
    Fr,
    Pt,
}

fn lang_of(language: &str) -> Result<Lang, &'static str> {
    Ok(match language {
        "en" => Lang::En,
        "es" => Lang::Es,
        "fr" => Lang::Fr,
        "pt" => Lang::Pt,
        "zh" | "ja" => return Err("not available: Chinese and Japanese readability formulas need word segmentation and character-frequency lists carta does not have"),
        "ar" | "fa" | "ur" => return Err("not available: Arabic script is written without most short vowels, so syllables cannot be counted from the text"),
        "vi" => return Err("not available: no validated Vietnamese formula is implemented (every Vietnamese word is one syllable, so syllable-based formulas do not apply)"),
        _ => return Err("not available: carta has no readability formula for this language"),
    })
}

/// Measures `parts` (each a message value or attribute: inline Markdown) as text in
/// `language` (a BCP 47 language subtag: `en`, `es` …). Each part is at least one
/// sentence: a title or a heading without a full stop still ends where it ends.
pub fn measure<'a>(language: &str, parts: impl IntoIterator<Item = &'a str>) -> Readability {
    let mut counter = Counter::new(language);
    let mut counts = Counts::default();
    for part in parts {
        counts.add(counter.count(part));
    }
    score(language, counts)
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.syllables += other.syllables;
    }
}

/// Counts message parts in one language, reusing its buffers (`check` counts every part
/// of every handout in every locale: no allocation per word).
pub struct Counter {
    lang: Result<Lang, &'static str>,
    plain: String,
    chars: Vec<char>,
    word: Vec<char>,
    buf: Vec<char>,
}

impl Counter {
    pub fn new(language: &str) -> Counter {
        Counter {
            lang: lang_of(language),
            plain: String::new(),
            chars: Vec::new(),
            word: Vec::new(),
            buf: Vec::new(),
        }
    }

    /// Whether the language has a measure (else [`Counter::count`] counts nothing).
    pub fn measures(&self) -> bool {
        self.lang.is_ok()
    }

    /// The sentences, words and syllables of one message part (inline Markdown); nothing
    /// is counted in a language without a measure (a hundred locales, most of them
    /// without one, must not make `check` slower).
    pub fn count(&mut self, part: &str) -> Counts {
        if self.lang.is_err() {
            return Counts::default();
        }
        self.chars.clear();
        if plain_text(part, &mut self.plain) {
            self.chars.extend(self.plain.chars());
        } else {
            self.chars.extend(part.chars());
        }
        let mut counts = Counts::default();
        count_into(
            &self.chars,
            self.lang.ok(),
            (&mut self.word, &mut self.buf),
            &mut counts,
        );
        counts
    }
}

/// The fewest words a text is judged on (`check`'s warnings): the formulas were fitted on
/// passages of 100 words and more, and a title alone gave grades like 14.
pub const MIN_WORDS: usize = 30;
/// The highest grade given (the same bound as `check.max-grade`).
pub const MAX_GRADE: f64 = 30.0;

/// The score and grade of `counts`, in `language`.
pub fn score(language: &str, counts: Counts) -> Readability {
    let lang = lang_of(language);
    let mut r = Readability {
        formula: None,
        score: None,
        grade: None,
        ease_grade: None,
        inflesz: None,
        counts,
        unavailable: None,
    };
    let lang = match lang {
        Ok(l) => l,
        Err(why) => {
            r.unavailable = Some(why);
            return r;
        }
    };
    if counts.words == 0 || counts.sentences == 0 {
        r.unavailable = Some("not available: no words");
        return r;
    }

    let wps = counts.words as f64 / counts.sentences as f64;
    let spw = counts.syllables as f64 / counts.words as f64;
    let (formula, score, grade) = match lang {
        Lang::En => (
            "Flesch / Flesch-Kincaid",
            flesch_reading_ease(wps, spw),
            flesch_kincaid(wps, spw),
        ),
        Lang::Es => {
            r.inflesz = Some(round1(inflesz(wps, spw)));
            let s = fernandez_huerta(wps, spw);
            ("Fernández Huerta", s, ease_grade(s))
        }
        Lang::Fr => {
            let s = kandel_moles(wps, spw);
            ("Kandel-Moles", s, ease_grade(s))
        }
        Lang::Pt => {
            let s = flesch_portuguese(wps, spw);
            ("Flesch (Martins et al. 1996)", s, ease_grade(s))
        }
    };
    r.formula = Some(formula);
    r.score = Some(round1(score));
    // Past grade 30 the formulas measure nothing (one 100,000-word sentence gave
    // 19,513): grades are given from 0 to 30.
    r.grade = Some(round1(grade.clamp(0.0, MAX_GRADE)));
    r.ease_grade = Some(round1(ease_grade(score).clamp(0.0, MAX_GRADE)));
    r
}

/// Flesch reading ease (Flesch 1948).
pub fn flesch_reading_ease(words_per_sentence: f64, syllables_per_word: f64) -> f64 {
    206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
}

/// Flesch–Kincaid grade level (Kincaid, Fishburne, Rogers & Chissom 1975).
pub fn flesch_kincaid(words_per_sentence: f64, syllables_per_word: f64) -> f64 {
    0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
}

/// Fernández Huerta (1959) lecturabilidad, with the sentence term as average sentence
/// length (the published form, `− 1.02 F` with F sentences per 100 words, rewards long
/// sentences: Law 2011).
pub fn fernandez_huerta(words_per_sentence: f64, syllables_per_word: f64) -> f64 {
    206.84 - 60.0 * syllables_per_word - 1.02 * words_per_sentence
}

/// Szigriszt-Pazos (1993) perspicuity, the INFLESZ scale's index.
pub fn inflesz(words_per_sentence: f64, syllables_per_word: f64) -> f64 {
    206.835 - 62.3 * syllables_per_word - words_per_sentence
}

/// Kandel & Moles (1958), Flesch for French.
pub fn kandel_moles(words_per_sentence: f64, syllables_per_word: f64) -> f64 {
    207.0 - 1.015 * words_per_sentence - 73.6 * syllables_per_word
}

/// Flesch reading ease for Brazilian Portuguese (Martins, Ghiraldelo, Nunes & Oliveira
/// 1996): Flesch's coefficients, 42 points added.
pub fn flesch_portuguese(words_per_sentence: f64, syllables_per_word: f64) -> f64 {
    248.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
}

/// A reading-ease score as a grade, from Flesch's table (see the module doc).
pub fn ease_grade(ease: f64) -> f64 {
    // (ease, grade) at the bands' edges, easiest first.
    const POINTS: [(f64, f64); 8] = [
        (100.0, 4.0),
        (90.0, 5.0),
        (80.0, 6.0),
        (70.0, 7.0),
        (60.0, 9.0),
        (50.0, 12.0),
        (30.0, 16.0),
        (0.0, 18.0),
    ];
    if ease >= POINTS[0].0 {
        return (POINTS[0].1 - (ease - POINTS[0].0) / 10.0).max(0.0);
    }
    for pair in POINTS.windows(2) {
        let ((e0, g0), (e1, g1)) = (pair[0], pair[1]);
        if ease >= e1 {
            return g0 + (e0 - ease) / (e0 - e1) * (g1 - g0);
        }
    }
    // Below 0: on at the last band's slope.
    18.0 + (-ease) * 2.0 / 30.0
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The text a reader sees of inline Markdown: text and code, without markup, link
/// targets or raw HTML tags; placeables left in Fluent syntax (`{ $n }`) are dropped.
/// Returns false, writing nothing, when `markdown` is already plain text.
fn plain_text(markdown: &str, out: &mut String) -> bool {
    use pulldown_cmark::{Event, Parser};
    // Most text has no Markdown and no placeable at all: no need to parse it.
    if !markdown.contains(['*', '_', '[', '<', '`', '\\', '&', '#', '>', '\n', '{']) {
        return false;
    }
    out.clear();
    {
        for event in Parser::new(markdown) {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(_) => out.push(' '),
                _ => {}
            }
        }
    }
    if out.contains('{') {
        let mut depth = 0usize;
        out.retain(|c| match c {
            '{' => {
                depth += 1;
                false
            }
            '}' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        });
    }
    true
}

/// Adds the sentences, words and syllables of plain `text` to `counts`. A word is a run
/// of letters and digits, with inner apostrophes and hyphens (`body’s`, `self-heal`: one
/// word each, as Flesch counted); a number is a word of one syllable. A sentence ends at
/// `.` `!` `?` `…` (not a `.` inside a number or a word such as `e.g`), and at the end of
/// the text when words follow the last end.
fn count_into(
    chars: &[char],
    lang: Option<Lang>,
    (word, buf): (&mut Vec<char>, &mut Vec<char>),
    counts: &mut Counts,
) {
    let mut words_in_sentence = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            // Chinese and Japanese do not separate words: each character counts as one,
            // as in word coverage.
            counts.words += 1;
            counts.syllables += usize::from(lang.is_some());
            words_in_sentence += 1;
            i += 1;
            continue;
        }
        if is_word_char(c) {
            word.clear();
            while i < chars.len() {
                let c = chars[i];
                let joins = matches!(c, '\'' | '’' | '-' | '‐')
                    && i + 1 < chars.len()
                    && is_word_char(chars[i + 1])
                    && !word.is_empty();
                // `2.5`, `1,000`, `e.g`: one word.
                let decimal = (c == '.'
                    && !word.is_empty()
                    && chars.get(i + 1).is_some_and(|&n| is_word_char(n)))
                    || (c == ','
                        && word.last().is_some_and(|p| p.is_ascii_digit())
                        && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()));
                if (is_word_char(c) && !is_cjk(c)) || joins || decimal {
                    word.push(c);
                    i += 1;
                } else {
                    break;
                }
            }
            counts.words += 1;
            words_in_sentence += 1;
            counts.syllables += match lang {
                Some(lang) if word.iter().any(|&c| is_word_char(c) && !c.is_ascii_digit()) => {
                    let mut n = 0;
                    for part in word.split(|c| matches!(c, '-' | '‐' | '\'' | '’' | '.')) {
                        if !part.is_empty() {
                            buf.clear();
                            for &c in part {
                                if c.is_ascii() {
                                    buf.push(c.to_ascii_lowercase());
                                } else {
                                    buf.extend(c.to_lowercase());
                                }
                            }
                            n += syllables_of(lang, buf);
                        }
                    }
                    n.max(1)
                }
                Some(_) => 1,
                None => 0,
            };
            continue;
        }
        let ends = match c {
            '!' | '?' | '…' | '。' | '！' | '？' | '؟' => true,
            // `e.g`, `3.5` are not ends; a `.` followed by a letter without a space is not.
            '.' => !chars.get(i + 1).is_some_and(|&n| is_word_char(n)),
            _ => false,
        };
        if ends && words_in_sentence > 0 {
            counts.sentences += 1;
            words_in_sentence = 0;
        }
        i += 1;
    }
    if words_in_sentence > 0 {
        counts.sentences += 1;
    }
}

/// A letter or digit, answered without Unicode's tables for ASCII and the Latin letters
/// of Spanish, French and Portuguese (the tables were most of readability's time).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{24F}').contains(&c) {
        c != '\u{D7}' && c != '\u{F7}'
    } else {
        c.is_alphanumeric()
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Syllables of one word (letters only, any case) in `lang`; at least 1.
#[cfg(test)]
fn syllables(lang: Lang, word: &str) -> usize {
    let mut lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    syllables_of(lang, &mut lower)
}

/// Syllables of one lower-case word (its buffer may be changed); at least 1.
fn syllables_of(lang: Lang, lower: &mut Vec<char>) -> usize {
    let n = match lang {
        Lang::En => english(lower),
        Lang::Es | Lang::Pt => iberian(lower),
        Lang::Fr => french(lower),
    };
    n.max(1)
}

/// English from spelling: groups of one or two vowels (`y` a vowel after a consonant),
/// less a silent final `e` (not `-le`), `-es` (not after a sibilant or `l`), `-ed` (not
/// after `t` or `d`), and the silent `e` of `-ely`, `-ement`, `-eful`, `-eness`.
fn english(w: &mut Vec<char>) -> usize {
    for c in w.iter_mut() {
        *c = match *c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ï' | 'î' => 'i',
            'ó' | 'ö' | 'ô' => 'o',
            'ú' | 'ü' | 'û' => 'u',
            c => c,
        };
    }
    w.retain(|c| c.is_ascii_alphabetic());
    if w.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let ends = |w: &[char], s: &str| {
        let s: Vec<char> = s.chars().collect();
        w.len() > s.len() && w.ends_with(&s)
    };
    let mut silent = 0usize;
    for suffix in ["ely", "ement", "eful", "eness", "eless"] {
        if ends(w, suffix) {
            let before = w[w.len() - suffix.len() - 1];
            if !is_vowel(before) {
                silent = 1;
            }
            break;
        }
    }
    if ends(w, "que") {
        // technique, plaque: the `ue` is silent.
        let n = w.len();
        w.truncate(n - 2);
    }
    let n = w.len();
    let silent_ed = ends(w, "ed") && !matches!(w[n - 3], 't' | 'd');
    // `-es` is heard after a sibilant (`causes`, `reaches`), `l` (`muscles`) or a vowel.
    let heard_es = matches!(w[n - 3], 's' | 'x' | 'z' | 'c' | 'g' | 'l')
        || is_vowel(w[n - 3])
        || (w[n - 3] == 'h' && matches!(w[n - 4], 'c' | 's'));
    let silent_es = ends(w, "es") && !heard_es;
    if silent_ed || silent_es {
        w.truncate(n - 2);
    } else if ends(w, "e") && !is_vowel(w[n - 2]) && w[n - 2] != 'l' {
        w.truncate(n - 1);
    }
    if w.first() == Some(&'y') {
        w.remove(0);
    }
    let mut groups = 0usize;
    let mut run = 0usize;
    for &c in w.iter() {
        if is_vowel(c) {
            // Groups of at most two vowels: `au`, `ea`, `io` are one; `iou` is two.
            if run.is_multiple_of(2) {
                groups += 1;
            }
            run += 1;
        } else {
            run = 0;
        }
    }
    groups.saturating_sub(silent).max(1)
}

/// Spanish and Portuguese: one syllable per vowel nucleus. Within a run of vowels (an `h`
/// between them does not break it), a new syllable starts at an open vowel after an open
/// vowel (`le-er`, `a-é-re-o`), at an open vowel after an accented closed one (`rí-o`),
/// and at an accented closed vowel after an open one (`pa-ís`, `sa-ú-de`); otherwise the
/// vowels form a diphthong or triphthong (`ciu-dad`, `buey`, `cui-da-do`). `y` is a
/// vowel unless a vowel follows it (`muy`, `y`; not `ma-yo`).
fn iberian(w: &[char]) -> usize {
    #[derive(Clone, Copy, PartialEq)]
    enum V {
        Open,
        Closed,
        AccentedClosed,
    }
    let class = |c: char| -> Option<V> {
        match c {
            'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'â' | 'ê' | 'ô' | 'ã' | 'õ' => {
                Some(V::Open)
            }
            'i' | 'u' | 'ü' => Some(V::Closed),
            'í' | 'ú' => Some(V::AccentedClosed),
            _ => None,
        }
    };
    let mut count = 0;
    let mut prev: Option<V> = None;
    for (i, &c) in w.iter().enumerate() {
        let v = match c {
            'y' => {
                let next_vowel = w.get(i + 1).and_then(|&n| class(n)).is_some();
                if next_vowel {
                    None
                } else {
                    Some(V::Closed)
                }
            }
            'h' if prev.is_some() && w.get(i + 1).and_then(|&n| class(n)).is_some() => {
                continue;
            }
            // The nasal diphthongs `ão`, `ãe`, `õe` are one syllable.
            'o' | 'e' if i > 0 && matches!(w[i - 1], 'ã' | 'õ') => Some(V::Closed),
            c => class(c),
        };
        match (prev, v) {
            (_, None) => {}
            (None, Some(_)) => count += 1,
            (Some(p), Some(v)) => {
                let hiatus = (v == V::Open && matches!(p, V::Open | V::AccentedClosed))
                    || (v == V::AccentedClosed && p == V::Open);
                if hiatus {
                    count += 1;
                }
            }
        }
        prev = v;
    }
    count
}

/// French: vowel groups (`eau`, `oi`, `ou` are one), an `é` before another vowel starting
/// a new one (`ré-ac-tion`), less a mute final `e` or `es` after a consonant in a word of
/// more than one group (`muscle`, `tendres`).
fn french(w: &[char]) -> usize {
    let is_vowel = |c: char| "aeiouyàâäéèêëîïôöùûüœæ".contains(c);
    let mut groups = 0;
    let mut prev_vowel: Option<char> = None;
    for &c in w {
        if is_vowel(c) {
            match prev_vowel {
                None => groups += 1,
                Some('é') => groups += 1,
                Some(_) => {}
            }
            prev_vowel = Some(c);
        } else {
            prev_vowel = None;
        }
    }
    let n = w.len();
    let mute = groups > 1
        && ((n >= 2 && w[n - 1] == 'e' && (!is_vowel(w[n - 2]) || w[n - 2] == 'é'))
            || (n >= 3 && w[n - 2..] == ['e', 's'] && (!is_vowel(w[n - 3]) || w[n - 3] == 'é')));
    groups - usize::from(mute)
}

#[cfg(test)]
mod tests {

    /// Regression (outside attack): one 100,000-word sentence was "grade 19513.2".
    #[test]
    fn grades_stay_between_0_and_30() {
        let long = Counts {
            sentences: 1,
            words: 100_000,
            syllables: 150_000,
        };
        for language in ["en", "es", "fr", "pt"] {
            let r = score(language, long);
            assert_eq!(r.grade, Some(MAX_GRADE), "{language}");
            assert_eq!(r.ease_grade, Some(MAX_GRADE), "{language}");
        }
        let easy = Counts {
            sentences: 10,
            words: 20,
            syllables: 20,
        };
        assert_eq!(score("en", easy).grade, Some(0.0));
    }
    use super::*;

    fn syl(lang: Lang, words: &str) -> Vec<usize> {
        words.split(' ').map(|w| syllables(lang, w)).collect()
    }

    /// Wikipedia, "Flesch–Kincaid readability tests", section "Flesch–Kincaid grade
    /// level": "The Australian platypus is seemingly a hybrid of a mammal and reptilian
    /// creature" is grade 11.3, with 24 syllables and 13 words.
    #[test]
    fn flesch_kincaid_matches_wikipedias_worked_example() {
        let r = measure(
            "en",
            ["The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."],
        );
        assert_eq!(
            r.counts,
            Counts {
                sentences: 1,
                words: 13,
                syllables: 24
            }
        );
        assert_eq!(r.grade, Some(11.3));
        assert_eq!(r.formula, Some("Flesch / Flesch-Kincaid"));
    }

    /// Dictionary syllable counts (Merriam-Webster) of words from the shipped handout;
    /// the heuristic's known misses are listed, so a change that fixes or breaks one shows.
    #[test]
    fn english_syllables_of_handout_words() {
        let words = "pain relief needling therapeutic technique muscles tendons tissues improved range motion targeting releasing tension healing process triggering inflammatory response endorphins localized nerves complex syndrome customized approach rehabilitation used needed";
        assert_eq!(
            syl(Lang::En, words),
            vec![
                1, 2, 2, 4, 2, 2, 2, 2, 2, 1, 2, 3, 3, 2, 2, 2, 3, 5, 2, 3, 3, 1, 2, 2, 3, 2, 6, 1,
                2
            ]
        );
        // fi-bro-my-al-gi-a (5: `ya` read as one), a-re-a (3: `ea` read as one).
        assert_eq!(syl(Lang::En, "fibromyalgia area"), vec![4, 2]);
    }

    /// Syllabification examples of the Real Academia Española's *Ortografía de la lengua
    /// española* (2010), §1.3 (diphthongs, triphthongs, hiatus), and words of the handout.
    #[test]
    fn spanish_syllables_follow_the_academys_rules() {
        // ciu-dad, pa-ís, re-ír, le-er, a-é-re-o, huir, buey, guion, ca-í-da, po-e-ta,
        // ahu-ma-do, mu-y → muy, hoy, pun-ción, se-ca, mús-cu-los, a-gua, tra-ta-mien-to,
        // ma-yo, y, fi-sio-te-ra-peu-tas
        assert_eq!(
            syl(Lang::Es, "ciudad país reír leer aéreo huir buey guion caída poeta ahumado muy hoy punción seca músculos agua tratamiento mayo y fisioterapeutas"),
            vec![2, 2, 2, 2, 4, 1, 1, 1, 3, 3, 3, 1, 1, 2, 2, 3, 2, 4, 2, 1, 6]
        );
    }

    /// Portuguese: sa-ú-de, pa-ís, co-ra-ção, mús-cu-los, a-gu-lha-men-to → a-gu-lha
    /// (`gu` + vowel is one), tra-ta-men-to, do-or (hiatus), pei-xe, qua-tro.
    #[test]
    fn portuguese_syllables() {
        assert_eq!(
            syl(
                Lang::Pt,
                "saúde país coração músculos agulha tratamento voo peixe quatro"
            ),
            vec![3, 2, 3, 3, 3, 4, 2, 2, 2]
        );
    }

    /// French, spoken syllables without the mute `e`: mus-cle, trai-te-ment, ré-ac-tion,
    /// ai-guil-le → ai-guille, dou-leur, eau, an-née, tis-sus, ten-dres.
    #[test]
    fn french_syllables() {
        assert_eq!(
            syl(
                Lang::Fr,
                "muscle traitement réaction aiguille douleur eau année tissus tendres"
            ),
            vec![1, 3, 3, 2, 2, 1, 2, 2, 1]
        );
    }

    /// The formulas, computed by hand from their published coefficients (sources in the
    /// module doc) for 100 words in 5 sentences with 150 syllables (W/S 20, Y/W 1.5).
    #[test]
    fn formulas_and_grades() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(
            flesch_kincaid(20.0, 1.5),
            0.39 * 20.0 + 11.8 * 1.5 - 15.59
        ));
        assert!(close(
            flesch_reading_ease(20.0, 1.5),
            206.835 - 20.3 - 126.9
        ));
        assert!(close(fernandez_huerta(20.0, 1.5), 206.84 - 90.0 - 20.4));
        assert!(close(inflesz(20.0, 1.5), 206.835 - 93.45 - 20.0));
        assert!(close(kandel_moles(20.0, 1.5), 207.0 - 20.3 - 110.4));
        assert!(close(flesch_portuguese(20.0, 1.5), 248.835 - 20.3 - 126.9));
        // Flesch's table: the band edges and a point inside one.
        assert!(close(ease_grade(90.0), 5.0));
        assert!(close(ease_grade(65.0), 8.0));
        assert!(close(ease_grade(30.0), 16.0));
        assert!(close(ease_grade(-15.0), 19.0));
        assert!(ease_grade(120.0) < 4.0);
    }

    #[test]
    fn sentences_words_and_markdown() {
        let r = measure(
            "en",
            [
                "**Pain Relief**",
                "Take 2.5 mg, e.g. after meals. See [the page](https://x.org/a.b). Done!",
            ],
        );
        // "Pain Relief" is a sentence of its own; "2.5" is one word; the URL is not text.
        assert_eq!(r.counts.sentences, 5, "{r:?}");
        assert_eq!(r.counts.words, 2 + 9 + 1);
        let none = measure("en", ["", "  "]);
        assert_eq!(none.grade, None);
        assert!(none.unavailable.is_some());
    }

    #[test]
    fn languages_without_a_measure_say_why() {
        for lang in ["zh", "ar", "vi", "de"] {
            let r = measure(lang, ["干针疗法是一种治疗技术。"]);
            assert_eq!(r.grade, None);
            assert_eq!(r.counts, Counts::default(), "not counted");
            assert!(r.unavailable.unwrap().starts_with("not available"));
        }
        let es = measure("es", ["La punción seca es una técnica."]);
        assert_eq!(es.formula, Some("Fernández Huerta"));
        assert!(es.inflesz.is_some());
    }

    /// Hostile input: no panic, linear time.
    #[test]
    fn hostile_text() {
        let huge = "a".repeat(200_000) + &"é".repeat(100_000) + &".".repeat(100_000);
        let r = measure("es", [huge.as_str(), "\u{202E}<script>{ $x }</script>''--"]);
        assert!(r.counts.words >= 1);
        for lang in ["en", "fr", "pt"] {
            measure(lang, ["'-’-", "-a-", "y", "hhh", "ééééé"]);
        }
    }
}
