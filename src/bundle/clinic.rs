//! The clinic's brand on every page (`[clinic]` in carta.toml): a header with its logo
//! and name, its contact details in the footer, its name on every printed page, its
//! accent colour. Every value is text escaped where it is written (HTML content,
//! attribute, CSS string); the logo is an image checked by its bytes and embedded as a
//! `data:` URI, so the page still makes no request.

use base64::Engine;

use super::html::escape;
use super::strings::Strings;
use crate::config::ClinicText;

/// The largest logo carta embeds in every page.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

/// Whether `c` may not be in a word printed on every page (a `[clinic]` value, a
/// `carta.ftl` message): a control character, a bidi control (it reorders what is around
/// it), a line or paragraph separator, an interlinear annotation or tag character, or any
/// other default-ignorable (invisible) code point — except ZWNJ and ZWJ (U+200C, U+200D:
/// Persian and other scripts and emoji sequences need them) and the variation selectors
/// (U+FE00–FE0F: emoji presentation). The caller allows the line breaks it allows.
pub fn forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'
                | '\u{200E}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// The clinic as one locale's pages show it.
#[derive(Debug, Clone, Default)]
pub struct Clinic {
    pub text: ClinicText,
    /// `data:image/…;base64,…`
    pub logo: Option<String>,
    /// `#rrggbb`, checked by config.
    pub accent: Option<String>,
}

/// An image file → its `data:` URI, when it is a PNG, JPEG, GIF or WebP (by its bytes,
/// not its name) of at most [`MAX_LOGO_BYTES`].
pub fn logo_data_uri(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(format!(
            "the logo is {} KiB; carta embeds it in every page, so it may be at most {} KiB",
            bytes.len().div_ceil(1024),
            MAX_LOGO_BYTES / 1024
        ));
    }
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "image/gif"
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        return Err("the logo is not a PNG, JPEG, GIF or WebP image (an SVG can carry script and links: export it as PNG)".into());
    };
    Ok(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// A phone number as a `tel:` target: its digits and a leading `+`.
fn tel(phone: &str) -> String {
    let mut out = String::new();
    for c in phone.trim().chars() {
        if c.is_ascii_digit() || (c == '+' && out.is_empty()) {
            out.push(c);
        }
    }
    format!("tel:{out}")
}

/// A website as shown on the page: without its scheme and a trailing slash.
fn shown_site(url: &str) -> &str {
    let bare = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    bare.strip_suffix('/').unwrap_or(bare)
}

impl Clinic {
    pub fn is_empty(&self) -> bool {
        self.text == ClinicText::default() && self.logo.is_none()
    }

    /// The page header: logo and name.
    pub fn header(&self) -> String {
        if self.text.name.is_none() && self.logo.is_none() {
            return String::new();
        }
        let name = self.text.name.as_deref().unwrap_or_default();
        let logo = self
            .logo
            .as_deref()
            .map(|uri| {
                format!(
                    "<img class=\"clinic-logo\" src=\"{}\" alt=\"{}\">",
                    escape(uri),
                    escape(name)
                )
            })
            .unwrap_or_default();
        let name = if name.is_empty() {
            String::new()
        } else {
            format!("<span class=\"clinic-name\">{}</span>", escape(name))
        };
        format!("<header class=\"clinic\">{logo}{name}</header>\n")
    }

    /// The contact line of the footer (address, phone, website, e-mail).
    pub fn contact(&self, strings: &Strings) -> String {
        let sep = label_separator(strings);
        let mut parts = Vec::new();
        let t = &self.text;
        if let Some(name) = &t.name {
            parts.push(format!("<strong><bdi>{}</bdi></strong>", escape(name)));
        }
        if let Some(address) = &t.address {
            let lines: Vec<String> = address.lines().map(escape).collect();
            // Each text isolated (`bdi`): a Latin address in an Arabic page keeps its order.
            parts.push(format!(
                "<bdi class=\"clinic-address\">{}</bdi>",
                lines.join(", ")
            ));
        }
        // Addresses and numbers read left to right in every page (`bdi dir=ltr`).
        if let Some(phone) = &t.phone {
            parts.push(format!(
                "<span class=\"contact-item\">{}{sep}<a href=\"{}\"><bdi dir=\"ltr\">{}</bdi></a></span>",
                escape(&strings.text("carta-clinic-phone")),
                escape(&tel(phone)),
                escape(phone.trim())
            ));
        }
        if let Some(site) = &t.website {
            parts.push(format!(
                "<span class=\"contact-item\">{}{sep}<a href=\"{}\"><bdi dir=\"ltr\">{}</bdi></a></span>",
                escape(&strings.text("carta-clinic-website")),
                escape(&super::html::safe_url(site)),
                escape(shown_site(site))
            ));
        }
        if let Some(email) = &t.email {
            parts.push(format!(
                "<span class=\"contact-item\">{}{sep}<a href=\"mailto:{}\"><bdi dir=\"ltr\">{}</bdi></a></span>",
                escape(&strings.text("carta-clinic-email")),
                escape(&crate::fs::uri_segment(email).replace("%40", "@")),
                escape(email)
            ));
        }
        if parts.is_empty() {
            return String::new();
        }
        format!("<p class=\"clinic-contact\">{}</p>\n", parts.join(" · "))
    }
}

/// Between a label and its value, as the language writes it ("Téléphone : …", "电话：…").
fn label_separator(strings: &Strings) -> &'static str {
    match strings.tag.langid().language.as_str() {
        "fr" => "\u{a0}: ",
        "zh" | "ja" => "：",
        _ => ": ",
    }
}

/// `text` as a CSS string literal: everything but letters, digits and spaces written as a
/// CSS escape, so no value can end the string, the rule or the `<style>` element.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if (c.is_alphanumeric() && !c.is_control()) || c == ' ' {
            out.push(c);
        } else if forbidden_char(c) {
            continue;
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_checked_by_their_bytes() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(logo_data_uri(png)
            .unwrap()
            .starts_with("data:image/png;base64,iVBOR"));
        assert!(logo_data_uri(b"<svg onload=alert(1)>")
            .unwrap_err()
            .contains("SVG"));
        assert!(logo_data_uri(b"GIF89a....")
            .unwrap()
            .starts_with("data:image/gif"));
        let big = [png.as_slice(), &vec![0u8; MAX_LOGO_BYTES]].concat();
        assert!(logo_data_uri(&big).unwrap_err().contains("at most 256 KiB"));
    }

    #[test]
    fn css_strings_cannot_break_out() {
        let s = css_string("a\"; } </style><script>x</script> \\ \u{202E}é");
        let inner = &s[1..s.len() - 1];
        for c in ['"', '<', '>', '}', ';'] {
            assert!(!inner.contains(c), "{c} in {s}");
        }
        assert!(!s.contains('\u{202E}'));
        assert!(s.contains('é'));
        assert_eq!(css_string("Página 1"), "\"Página 1\"");
        assert_eq!(tel("+1 (555) 010-0"), "tel:+15550100");
    }
}
