//! carta's own words on a published page: the notices that say a passage is not fit to
//! print as it is (`[publish]` policy `mark`), in the handout's language, English when
//! carta has no translation of them.

use super::Flag;
use crate::locale::Tag;

/// The notice for a marked passage, in `tag`'s language.
pub fn notice(tag: &Tag, flag: Flag) -> &'static str {
    let lang = tag.langid().language.as_str();
    let pseudo = matches!(tag.as_str(), "en-XA" | "ar-XB");
    match (flag, if pseudo { "en" } else { lang }) {
        (Flag::Outdated, "es") => "Esta parte ha cambiado en la versión original y su traducción se está actualizando.",
        (Flag::Outdated, "fr") => "Cette partie a été modifiée dans la version originale\u{a0}; sa traduction est en cours de mise à jour.",
        (Flag::Outdated, "pt") => "Esta parte foi alterada na versão original e sua tradução está sendo atualizada.",
        (Flag::Outdated, "zh") => "此部分在原文中已有修改，译文正在更新。",
        (Flag::Outdated, "vi") => "Phần này đã thay đổi trong bản gốc và bản dịch đang được cập nhật.",
        (Flag::Outdated, "ar") => "تغيّر هذا الجزء في النص الأصلي، ويجري تحديث ترجمته.",
        (Flag::Outdated, _) => "This part has changed in the original version; its translation is being updated.",
        (Flag::Unreviewed, "es") => "Esta traducción aún no ha sido revisada por un segundo traductor.",
        (Flag::Unreviewed, "fr") => "Cette traduction n’a pas encore été relue par un second traducteur.",
        (Flag::Unreviewed, "pt") => "Esta tradução ainda não foi revisada por um segundo tradutor.",
        (Flag::Unreviewed, "zh") => "此译文尚未经第二位译者审校。",
        (Flag::Unreviewed, "vi") => "Bản dịch này chưa được người dịch thứ hai hiệu đính.",
        (Flag::Unreviewed, "ar") => "لم يراجع مترجم ثانٍ هذه الترجمة بعد.",
        (Flag::Unreviewed, _) => "This translation has not yet been reviewed by a second translator.",
    }
}

/// Whether carta has its notices in `tag`'s language (otherwise they are English).
pub fn localized(tag: &Tag) -> bool {
    matches!(
        tag.langid().language.as_str(),
        "en" | "es" | "fr" | "pt" | "zh" | "vi" | "ar"
    )
}
