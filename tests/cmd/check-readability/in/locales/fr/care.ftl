care-title = Après votre consultation thérapeutique
care-what-to-do-heading = Recommandations postérieures à l’intervention
care-what-to-do-text = L’hydratation abondante, le repos prolongé et une reprise progressive de l’activité physique quotidienne sont vivement recommandés durant la période consécutive à l’intervention thérapeutique.
care-item-sore-spots = Zones douloureuses
    .body = Une sensibilité musculaire localisée, généralement considérée comme physiologique, peut éventuellement persister pendant vingt-quatre à quarante-huit heures consécutivement à la séance.
care-item-call-us = Nous contacter
    .body = Contactez immédiatement notre établissement en cas d’aggravation significative de la symptomatologie douloureuse.
