//! Fluent → ICU MessageFormat, and what each message's arguments are: the stage behind
//! `dist/<tag>/messages.icu.json`, the `pattern`/`variables` of `messages.json` and the
//! types of `dist/messages.d.ts`.
//!
//! It reads a locale's `messages.ftl` (self-contained: every term and message it refers to
//! is in it) and converts each message value and attribute on its own: `$var` → `{var}`,
//! a number variable → `{n, number}`, `NUMBER($n, …)` → `{n, number, …}` with the options
//! ICU has, a select on a number → `{n, plural, =0 {…} one {…} other {…}}` (or
//! `selectordinal`), on a string → `{x, select, … other {…}}`; terms and message
//! references are resolved into the text (a term's arguments substituted, a select on a
//! term attribute decided). Literal text is quoted the way FormatJS (react-intl,
//! i18next-icu) reads it: `'` → `''`, and `{ } < ` (and `#` directly inside a plural) in
//! one quoted run. What ICU cannot say the same way is returned as an issue beside a
//! best-effort text, never dropped silently.

use std::collections::{BTreeMap, HashMap};

use fluent_syntax::ast;

/// What a variable must be given as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Used as a plural selector or in `NUMBER()`.
    Number,
    /// Used in `DATETIME()`: a date. A JavaScript `Date`: a timestamp (a number) is
    /// formatted as a number by @fluent/bundle wherever a locale interpolates the
    /// variable without `DATETIME()`, and as a date by ICU.
    DateTime,
    /// Only interpolated or used as a string selector.
    String,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::DateTime => "datetime",
            Kind::String => "string",
        }
    }

    /// The TypeScript type an app passes.
    pub fn ts_type(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::DateTime => "Date",
            Kind::String => "string",
        }
    }
}

/// One converted message part (a value or an attribute).
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The ICU MessageFormat text.
    pub icu: String,
    /// The variables the part uses (through references and terms too), with their kinds.
    pub variables: BTreeMap<String, Kind>,
    /// What the ICU text cannot say as Fluent does; empty when it is exact.
    pub issues: Vec<String>,
    /// The Fluent source of the pattern (as written after `id =`); empty for plain text
    /// (whose formatted text is all a consumer needs).
    pub source: String,
    /// carta's formatted text is not what the runtimes print, so `messages.json` gives
    /// the pattern: the part prints a number literal (`{ 1234.5 }`, `-t(n: 12345)`),
    /// which they format per locale ("1.234,5") and fluent-rs, carta's, does not, or
    /// calls a function of the app's (`PLATFORM()`), which only the app has.
    pub runtime_formats: bool,
}

/// A converted message: its value and attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Message {
    pub value: Option<Converted>,
    pub attributes: BTreeMap<String, Converted>,
}

/// Output larger than this per part is refused (references can multiply text).
const MAX_LEN: usize = 1 << 20;
/// Deeper nesting than this (references, placeables, selects) is refused.
const MAX_DEPTH: usize = 64;
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Part key (`id`, `id.attr`) → variable → kind.
pub type Kinds = BTreeMap<String, BTreeMap<String, Kind>>;

/// The kinds of every part's variables in a Fluent resource (the source's, as hints for
/// the translations: a translation that only interpolates `{ $n }` still gets a number
/// where the source selects on it, as the app passes one).
pub fn kinds(ftl: &str) -> Kinds {
    // Only the parts with variables: a part not listed has none (at a million plain
    // messages, listing each was a hundred megabytes).
    let mut out = Kinds::new();
    for (id, m) in convert_resource(ftl, &Kinds::new()) {
        if let Some(v) = m.value.filter(|v| !v.variables.is_empty()) {
            out.insert(id.clone(), v.variables);
        }
        for (a, c) in m.attributes {
            if !c.variables.is_empty() {
                out.insert(format!("{id}.{a}"), c.variables);
            }
        }
    }
    out
}

/// Converts every message of a Fluent resource (terms are resolved, not listed).
/// `hints`: the source's kinds (see [`kinds`]).
pub fn convert_resource(ftl: &str, hints: &Kinds) -> BTreeMap<String, Message> {
    convert_resource_in(ftl, hints, false)
}

/// [`convert_resource`] for a locale whose tag has a private-use region (`en-XA`), where
/// FormatJS reads an hour in the locale's own cycle (`j`) as 24-hour: an hour without
/// `hour12` is then reported.
pub fn convert_resource_in(
    ftl: &str,
    hints: &Kinds,
    private_region: bool,
) -> BTreeMap<String, Message> {
    let resource = match fluent_syntax::parser::parse(ftl) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut messages = HashMap::new();
    let mut terms = HashMap::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                messages.entry(m.id.name).or_insert(m);
            }
            ast::Entry::Term(t) => {
                terms.entry(t.id.name).or_insert(t);
            }
            _ => {}
        }
    }
    let ctx = Ctx {
        messages,
        terms,
        private_region,
    };
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        if out.contains_key(m.id.name) {
            continue;
        }
        let none = BTreeMap::new();
        let hint = |key: &str| hints.get(key).unwrap_or(&none);
        let message = Message {
            value: m
                .value
                .as_ref()
                .map(|p| ctx.convert(m.id.name, p, hint(m.id.name))),
            attributes: m
                .attributes
                .iter()
                .map(|a| {
                    let key = format!("{}.{}", m.id.name, a.id.name);
                    (
                        a.id.name.to_string(),
                        ctx.convert(&key, &a.value, hint(&key)),
                    )
                })
                .collect(),
        };
        out.insert(m.id.name.to_string(), message);
    }
    out
}

/// The Fluent source of a pattern, as written after `id =` (for `messages.json`).
pub fn pattern_source(pattern: &ast::Pattern<&str>) -> String {
    let resource = ast::Resource {
        body: vec![ast::Entry::Message(ast::Message {
            id: ast::Identifier { name: "x" },
            value: Some(pattern.clone()),
            attributes: vec![],
            comment: None,
        })],
    };
    let text = fluent_syntax::serializer::serialize(&resource);
    let text = text
        .strip_prefix("x =")
        .unwrap_or(&text)
        .trim_end_matches([' ', '\n', '\r']);
    text.strip_prefix(' ').unwrap_or(text).to_string()
}

