//! What the JavaScript runtimes refuse (and one thing carta cannot format: `DATETIME()`
//! of a literal, which its handouts would print as "DATETIME()"): the options of a translation's `NUMBER()` and
//! `DATETIME()` that make `Intl` throw (a `RangeError` or `TypeError`), so that
//! @fluent/bundle reports an error and prints the bare number or an ISO date, and
//! intl-messageformat throws. fluent-rs has no `Intl` and ignores them, so carta asks
//! here: build lets such a part fall back, and check reports it (E007).
//!
//! Only the options @fluent/bundle takes from a translation count (`style`, `currency`,
//! `timeZone` and the like are the developer's, and it drops them), each read as `Intl`
//! reads it: a number option is converted to a number and must lie in its range (then
//! truncated: `1.5` is 1), a string option must be one of its values.

use fluent_syntax::ast;

/// Why `Intl` refuses this call of `NUMBER` or `DATETIME` (any other function: None).
pub fn refusal(function: &str, arguments: &ast::CallArguments<&str>) -> Option<String> {
    const REFUSED: &str = ": the JavaScript runtimes' Intl refuses it (@fluent/bundle prints the bare value, intl-messageformat throws)";
    match function {
        "NUMBER" => number(arguments).map(|why| why + REFUSED),
        "DATETIME" if !literal_date(arguments) => datetime(arguments).map(|why| why + REFUSED),
        // A literal date: carta's runtime (fluent-rs has no DATETIME) would print
        // "DATETIME()" in the handout; the app's date is a variable.
        "DATETIME" => Some(
            "DATETIME() of anything but a variable (the date the app passes) cannot be formatted by carta: its handouts would print \"DATETIME()\"".into(),
        ),
        _ => None,
    }
}

fn literal_date(arguments: &ast::CallArguments<&str>) -> bool {
    !matches!(
        arguments.positional.first(),
        Some(ast::InlineExpression::VariableReference { .. })
    )
}

/// A literal option's value as `Intl` gets it: a number literal is a number, a string
/// literal a string. None for anything else (a variable: the app's, not checked here).
enum Value {
    Number(f64),
    Text(String),
}

fn value(v: &ast::InlineExpression<&str>) -> Option<Value> {
    match v {
        ast::InlineExpression::NumberLiteral { value } => value.parse().ok().map(Value::Number),
        ast::InlineExpression::StringLiteral { value } => Some(Value::Text(
            fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
        )),
        _ => None,
    }
}

impl Value {
    /// `ToNumber`, as `Intl`'s number options apply it.
    fn number(&self) -> f64 {
        match self {
            Value::Number(n) => *n,
            Value::Text(t) if t.trim().is_empty() => 0.0,
            Value::Text(t) => t.trim().parse().unwrap_or(f64::NAN),
        }
    }

    /// `ToString`, as `Intl`'s string options apply it.
    fn text(&self) -> String {
        match self {
            Value::Number(n) => format!("{n}"),
            Value::Text(t) => t.clone(),
        }
    }
}

