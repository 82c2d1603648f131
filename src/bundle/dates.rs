//! Dates on a page in the handout's language and CLDR's long date format ("1 de
//! noviembre de 2026", "2026年11月1日", "1 نوفمبر 2026"), by ICU4X (`icu_datetime` with
//! its compiled CLDR data: the Unicode Consortium's own library, so every locale CLDR
//! knows is right without carta keeping month names). Always the Gregorian calendar: the
//! date is the one the clinic wrote.

use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;

use crate::locale::Tag;

/// `(year, month, day)` as a long date in `tag`'s language; ISO `YYYY-MM-DD` when ICU
/// has no data for it (or the date is out of its range).
pub fn long_date(tag: &Tag, (year, month, day): (i32, u8, u8)) -> String {
    let iso = format!("{year:04}-{month:02}-{day:02}");
    // A pseudo-locale's region (XA, XB) is not a real one: its language's format.
    let name = if matches!(tag.as_str(), "en-XA" | "ar-XB") {
        tag.langid().language.as_str().to_string()
    } else {
        tag.as_str().to_string()
    };
    let Ok(locale) = name.parse::<icu_locale_core::Locale>() else {
        return iso;
    };
    let Ok(formatter) =
        FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(locale.into(), YMD::long())
    else {
        return iso;
    };
    let Ok(date) = Date::try_new_gregorian(year, month, day) else {
        return iso;
    };
    formatter.format(&date).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_long_dates() {
        let d = (2026, 11, 1);
        let f = |t: &str| long_date(&Tag::parse(t).unwrap(), d);
        assert_eq!(f("en-US"), "November 1, 2026");
        assert_eq!(f("es"), "1 de noviembre de 2026");
        assert_eq!(f("fr"), "1 novembre 2026");
        assert_eq!(f("pt-BR"), "1 de novembro de 2026");
        assert_eq!(f("zh-Hans"), "2026年11月1日");
        assert_eq!(f("vi"), "1 tháng 11 2026");
        assert_eq!(f("ar"), "1 نوفمبر 2026");
        assert_eq!(f("en-XA"), "November 1, 2026");
    }
}