struct Ctx<'a, 's> {
    messages: HashMap<&'s str, &'a ast::Message<&'s str>>,
    terms: HashMap<&'s str, &'a ast::Term<&'s str>>,
    private_region: bool,
}

/// Where literal text sits: `#` is the number only directly inside a plural.
#[derive(Clone, Copy, PartialEq)]
enum Parent {
    Top,
    Plural,
    Select,
}

/// A term argument: a literal, or the caller's variable passed through.
#[derive(Clone, Debug)]
enum Arg {
    Str(String),
    Num(String),
    Var(String),
}

/// How a variable is used, to decide its kind.
#[derive(Default, Clone, Copy)]
struct Uses {
    number: bool,
    datetime: bool,
    string_select: bool,
}

struct Walk {
    out: String,
    pending: String,
    uses: BTreeMap<String, Uses>,
    /// Kinds decided by the first pass (empty in it).
    kinds: BTreeMap<String, Kind>,
    issues: Vec<String>,
    stack: Vec<String>,
    depth: usize,
    too_deep: bool,
    runtime_formats: bool,
}

impl Walk {
    fn issue(&mut self, why: String) {
        if !self.issues.contains(&why) {
            self.issues.push(why);
        }
    }
    fn lit(&mut self, text: &str) {
        self.pending.push_str(text);
    }
    /// Writes the pending literal text, quoted for ICU (FormatJS's reading).
    fn flush(&mut self, parent: Parent) {
        let text = std::mem::take(&mut self.pending);
        let special =
            |c: char| matches!(c, '{' | '}' | '<') || (c == '#' && parent == Parent::Plural);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                self.out.push_str("''");
            } else if special(c) {
                self.out.push('\'');
                self.out.push(c);
                while let Some(&n) = chars.peek() {
                    if n == '\'' {
                        self.out.push_str("''");
                    } else if special(n) {
                        self.out.push(n);
                    } else {
                        break;
                    }
                    chars.next();
                }
                self.out.push('\'');
            } else {
                self.out.push(c);
            }
        }
    }
    fn raw(&mut self, parent: Parent, text: &str) {
        self.flush(parent);
        self.out.push_str(text);
    }
    fn too_big(&self) -> bool {
        self.out.len() + self.pending.len() > MAX_LEN
    }
    /// Whether the walk should stop: the text is too big, or it went too deep once (then
    /// the rest is not worth writing: a term doubling itself 63 times wrote nothing at
    /// the bottom, so the size limit never came, and the walk visited 2^63 branches).
    fn done(&self) -> bool {
        self.too_big() || self.too_deep
    }
}

/// ICU (FormatJS) argument names and select keys cannot hold `-`, which Fluent
/// identifiers may (`$user-name`, `[foo-bar]`): the ICU text is written as Fluent has it,
/// and noted, since no ICU runtime will parse it.
fn argument_name(name: &str, w: &mut Walk) {
    if name.contains('-') {
        w.issue(format!(
            "`${name}`: ICU argument names cannot contain `-` (rename the variable)"
        ));
    }
}

/// The ICU form of `DATETIME($d, …)`: `date` with a skeleton of the Intl options a
/// translation may set (@fluent/bundle passes them to `Intl.DateTimeFormat`, and FormatJS
/// reads a skeleton into the same options), or a named style. What FormatJS cannot say
/// the same way is noted.
fn datetime_style(
    named: &[ast::NamedArgument<&str>],
    private_region: bool,
    w: &mut Walk,
) -> String {
    let mut fields: Vec<(usize, String)> = Vec::new();
    let mut style: Option<String> = None;
    let mut hour12: Option<bool> = None;
    let mut hour: Option<&str> = None;
    for a in named {
        let value = match &a.value {
            ast::InlineExpression::StringLiteral { value } => {
                fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned()
            }
            ast::InlineExpression::NumberLiteral { value } => value.to_string(),
            _ => {
                w.issue(format!(
                    "DATETIME option `{}` is not a literal",
                    a.name.name
                ));
                continue;
            }
        };
        // Skeleton letters in the order ICU writes them.
        let letters = |order: usize, options: &[(&str, &str)]| {
            options
                .iter()
                .find(|(v, _)| *v == value)
                .map(|(_, l)| (order, l.to_string()))
        };
        let field = match a.name.name {
            "era" => letters(0, &[("short", "G"), ("long", "GGGG"), ("narrow", "GGGGG")]),
            "year" => letters(1, &[("numeric", "y"), ("2-digit", "yy")]),
            "month" => letters(
                2,
                &[
                    ("numeric", "M"),
                    ("2-digit", "MM"),
                    ("short", "MMM"),
                    ("long", "MMMM"),
                    ("narrow", "MMMMM"),
                ],
            ),
            "day" => letters(3, &[("numeric", "d"), ("2-digit", "dd")]),
            "weekday" => letters(
                4,
                &[("short", "EEE"), ("long", "EEEE"), ("narrow", "EEEEE")],
            ),
            "hour" => {
                hour = Some(if value == "2-digit" {
                    "2-digit"
                } else {
                    "numeric"
                });
                continue;
            }
            "minute" => letters(6, &[("numeric", "m"), ("2-digit", "mm")]),
            "second" => letters(7, &[("numeric", "s"), ("2-digit", "ss")]),
            "timeZoneName" => letters(8, &[("short", "z"), ("long", "zzzz")]),
            // A string in Fluent: JavaScript reads any non-empty one ("false" too) as
            // true; a number literal as true unless it is 0.
            "hour12" => {
                hour12 = Some(match &a.value {
                    ast::InlineExpression::NumberLiteral { .. } => {
                        !matches!(value.parse::<f64>(), Ok(n) if n == 0.0)
                    }
                    _ => !value.is_empty(),
                });
                continue;
            }
            "dateStyle" | "timeStyle" => {
                if matches!(value.as_str(), "short" | "medium" | "long" | "full") {
                    if a.name.name == "dateStyle" && matches!(value.as_str(), "short" | "medium") {
                        w.issue(format!(
                            "DATETIME dateStyle \"{value}\" is FormatJS's own style in ICU, which differs in some locales"
                        ));
                    }
                    if a.name.name == "timeStyle" && matches!(value.as_str(), "long" | "full") {
                        w.issue(format!(
                            "DATETIME timeStyle \"{value}\" is FormatJS's own style in ICU (its time zone differs from Intl's)"
                        ));
                    }
                    if style.is_some() {
                        w.issue(
                            "DATETIME with both dateStyle and timeStyle: ICU has one style per argument (only the last is written)".into(),
                        );
                    }
                    let kind = if a.name.name == "dateStyle" {
                        "date"
                    } else {
                        "time"
                    };
                    style = Some(format!("{kind}, {value}"));
                }
                continue;
            }
            // The developer's (@fluent/bundle ignores them from a translation).
            "timeZone" | "calendar" | "numberingSystem" | "hourCycle" => continue,
            other => {
                w.issue(format!(
                    "DATETIME option `{other}` has no ICU equivalent here"
                ));
                continue;
            }
        };
        match field {
            Some(f) => fields.push(f),
            None => w.issue(format!(
                "DATETIME option `{}: \"{value}\"` is not an Intl value",
                a.name.name
            )),
        }
    }
    if let Some(h) = hour {
        // `j` is the locale's own hour cycle, as Intl's default.
        let letter = match hour12 {
            None => {
                if private_region {
                    w.issue("DATETIME hour in the locale's own cycle: FormatJS takes a private-use region's as 24-hour".into());
                }
                "j"
            }
            Some(true) => "h",
            Some(false) => "H",
        };
        let n = if h == "2-digit" { 2 } else { 1 };
        fields.push((5, letter.repeat(n)));
    }
    if let Some(style) = style {
        if !fields.is_empty() {
            w.issue("DATETIME with a style and fields (Intl refuses both)".into());
        }
        return style;
    }
    if fields.is_empty() {
        return "date".into();
    }
    fields.sort();
    format!(
        "date, ::{}",
        fields.into_iter().map(|(_, l)| l).collect::<String>()
    )
}