fn named<'a>(
    arguments: &'a ast::CallArguments<&'a str>,
) -> impl Iterator<Item = (&'a str, Value)> + 'a {
    arguments
        .named
        .iter()
        .filter_map(|a| Some((a.name.name, value(&a.value)?)))
}

fn number(arguments: &ast::CallArguments<&str>) -> Option<String> {
    let mut digits: std::collections::HashMap<&str, f64> = Default::default();
    for (name, v) in named(arguments) {
        let range = match name {
            // (ES2023 allows 100; Node 20's Intl, like older browsers, 20.)
            "minimumFractionDigits" | "maximumFractionDigits" => Some(0.0..=20.0),
            "minimumIntegerDigits" | "minimumSignificantDigits" | "maximumSignificantDigits" => {
                Some(1.0..=21.0)
            }
            _ => None,
        };
        if let Some(range) = range {
            let n = v.number();
            if !range.contains(&n) {
                return Some(format!(
                    "NUMBER option `{name}: {}` is out of Intl's range ({}-{})",
                    v.text(),
                    range.start(),
                    range.end()
                ));
            }
            digits.insert(name, n.trunc());
            continue;
        }
        let allowed: &[&str] = match name {
            "unitDisplay" => &["short", "long", "narrow"],
            "currencyDisplay" => &["symbol", "narrowSymbol", "code", "name"],
            // A number: 0 is false, any other is read as the string it makes.
            "useGrouping" => match &v {
                Value::Number(n) if *n == 0.0 => continue,
                _ => &["true", "false", "auto", "always", "min2", ""],
            },
            _ => continue,
        };
        let text = v.text();
        if !allowed.contains(&text.as_str()) {
            return Some(format!(
                "NUMBER option `{name}: \"{text}\"` is not one of Intl's values ({})",
                allowed
                    .iter()
                    .filter(|a| !a.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    // A number literal's fraction digits are its minimum (`NUMBER(0.5)` keeps one).
    let literal_digits = match arguments.positional.first() {
        Some(ast::InlineExpression::NumberLiteral { value }) => {
            value.split_once('.').map_or(0.0, |(_, f)| f.len() as f64)
        }
        _ => 0.0,
    };
    let min_fd = digits
        .get("minimumFractionDigits")
        .copied()
        .unwrap_or(literal_digits);
    if let Some(&max) = digits.get("maximumFractionDigits") {
        if min_fd > max {
            return Some(format!(
                "NUMBER with {min_fd} minimum fraction digits{} above maximumFractionDigits {max}",
                if digits.contains_key("minimumFractionDigits") {
                    ""
                } else {
                    " (the literal's)"
                }
            ));
        }
    }
    if let (Some(min), Some(max)) = (
        digits.get("minimumSignificantDigits"),
        digits.get("maximumSignificantDigits"),
    ) {
        if min > max {
            return Some(format!(
                "NUMBER with minimumSignificantDigits {min} above maximumSignificantDigits {max}"
            ));
        }
    }
    None
}

fn datetime(arguments: &ast::CallArguments<&str>) -> Option<String> {
    let mut style = None;
    let mut field = None;
    for (name, v) in named(arguments) {
        let allowed: &[&str] = match name {
            "dateStyle" | "timeStyle" => &["full", "long", "medium", "short"],
            "weekday" | "era" | "dayPeriod" => &["narrow", "short", "long"],
            "year" | "day" | "hour" | "minute" | "second" => &["numeric", "2-digit"],
            "month" => &["numeric", "2-digit", "narrow", "short", "long"],
            "timeZoneName" => &[
                "short",
                "long",
                "shortOffset",
                "longOffset",
                "shortGeneric",
                "longGeneric",
            ],
            "fractionalSecondDigits" => {
                let n = v.number();
                if !(1.0..=3.0).contains(&n) {
                    return Some(format!(
                        "DATETIME option `fractionalSecondDigits: {}` is out of Intl's range (1-3)",
                        v.text()
                    ));
                }
                field = Some(name);
                continue;
            }
            _ => continue,
        };
        let text = v.text();
        if !allowed.contains(&text.as_str()) {
            return Some(format!(
                "DATETIME option `{name}: \"{text}\"` is not one of Intl's values ({})",
                allowed.join(", ")
            ));
        }
        if matches!(name, "dateStyle" | "timeStyle") {
            style = Some(name);
        } else {
            field = Some(name);
        }
    }
    match (style, field) {
        (Some(s), Some(f)) => Some(format!(
            "DATETIME with `{s}` and `{f}`: Intl refuses a style together with a field"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(text: &str) -> Option<String> {
        let ftl = format!("m = {{ {text} }}\n");
        let resource = fluent_syntax::parser::parse(ftl.as_str()).unwrap();
        let ast::Entry::Message(m) = &resource.body[0] else {
            panic!()
        };
        let ast::PatternElement::Placeable {
            expression:
                ast::Expression::Inline(ast::InlineExpression::FunctionReference { id, arguments }),
        } = &m.value.as_ref().unwrap().elements[0]
        else {
            panic!()
        };
        refusal(id.name, arguments)
    }

    /// Each verdict as Node 20's Intl gives it (`new Intl.NumberFormat("en", …)`).
    #[test]
    fn what_intl_refuses() {
        for refused in [
            "NUMBER($n, minimumFractionDigits: 200)",
            "NUMBER($n, minimumFractionDigits: 21)",
            "NUMBER($n, minimumIntegerDigits: 0)",
            "NUMBER($n, maximumFractionDigits: \"abc\")",
            "NUMBER($n, minimumFractionDigits: 3, maximumFractionDigits: 1)",
            "NUMBER(0.5, maximumFractionDigits: 0)",
            "NUMBER($n, useGrouping: \"foo\")",
            "NUMBER($n, useGrouping: 1)",
            "NUMBER($n, unitDisplay: \"wide\")",
            "DATETIME($d, dateStyle: \"lang\")",
            "DATETIME($d, era: \"numeric\")",
            "DATETIME($d, dateStyle: \"long\", weekday: \"long\")",
            "DATETIME($d, fractionalSecondDigits: 4)",
            "DATETIME($d, timeStyle: \"long\", timeZoneName: \"short\")",
            "DATETIME(0, year: \"numeric\")",
        ] {
            assert!(call(refused).is_some(), "{refused}");
        }
        for accepted in [
            "NUMBER($n, minimumFractionDigits: 1.5)",
            "NUMBER($n, maximumFractionDigits: 20)",
            "NUMBER($n, minimumFractionDigits: \"2\")",
            "NUMBER($n, useGrouping: 0)",
            "NUMBER($n, useGrouping: \"min2\")",
            "NUMBER(0.5, maximumFractionDigits: 0, minimumFractionDigits: 0)",
            "NUMBER($n, style: \"bogus\")",
            "DATETIME($d, dateStyle: \"long\", timeStyle: \"short\")",
            "DATETIME($d, timeZoneName: \"shortOffset\", month: \"2-digit\")",
            "DATETIME($d, hour12: \"foo\")",
            "DATETIME($d, dateStyle: \"long\", hour12: 0)",
            "UPPER($d, x: \"y\")",
        ] {
            assert_eq!(call(accepted), None, "{accepted}");
        }
    }
}
