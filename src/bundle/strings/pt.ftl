### As palavras do carta em um material publicado, em português.

carta-notice-outdated = Esta parte foi alterada na versão original e sua tradução está sendo atualizada.
carta-notice-unreviewed = Esta tradução ainda não foi revisada por um segundo tradutor.
carta-fallback-title = Ainda não traduzido: exibido em { $language }
carta-fallback-notice =
    { $count ->
        [one] Um trecho deste material ainda não foi traduzido e aparece em { $language }.
       *[other] { $count } trechos deste material ainda não foram traduzidos e aparecem em { $language }.
    }
carta-language =
    { $code ->
        [en] inglês
        [es] espanhol
        [fr] francês
        [pt] português
        [vi] vietnamita
        [zh] chinês
        [ar] árabe
       *[other] { $name }
    }
carta-page-number = Página { $page } de { $pages }
carta-content-reviewed = Conteúdo revisado em { $date }
carta-document-version = Versão { $version }
carta-audience = Público: { $audience }
carta-translation-reviewed = Tradução revisada por { $names } em { $date }
carta-choose-language = Escolha seu idioma
carta-handouts = Materiais para pacientes
carta-clinic-phone = Telefone
carta-clinic-email = E-mail
carta-clinic-website = Site