/// The ICU style of `NUMBER($n, …)`: the options a translation may set in
/// @fluent/bundle (it ignores `style`, `currency` and `type` from a translation, as they
/// are the developer's), as an ICU number skeleton.
fn number_style(named: &[ast::NamedArgument<&str>], w: &mut Walk) -> String {
    let mut skeleton: Vec<String> = Vec::new();
    let (mut min_fd, mut max_fd) = (None::<usize>, None::<usize>);
    let (mut min_sd, mut max_sd) = (None::<usize>, None::<usize>);
    for a in named {
        let value = match &a.value {
            ast::InlineExpression::StringLiteral { value } => {
                fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned()
            }
            ast::InlineExpression::NumberLiteral { value } => value.to_string(),
            _ => {
                w.issue(format!("NUMBER option `{}` is not a literal", a.name.name));
                continue;
            }
        };
        // What Intl accepts (fraction digits 0-20 in Node 20, significant and integer digits
        // 1-21; a fraction is cut off: 2.5 is 2); anything else makes @fluent/bundle throw
        // a RangeError when the app formats the message (build lets such a part fall back).
        let limit = match a.name.name {
            "minimumFractionDigits" | "maximumFractionDigits" => Some(0..=20),
            "minimumSignificantDigits" | "maximumSignificantDigits" | "minimumIntegerDigits" => {
                Some(1..=21)
            }
            _ => None,
        };
        if let Some(range) = &limit {
            let n = value
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(f64::trunc);
            if !n.is_some_and(|n| n >= *range.start() as f64 && n <= *range.end() as f64) {
                w.issue(format!(
                    "NUMBER option `{}: {value}` is out of Intl's range ({}-{}): the app's runtime throws",
                    a.name.name,
                    range.start(),
                    range.end()
                ));
            }
        }
        let digits = || {
            value
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(|n| (n.trunc() as usize).min(21))
        };
        match a.name.name {
            "minimumFractionDigits" => min_fd = digits(),
            "maximumFractionDigits" => max_fd = digits(),
            "minimumSignificantDigits" => min_sd = digits(),
            "maximumSignificantDigits" => max_sd = digits(),
            "minimumIntegerDigits" => match digits() {
                Some(n) if n > 0 => skeleton.push(format!("integer-width/*{}", "0".repeat(n))),
                _ => w.issue("NUMBER option `minimumIntegerDigits` is not a count".into()),
            },
            // @fluent/bundle passes it to Intl: "true" and "false" (strings in Fluent)
            // Intl reads as the default grouping, 0 as none; "min2", "always" and a
            // true number are modes FormatJS's skeletons cannot say (it has only
            // `group-off`), and they differ from the default in Spanish or Polish.
            "useGrouping" => {
                let number = matches!(a.value, ast::InlineExpression::NumberLiteral { .. });
                match (number, value.as_str()) {
                    (true, v) if v.parse::<f64>().is_ok_and(|n| n == 0.0) => {
                        skeleton.push("group-off".into())
                    }
                    (false, "auto" | "true" | "false") => {}
                    (_, v) => w.issue(format!(
                        "NUMBER option `useGrouping: {v}` has no ICU skeleton FormatJS reads (the default grouping is written)"
                    )),
                }
            }
            "unitDisplay" | "currencyDisplay" => {}
            // Ignored by @fluent/bundle when a translation sets them (fluent-rs too, in
            // formatting): followed here.
            "style" | "currency" | "type" => {}
            other => w.issue(format!(
                "NUMBER option `{other}` has no ICU equivalent here"
            )),
        }
    }
    if let (Some(min), Some(max)) = (min_fd, max_fd) {
        if min > max {
            w.issue(format!(
                "NUMBER with minimumFractionDigits {min} above maximumFractionDigits {max}: the app's runtime throws"
            ));
        }
    }
    if let (Some(min), Some(max)) = (min_sd, max_sd) {
        if min > max {
            w.issue(format!(
                "NUMBER with minimumSignificantDigits {min} above maximumSignificantDigits {max}: the app's runtime throws"
            ));
        }
    }
    if min_sd.is_some() || max_sd.is_some() {
        let min = min_sd.unwrap_or(1).max(1);
        match max_sd {
            Some(max) => skeleton.push(format!(
                "{}{}",
                "@".repeat(min),
                "#".repeat(max.max(min) - min)
            )),
            None => skeleton.push(format!("{}+", "@".repeat(min))),
        }
    } else if min_fd.is_some() || max_fd.is_some() {
        let min = min_fd.unwrap_or(0);
        let max = max_fd.unwrap_or(min.max(3)).max(min);
        if max == 0 {
            skeleton.push("precision-integer".into());
        } else if min == max {
            skeleton.push(format!(".{}", "0".repeat(min)));
        } else {
            skeleton.push(format!(".{}{}", "0".repeat(min), "#".repeat(max - min)));
        }
    }
    if skeleton.is_empty() {
        String::new()
    } else {
        format!(", ::{}", skeleton.join(" "))
    }
}

