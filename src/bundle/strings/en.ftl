### carta's own words on a published handout, in English (the fallback for every
### language). A project changes any of them in `locales/<tag>/carta.ftl`.

# After a passage published although its source changed since it was translated.
carta-notice-outdated = This part has changed in the original version; its translation is being updated.
# After a passage no second translator has signed off yet.
carta-notice-unreviewed = This translation has not yet been reviewed by a second translator.
# Tooltip of a passage shown in another language. $language: carta-language of it.
carta-fallback-title = Not translated yet: shown in { $language }
# Footer of a page some of whose passages are shown in another language.
carta-fallback-notice =
    { $count ->
        [one] One passage of this handout is not translated yet and is shown in { $language }.
       *[other] { $count } passages of this handout are not translated yet and are shown in { $language }.
    }
# A language's name in this language. $code: the language subtag; $name: its own name.
carta-language =
    { $code ->
        [en] English
        [es] Spanish
        [fr] French
        [pt] Portuguese
        [vi] Vietnamese
        [zh] Chinese
        [ar] Arabic
       *[other] { $name }
    }
# Printed at the foot of every page.
carta-page-number = Page { $page } of { $pages }
# $date: the `reviewed` date of the handout's front matter, in this language's format.
carta-content-reviewed = Content reviewed on { $date }
carta-document-version = Version { $version }
carta-audience = For: { $audience }
# $names: who signed off the translation (carta review); $date: the latest sign-off.
carta-translation-reviewed = Translation reviewed by { $names } on { $date }
# The language picker (dist/index.html).
carta-choose-language = Choose your language
carta-handouts = Handouts
# Labels of the clinic's contact details. (A project's carta.ftl may also set
# carta-clinic-name and carta-clinic-address: the clinic's own text in that locale.)
carta-clinic-phone = Phone
carta-clinic-email = E-mail
carta-clinic-website = Website
