### Les mots de carta sur une fiche publiée, en français.

carta-notice-outdated = Cette partie a été modifiée dans la version originale ; sa traduction est en cours de mise à jour.
carta-notice-unreviewed = Cette traduction n’a pas encore été relue par un second traducteur.
carta-fallback-title = Pas encore traduit : affiché en { $language }
carta-fallback-notice =
    { $count ->
        [one] Un passage de cette fiche n’est pas encore traduit et s’affiche en { $language }.
       *[other] { $count } passages de cette fiche ne sont pas encore traduits et s’affichent en { $language }.
    }
carta-language =
    { $code ->
        [en] anglais
        [es] espagnol
        [fr] français
        [pt] portugais
        [vi] vietnamien
        [zh] chinois
        [ar] arabe
       *[other] { $name }
    }
carta-page-number = Page { $page } sur { $pages }
carta-content-reviewed = Contenu révisé le { $date }
carta-document-version = Version { $version }
carta-audience = Public visé : { $audience }
carta-translation-reviewed = Traduction relue par { $names } le { $date }
carta-choose-language = Choisissez votre langue
carta-handouts = Fiches d’information
carta-clinic-phone = Téléphone
carta-clinic-email = Courriel
carta-clinic-website = Site web