impl<'a, 's> Ctx<'a, 's> {
    /// Converts one part; `id` is its key (`id`, `id.attr`), where a reference cycle
    /// starts (an attribute that uses its own message's value is no cycle).
    fn convert(
        &self,
        id: &str,
        pattern: &ast::Pattern<&'s str>,
        hint: &BTreeMap<String, Kind>,
    ) -> Converted {
        // Plain text (most messages): quoted, nothing else to learn.
        if pattern
            .elements
            .iter()
            .all(|e| matches!(e, ast::PatternElement::TextElement { .. }))
        {
            let mut w = Walk {
                out: String::new(),
                pending: String::new(),
                uses: BTreeMap::new(),
                kinds: BTreeMap::new(),
                issues: Vec::new(),
                stack: Vec::new(),
                depth: 0,
                too_deep: false,
                runtime_formats: false,
            };
            for e in &pattern.elements {
                if let ast::PatternElement::TextElement { value } = e {
                    w.lit(value);
                }
            }
            w.flush(Parent::Top);
            return Converted {
                icu: w.out,
                variables: BTreeMap::new(),
                issues: Vec::new(),
                source: String::new(),
                runtime_formats: false,
            };
        }
        // Two passes: the first learns each variable's kind (a variable used as a plural
        // selector anywhere is a number everywhere), the second writes with it (not
        // needed when there is no variable: it would write the same).
        let mut first = self.walk(id, pattern, BTreeMap::new());
        if first.uses.is_empty() {
            return Converted {
                icu: if first.too_big() {
                    String::new()
                } else {
                    first.out
                },
                variables: BTreeMap::new(),
                issues: first.issues,
                source: pattern_source(pattern),
                runtime_formats: first.runtime_formats,
            };
        }
        let kinds: BTreeMap<String, Kind> = first
            .uses
            .iter()
            .map(|(name, u)| {
                let hinted = !u.string_select && hint.get(name) == Some(&Kind::Number);
                let hinted_date = hint.get(name) == Some(&Kind::DateTime);
                (
                    name.clone(),
                    if u.number || hinted {
                        Kind::Number
                    } else if u.datetime || hinted_date {
                        Kind::DateTime
                    } else {
                        Kind::String
                    },
                )
            })
            .collect();
        let conflicts: Vec<String> = first
            .uses
            .iter()
            .filter(|(_, u)| u.number && (u.string_select || u.datetime))
            .map(|(name, u)| {
                let other = if u.datetime {
                    "a date"
                } else {
                    "a string selector"
                };
                format!("`${name}` is a number in one place and {other} in another")
            })
            .collect();
        for c in conflicts {
            first.issue(c);
        }
        let mut second = self.walk(id, pattern, kinds.clone());
        for i in first.issues {
            second.issue(i);
        }
        Converted {
            icu: if second.too_big() {
                String::new()
            } else {
                second.out
            },
            variables: kinds,
            issues: second.issues,
            source: pattern_source(pattern),
            runtime_formats: second.runtime_formats,
        }
    }

    fn walk(
        &self,
        id: &str,
        pattern: &ast::Pattern<&'s str>,
        kinds: BTreeMap<String, Kind>,
    ) -> Walk {
        let mut w = Walk {
            out: String::new(),
            pending: String::new(),
            uses: BTreeMap::new(),
            kinds,
            issues: Vec::new(),
            stack: vec![id.to_string()],
            depth: 0,
            too_deep: false,
            runtime_formats: false,
        };
        self.pattern(pattern, None, Parent::Top, &mut w);
        w.flush(Parent::Top);
        if w.too_big() {
            w.issue("the ICU text would be larger than 1 MiB".into());
        }
        w
    }

    fn pattern(
        &self,
        pattern: &ast::Pattern<&'s str>,
        scope: Option<&HashMap<String, Arg>>,
        parent: Parent,
        w: &mut Walk,
    ) {
        w.depth += 1;
        if w.depth > MAX_DEPTH || w.too_deep {
            w.issue("nested too deeply for ICU".into());
            w.too_deep = true;
            w.depth -= 1;
            return;
        }
        for element in &pattern.elements {
            if w.done() {
                break;
            }
            match element {
                ast::PatternElement::TextElement { value } => w.lit(value),
                ast::PatternElement::Placeable { expression } => {
                    self.expression(expression, scope, parent, w)
                }
            }
        }
        w.depth -= 1;
    }

    fn expression(
        &self,
        expression: &ast::Expression<&'s str>,
        scope: Option<&HashMap<String, Arg>>,
        parent: Parent,
        w: &mut Walk,
    ) {
        match expression {
            ast::Expression::Inline(e) => self.inline(e, scope, parent, w),
            ast::Expression::Select { selector, variants } => {
                self.select(selector, variants, scope, parent, w)
            }
        }
    }

    /// A variable as it is in the scope: the caller's (by name) or a term's literal.
    fn variable(&self, name: &str, scope: Option<&HashMap<String, Arg>>) -> Option<Arg> {
        match scope {
            None => Some(Arg::Var(name.to_string())),
            Some(args) => args.get(name).cloned(),
        }
    }

