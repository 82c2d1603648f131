### Las palabras propias de carta en un folleto publicado, en español.

carta-notice-outdated = Esta parte ha cambiado en la versión original y su traducción se está actualizando.
carta-notice-unreviewed = Esta traducción aún no ha sido revisada por un segundo traductor.
carta-fallback-title = Aún no traducido: se muestra en { $language }
carta-fallback-notice =
    { $count ->
        [one] Un fragmento de este folleto aún no está traducido y se muestra en { $language }.
       *[other] { $count } fragmentos de este folleto aún no están traducidos y se muestran en { $language }.
    }
carta-language =
    { $code ->
        [en] inglés
        [es] español
        [fr] francés
        [pt] portugués
        [vi] vietnamita
        [zh] chino
        [ar] árabe
       *[other] { $name }
    }
carta-page-number = Página { $page } de { $pages }
carta-content-reviewed = Contenido revisado el { $date }
carta-document-version = Versión { $version }
carta-audience = Dirigido a: { $audience }
carta-translation-reviewed = Traducción revisada por { $names } el { $date }
carta-choose-language = Elija su idioma
carta-handouts = Folletos para pacientes
carta-clinic-phone = Teléfono
carta-clinic-email = Correo electrónico
carta-clinic-website = Sitio web