    fn inline(
        &self,
        e: &ast::InlineExpression<&'s str>,
        scope: Option<&HashMap<String, Arg>>,
        parent: Parent,
        w: &mut Walk,
    ) {
        match e {
            ast::InlineExpression::StringLiteral { value } => {
                w.lit(&fluent_syntax::unicode::unescape_unicode_to_string(value))
            }
            ast::InlineExpression::NumberLiteral { value } => self.number_literal(value, w),
            ast::InlineExpression::VariableReference { id } => {
                match self.variable(id.name, scope) {
                    Some(Arg::Var(name)) => {
                        w.uses.entry(name.clone()).or_default();
                        argument_name(&name, w);
                        // Fluent formats a number or a date passed as a variable with the
                        // locale's Intl formatter; ICU does so only when told.
                        let text = match w.kinds.get(&name) {
                            Some(Kind::Number) => format!("{{{name}, number}}"),
                            Some(Kind::DateTime) => format!("{{{name}, date}}"),
                            _ => format!("{{{name}}}"),
                        };
                        w.raw(parent, &text);
                    }
                    Some(Arg::Str(s)) => w.lit(&s),
                    Some(Arg::Num(n)) => self.number_literal(&n, w),
                    // Fluent writes a term's unset variable as `{$x}` (no error).
                    None => w.lit(&format!("{{${}}}", id.name)),
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                match arguments.positional.first() {
                    Some(ast::InlineExpression::VariableReference { id: v }) => {
                        match self.variable(v.name, scope) {
                            Some(Arg::Var(name)) => {
                                w.uses.entry(name.clone()).or_default().number = true;
                                let style = number_style(&arguments.named, w);
                                w.raw(parent, &format!("{{{name}, number{style}}}"));
                            }
                            Some(Arg::Num(n)) => self.number_literal(&n, w),
                            Some(Arg::Str(s)) => {
                                w.issue("NUMBER() of a string".into());
                                w.lit(&s)
                            }
                            None => w.lit(&format!("{{${}}}", v.name)),
                        }
                    }
                    Some(ast::InlineExpression::NumberLiteral { value }) => {
                        self.number_literal(value, w)
                    }
                    _ => w.issue("NUMBER() without a variable or number".into()),
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } if id.name == "DATETIME" => {
                match arguments.positional.first() {
                    Some(ast::InlineExpression::VariableReference { id: v }) => {
                        match self.variable(v.name, scope) {
                            Some(Arg::Var(name)) => {
                                w.uses.entry(name.clone()).or_default().datetime = true;
                                argument_name(&name, w);
                                let style =
                                    datetime_style(&arguments.named, self.private_region, w);
                                w.raw(parent, &format!("{{{name}, {style}}}"));
                            }
                            _ => w.issue("DATETIME() of a term's argument".into()),
                        }
                    }
                    _ => w.issue("DATETIME() without a variable".into()),
                }
            }
            ast::InlineExpression::FunctionReference { id, .. } => {
                w.runtime_formats = true;
                w.issue(format!("function {}() has no ICU equivalent", id.name))
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let Some(m) = self.messages.get(id.name) else {
                    w.issue(format!("message `{}` does not exist", id.name));
                    return;
                };
                let pattern = match attribute {
                    None => m.value.as_ref(),
                    Some(a) => m
                        .attributes
                        .iter()
                        .find(|x| x.id.name == a.name)
                        .map(|x| &x.value),
                };
                let key = match attribute {
                    None => id.name.to_string(),
                    Some(a) => format!("{}.{}", id.name, a.name),
                };
                let Some(pattern) = pattern else {
                    w.issue(format!("`{key}` has no text"));
                    return;
                };
                if w.stack.contains(&key) {
                    w.issue(format!("cyclic reference to `{key}`"));
                    return;
                }
                w.stack.push(key);
                self.pattern(pattern, scope, parent, w);
                w.stack.pop();
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let Some(t) = self.terms.get(id.name) else {
                    w.issue(format!("term `-{}` does not exist", id.name));
                    return;
                };
                if attribute.is_some() {
                    w.issue(format!("term attribute `-{}` used as text", id.name));
                    return;
                }
                let key = format!("-{}", id.name);
                if w.stack.contains(&key) {
                    w.issue(format!("cyclic reference to `{key}`"));
                    return;
                }
                let mut args = HashMap::new();
                for a in arguments.iter().flat_map(|c| &c.named) {
                    let value = match &a.value {
                        ast::InlineExpression::StringLiteral { value } => Arg::Str(
                            fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
                        ),
                        ast::InlineExpression::NumberLiteral { value } => {
                            Arg::Num(value.to_string())
                        }
                        ast::InlineExpression::VariableReference { id: v } => {
                            match self.variable(v.name, scope) {
                                Some(arg) => arg,
                                None => continue,
                            }
                        }
                        _ => {
                            w.issue(format!("term argument `{}` is not a literal", a.name.name));
                            continue;
                        }
                    };
                    args.insert(a.name.name.to_string(), value);
                }
                w.stack.push(key);
                self.pattern(&t.value, Some(&args), parent, w);
                w.stack.pop();
            }
            ast::InlineExpression::Placeable { expression } => {
                self.expression(expression, scope, parent, w)
            }
        }
    }

    /// A number literal as written. Fluent formats it with the locale's number format
    /// (grouping, decimal separator, and digits: `1` is `۱` in Persian), which ICU has no
    /// way to ask for a literal, so every one is noted.
    fn number_literal(&self, value: &str, w: &mut Walk) {
        w.issue(format!(
            "number literal {value} is formatted per locale by Fluent (digits, separators), written as is in ICU"
        ));
        w.runtime_formats = true;
        w.lit(value);
    }

    fn select(
        &self,
        selector: &ast::InlineExpression<&'s str>,
        variants: &[ast::Variant<&'s str>],
        scope: Option<&HashMap<String, Arg>>,
        parent: Parent,
        w: &mut Walk,
    ) {
        // The selector: a variable (a plural or a string select), or something known now.
        let ordinal = false;
        let mut number_opts = false;
        let known: Result<String, Arg> = match selector {
            ast::InlineExpression::VariableReference { id } => {
                match self.variable(id.name, scope) {
                    Some(Arg::Var(name)) => Err(Arg::Var(name)),
                    Some(arg) => Err(arg),
                    None => Ok(String::new()), // unset term variable: the default variant
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                // `type: "ordinal"` is ignored by @fluent/bundle when a translation sets
                // it (the number keeps its cardinal rules): followed here.
                for a in &arguments.named {
                    if !matches!(
                        a.name.name,
                        "type"
                            | "style"
                            | "currency"
                            | "useGrouping"
                            | "unitDisplay"
                            | "currencyDisplay"
                    ) {
                        number_opts = true;
                    }
                }
                match arguments.positional.first() {
                    Some(ast::InlineExpression::VariableReference { id: v }) => {
                        match self.variable(v.name, scope) {
                            Some(Arg::Var(name)) => {
                                w.uses.entry(name.clone()).or_default().number = true;
                                Err(Arg::Var(name))
                            }
                            Some(arg) => Err(arg),
                            None => Ok(String::new()),
                        }
                    }
                    Some(ast::InlineExpression::NumberLiteral { value }) => {
                        Err(Arg::Num(value.to_string()))
                    }
                    _ => Ok(String::new()),
                }
            }
            ast::InlineExpression::StringLiteral { value } => {
                Ok(fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned())
            }
            ast::InlineExpression::NumberLiteral { value } => Err(Arg::Num(value.to_string())),
            ast::InlineExpression::TermReference {
                id,
                attribute: Some(attr),
                ..
            } => {
                let text = self.terms.get(id.name).and_then(|t| {
                    t.attributes
                        .iter()
                        .find(|a| a.id.name == attr.name)
                        .map(|a| crate::ftl::pattern_text(&a.value))
                });
                Ok(text.unwrap_or_default())
            }
            _ => {
                // (A function of the app's: only the app can choose the variant.)
                w.runtime_formats = true;
                w.issue("a selector ICU cannot express".into());
                Ok(String::new())
            }
        };
        let default = variants
            .iter()
            .find(|v| v.default)
            .or_else(|| variants.last());
        let Some(default) = default else {
            return;
        };
        let var = match known {
            Ok(key) => {
                // Decided now: the first variant with that key, else the default.
                let v = variants
                    .iter()
                    .find(
                        |v| matches!(&v.key, ast::VariantKey::Identifier { name } if *name == key),
                    )
                    .unwrap_or(default);
                self.pattern(&v.value, scope, parent, w);
                return;
            }
            Err(Arg::Str(s)) => {
                let v = variants
                    .iter()
                    .find(|v| matches!(&v.key, ast::VariantKey::Identifier { name } if *name == s))
                    .unwrap_or(default);
                self.pattern(&v.value, scope, parent, w);
                return;
            }
            Err(Arg::Num(n)) => {
                let v = variants
                    .iter()
                    .find(|v| matches!(&v.key, ast::VariantKey::NumberLiteral { value } if value.parse::<f64>().ok() == n.parse::<f64>().ok()))
                    .unwrap_or_else(|| {
                        w.issue(format!("a select on the number {n} (plural rules) decided as its default"));
                        default
                    });
                self.pattern(&v.value, scope, parent, w);
                return;
            }
            Err(Arg::Var(name)) => name,
        };
        let numeric = ordinal
            || matches!(selector, ast::InlineExpression::FunctionReference { .. })
            || variants.iter().any(|v| match &v.key {
                ast::VariantKey::NumberLiteral { .. } => true,
                ast::VariantKey::Identifier { name } => {
                    CATEGORIES.contains(name) && *name != "other"
                }
            });
        // Only `*[other]`: what a plural is in Japanese, Chinese or Vietnamese (their one
        // category), and a string select's default alike. A plural when the variable is
        // a number (the source's plural says so); it was a `select`, whose `{count}`
        // ICU printed unformatted ("1234.5" for Fluent's "1,234.5").
        let only_other = variants
            .iter()
            .all(|v| matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "other"));
        let numeric = numeric || (only_other && w.kinds.get(&var) == Some(&Kind::Number));
        let uses = w.uses.entry(var.clone()).or_default();
        if numeric {
            uses.number = true;
        } else if !only_other {
            uses.string_select = true;
        }
        if number_opts {
            w.issue(format!(
                "plural select on NUMBER(${var}, …) with formatting options"
            ));
        }
        let (kind, inner) = match (numeric, ordinal) {
            (true, true) => ("selectordinal", Parent::Plural),
            (true, false) => ("plural", Parent::Plural),
            _ => ("select", Parent::Select),
        };
        w.raw(parent, &format!("{{{var}, {kind},"));
        // (A set: a select of 40,000 variants took 8 s with a list.)
        let mut seen: rustc_hash::FxHashSet<String> = Default::default();
        let mut category_before = false;
        let mut arms: Vec<(String, &ast::Pattern<&'s str>)> = Vec::new();
        for v in variants {
            let key = match &v.key {
                ast::VariantKey::NumberLiteral { value } if numeric => {
                    if category_before {
                        w.issue(format!("variant [{value}] follows a plural category: Fluent may never reach it, ICU tries it first"));
                    }
                    if value.bytes().all(|b| b.is_ascii_digit()) {
                        let digits = value.trim_start_matches('0');
                        format!("={}", if digits.is_empty() { "0" } else { digits })
                    } else {
                        w.issue(format!(
                            "variant [{value}]: ICU (FormatJS) takes whole numbers only after `=`"
                        ));
                        match value.parse::<f64>() {
                            Ok(n) => format!("={n}"),
                            Err(_) => continue,
                        }
                    }
                }
                ast::VariantKey::NumberLiteral { .. } => continue,
                ast::VariantKey::Identifier { name } if numeric => {
                    if !CATEGORIES.contains(name) {
                        continue; // a number never selects it
                    }
                    category_before = true;
                    name.to_string()
                }
                ast::VariantKey::Identifier { name } => {
                    if name.contains('-') {
                        w.issue(format!(
                            "variant [{name}]: ICU select keys cannot contain `-`"
                        ));
                    }
                    name.to_string()
                }
            };
            if v.default {
                // Its own key too: with an explicit [other] elsewhere, only the
                // categories no variant names differ (reported below).
                if key != "other" && seen.insert(key.clone()) {
                    arms.push((key, &v.value));
                }
                continue;
            }
            if key == "other" && !v.default && !default_is_other(variants) {
                w.issue(format!(
                    "`${var}`: an [other] variant that is not the default"
                ));
            }
            if seen.insert(key.clone()) {
                arms.push((key, &v.value));
            }
        }
        if !seen.contains("other") {
            arms.push(("other".into(), &default.value));
        }
        for (key, pattern) in arms {
            if w.done() {
                break;
            }
            w.raw(inner, &format!(" {key} {{"));
            self.pattern(pattern, scope, inner, w);
            w.raw(inner, "}");
        }
        w.raw(inner, "}");
    }
}

fn default_is_other(variants: &[ast::Variant<&str>]) -> bool {
    variants.iter().any(|v| {
        v.default && matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "other")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn icu(ftl: &str, id: &str) -> Converted {
        let all = convert_resource(ftl, &Kinds::new());
        let (id, attr) = id.split_once('.').map_or((id, None), |(a, b)| (a, Some(b)));
        let m = &all[id];
        match attr {
            None => m.value.clone().unwrap(),
            Some(a) => m.attributes[a].clone(),
        }
    }

    // useGrouping as @fluent/bundle passes it to Intl: 0 is `group-off`; "min2",
    // "always" and a true number are reported (FormatJS has no skeleton for them).
    // ja/zh/vi have one plural category: a translation of a plural is `*[other]` only.
    #[test]
    fn a_plural_with_only_other_is_a_plural_when_the_variable_is_a_number() {
        let mut hints = Kinds::new();
        hints.insert("n".into(), [("count".to_string(), Kind::Number)].into());
        let out = convert_resource(
            "n = { $count ->\n   *[other] { $count } 件\n}\ns = { $g ->\n   *[other] { $g }\n}\n",
            &hints,
        );
        let n = out["n"].value.clone().unwrap();
        assert_eq!(n.icu, "{count, plural, other {{count, number} 件}}");
        assert_eq!(n.variables["count"], Kind::Number);
        let s = out["s"].value.clone().unwrap();
        assert_eq!(s.icu, "{g, select, other {{g}}}");
    }

    #[test]
    fn an_attribute_using_its_own_value_is_no_cycle() {
        let out = convert_resource(
            "self = Self\n    .a = attr of { self }\nloop = { loop.b }\n    .b = { loop }\n",
            &Kinds::new(),
        );
        let a = &out["self"].attributes["a"];
        assert_eq!(a.icu, "attr of Self");
        assert!(a.issues.is_empty(), "{:?}", a.issues);
        assert!(out["loop"].attributes["b"]
            .issues
            .iter()
            .any(|i| i.contains("cyclic")));
    }

    #[test]
    fn use_grouping_is_followed_or_reported() {
        let out = convert_resource(
            "a = { NUMBER($n, useGrouping: 0) }\nb = { NUMBER($n, useGrouping: \"min2\") }\nc = { NUMBER($n, useGrouping: \"false\") }\nd = { NUMBER($n, useGrouping: 1) }\n",
            &Kinds::new(),
        );
        let v = |id: &str| out[id].value.clone().unwrap();
        assert_eq!(v("a").icu, "{n, number, ::group-off}");
        assert!(v("a").issues.is_empty());
        assert_eq!(v("b").icu, "{n, number}");
        assert_eq!(v("b").issues.len(), 1);
        assert!(v("c").issues.is_empty());
        assert_eq!(v("d").issues.len(), 1);
    }

    #[test]
    fn variables_numbers_and_plurals() {
        let c = icu(
            "files = { $count ->\n    [0] No files\n    [one] One file in { $dir }\n   *[other] { $count } files\n}\n",
            "files",
        );
        assert_eq!(
            c.icu,
            "{count, plural, =0 {No files} one {One file in {dir}} other {{count, number} files}}"
        );
        assert_eq!(c.variables["count"], Kind::Number);
        assert_eq!(c.variables["dir"], Kind::String);
        assert!(c.issues.is_empty(), "{:?}", c.issues);
    }

    #[test]
    fn number_options() {
        let c = icu(
            "a = { NUMBER($n, minimumFractionDigits: 2) } / { NUMBER($p, style: \"percent\") } / { NUMBER($c, style: \"currency\", currency: \"eur\") }\n",
            "a",
        );
        assert_eq!(c.icu, "{n, number, ::.00#} / {p, number} / {c, number}");
        assert!(c.issues.is_empty());
        let c = icu(
            "a = { NUMBER($n, minimumIntegerDigits: 3, maximumSignificantDigits: 2) } { NUMBER($m, maximumFractionDigits: 0) }\n",
            "a",
        );
        assert_eq!(
            c.icu,
            "{n, number, ::integer-width/*000 @#} {m, number, ::precision-integer}"
        );
        let c = icu("a = { NUMBER($n, notation: \"compact\") }\n", "a");
        assert_eq!(c.icu, "{n, number}");
        assert_eq!(c.issues.len(), 1);
    }

    #[test]
    fn string_selects_terms_and_references() {
        let ftl = "-brand = { $case ->\n   *[nom] Carta\n    [gen] Carty\n}\n    .gender = feminine\nwho = { -brand(case: \"gen\") } and { -brand }\nsel = { -brand.gender ->\n    [masculine] he\n   *[other] she\n}\ng = { $who ->\n    [male] him\n   *[other] { who }\n}\n";
        assert_eq!(icu(ftl, "who").icu, "Carty and Carta");
        assert_eq!(icu(ftl, "sel").icu, "she");
        let g = icu(ftl, "g");
        assert_eq!(g.icu, "{who, select, male {him} other {Carty and Carta}}");
        assert_eq!(g.variables["who"], Kind::String);
        let ord = icu(
            "o = { NUMBER($n, type: \"ordinal\") ->\n    [one] {$n}st\n   *[other] {$n}th\n}\n",
            "o",
        );
        // As @fluent/bundle reads a translation: `type` ignored, cardinal rules.
        assert_eq!(
            ord.icu,
            "{n, plural, one {{n, number}st} other {{n, number}th}}"
        );
    }

    #[test]
    fn escaping_follows_icu_apostrophe_rules() {
        let c = icu("a = It's {\"{\"}x{\"}\"} <b> {\"{'}\"}\n", "a");
        assert_eq!(c.icu, "It''s '{'x'}' '<'b> '{''}'");
        // `#` is quoted only where it would be the number: directly inside a plural.
        let c = icu(
            "a = #1 { $n ->\n    [one] #one\n   *[other] #{ $s ->\n       *[x] #x\n    }\n}\n",
            "a",
        );
        assert_eq!(
            c.icu,
            "#1 {n, plural, one {'#'one} other {'#'{s, select, x {#x} other {#x}}}}"
        );
    }

    #[test]
    fn what_icu_cannot_say_is_reported() {
        let c = icu(
            "a = { $n ->\n    [one] one\n    [1] exactly\n   *[other] many\n}\n",
            "a",
        );
        assert!(c.issues[0].contains("[1]"), "{:?}", c.issues);
        let c = icu("a = { a } x\nb = { c }\nc = { b }\n", "a");
        assert!(
            c.issues.iter().any(|i| i.contains("cyclic")),
            "{:?}",
            c.issues
        );
        let c = icu("a = { 1234.5 }\n", "a");
        assert_eq!(c.issues.len(), 1);
        let c = icu("a = { PLATFORM() }\n", "a");
        assert_eq!(c.issues.len(), 1);
        let c = icu("a = { 3 } items\n", "a");
        assert!(c.issues[0].contains("number literal 3"), "{:?}", c.issues);
        // Fluent identifiers ICU cannot parse, and keys FormatJS refuses.
        let c = icu("a = Hi { $user-name }\n", "a");
        assert!(c.issues[0].contains("`$user-name`"), "{:?}", c.issues);
        let c = icu("a = { $k ->\n    [foo-bar] x\n   *[other] y\n}\n", "a");
        assert!(c.issues[0].contains("[foo-bar]"), "{:?}", c.issues);
        let c = icu("a = { $n ->\n    [0.5] half\n   *[other] y\n}\n", "a");
        assert!(c.issues[0].contains("[0.5]"), "{:?}", c.issues);
        let c = icu("a = { $n ->\n    [007] seven\n   *[other] y\n}\n", "a");
        assert_eq!(c.icu, "{n, plural, =7 {seven} other {y}}");
        assert!(c.issues.is_empty(), "{:?}", c.issues);
    }

    /// DATETIME: the Intl options a translation may set as an ICU skeleton (what
    /// @fluent/bundle and intl-messageformat agree on, tried in Node for en, de, ar, ja,
    /// fr and es); what FormatJS reads differently is reported.
    #[test]
    fn datetime_becomes_a_date_skeleton() {
        let c = icu("a = { DATETIME($d) }\n", "a");
        assert_eq!(c.icu, "{d, date}");
        assert_eq!(c.variables["d"], Kind::DateTime);
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        let c = icu(
            "a = { DATETIME($d, weekday: \"long\", day: \"numeric\", month: \"long\", year: \"numeric\") } { DATETIME($d, hour: \"numeric\", minute: \"2-digit\") } { DATETIME($d, hour: \"2-digit\", hour12: \"false\") } { DATETIME($d, hour: \"numeric\", hour12: \"\") }\n",
            "a",
        );
        assert_eq!(
            c.icu,
            "{d, date, ::yMMMMdEEEE} {d, date, ::jmm} {d, date, ::hh} {d, date, ::H}"
        );
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        let c = icu(
            "a = { DATETIME($d, dateStyle: \"long\") } { DATETIME($d, timeStyle: \"short\") }\n",
            "a",
        );
        assert_eq!(c.icu, "{d, date, long} {d, time, short}");
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        for (opt, why) in [
            (
                "minimumFractionDigits: 3, maximumFractionDigits: 1",
                "above",
            ),
            ("maximumSignificantDigits: 0", "out of Intl's range"),
            ("minimumFractionDigits: \"abc\"", "out of Intl's range"),
        ] {
            let c = icu(&format!("a = {{ NUMBER($n, {opt}) }}\n"), "a");
            assert!(
                c.issues.iter().any(|i| i.contains(why)),
                "{opt}: {:?}",
                c.issues
            );
        }
        // Intl cuts a fraction off: 2.5 is 2 (and at most 3), as ICU's `.00#` says (the third attack
        // found "out of range" reported, and the digits lost).
        let c = icu("a = { NUMBER($n, minimumFractionDigits: 2.5) }\n", "a");
        assert_eq!(c.icu, "{n, number, ::.00#}");
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        for (opt, why) in [
            ("dateStyle: \"short\"", "FormatJS's own style"),
            ("dayPeriod: \"short\"", "no ICU equivalent"),
            ("month: \"longest\"", "not an Intl value"),
        ] {
            let c = icu(&format!("a = {{ DATETIME($d, {opt}) }}\n"), "a");
            assert!(
                c.issues.iter().any(|i| i.contains(why)),
                "{opt}: {:?}",
                c.issues
            );
        }
        // A date interpolated elsewhere in the part is a date there too.
        let c = icu("a = { DATETIME($d, month: \"long\") } ({ $d })\n", "a");
        assert_eq!(c.icu, "{d, date, ::MMMM} ({d, date})");
        // Exponential references stop at the size limit, reported.
        let mut ftl = String::from("m0 = xxxxxxxxxxxxxxxx\n");
        for i in 1..40 {
            ftl.push_str(&format!("m{i} = {{ m{} }}{{ m{} }}\n", i - 1, i - 1));
        }
        let c = icu(&ftl, "m39");
        assert!(
            c.issues.iter().any(|i| i.contains("1 MiB")),
            "{:?}",
            c.issues
        );
    }

    #[test]
    fn a_number_in_the_source_is_a_number_in_a_translation() {
        let hints = kinds("a = { $n ->\n    [one] one\n   *[other] { $n } many\n}\n");
        let c = &convert_resource("a = { $n } veces\n", &hints)["a"];
        assert_eq!(c.value.as_ref().unwrap().icu, "{n, number} veces");
        assert_eq!(c.value.as_ref().unwrap().variables["n"], Kind::Number);
    }

    #[test]
    fn default_variant_that_is_not_other_beside_an_explicit_other() {
        let c = icu("a = { $n ->\n   *[one] single\n    [other] many\n}\n", "a");
        assert_eq!(c.icu, "{n, plural, one {single} other {many}}");
        assert_eq!(c.issues.len(), 1, "{:?}", c.issues);
    }

    #[test]
    fn default_variant_that_is_not_other() {
        let c = icu("a = { $n ->\n   *[one] single\n    [few] some\n}\n", "a");
        assert_eq!(c.icu, "{n, plural, one {single} few {some} other {single}}");
        assert!(c.issues.is_empty());
    }
}
