### Translation of content/dry-needling.md into fr.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale fr` to see what is missing or outdated.

dry-needling-title = La puncture sèche et ses bienfaits

## What is Dry Needling?

dry-needling-what-is-dry-needling-heading = Qu’est-ce que la puncture sèche ?

dry-needling-what-is-dry-needling-text = La puncture sèche (dry needling) est une technique thérapeutique utilisée par certains professionnels de santé, dont les kinésithérapeutes, pour traiter les douleurs et les dysfonctionnements musculosquelettiques et neuromusculaires. Elle consiste à insérer de fines aiguilles de type monofilament en des points précis, dans et autour des muscles, des tendons et d’autres tissus mous.

## 10 Benefits of Dry Needling

dry-needling-benefits-of-dry-needling-heading = 10 bienfaits de la puncture sèche

dry-needling-benefit-pain-relief = Soulagement de la douleur
    .body = La puncture sèche est un outil efficace qui peut être utilisé pour soulager la douleur en ciblant les points gâchettes, les muscles contractés, les nerfs irrités et les zones de douleur chronique.

dry-needling-benefit-improved-range-of-motion = Amélioration de l’amplitude de mouvement
    .body = En ciblant et en relâchant les tensions et les points gâchettes dans les muscles, la puncture sèche peut contribuer à accroître la souplesse et à améliorer la mobilité, ce qui favorise la rééducation et une meilleure mécanique lors des exercices.

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = Amélioration de la fonction musculaire et du contrôle neuromusculaire
    .body = Cette technique peut cibler et stimuler des muscles précis afin de les activer, ce qui les aide à fonctionner plus efficacement et favorise un meilleur développement, un meilleur contrôle et une meilleure coordination des muscles, ainsi que leur santé globale.

dry-needling-benefit-accelerated-healing = Guérison accélérée
    .body = La puncture sèche provoque un microtraumatisme dans la zone traitée, ce qui facilite les processus naturels de guérison de l’organisme : elle déclenche une réponse inflammatoire, favorise la circulation sanguine, ce qui augmente l’apport d’oxygène et de nutriments aux tissus, et accroît la libération d’endorphines pour contrôler la douleur ; tous ces effets contribuent à une récupération plus rapide.

dry-needling-benefit-localized-treatment = Traitement localisé
    .body = La puncture sèche permet un traitement ciblé de zones précises : les kinésithérapeutes peuvent ainsi prendre en charge avec précision des problèmes localisés, tout en évitant toute intervention inutile dans les zones non atteintes.

dry-needling-benefit-deeper-treatment = Traitement plus profond
    .body = Grâce à la puncture, les tissus et les articulations peuvent être atteints à une profondeur qui dépasse ce que permettent les mains seules.

dry-needling-benefit-chronic-pain-management = Prise en charge de la douleur chronique
    .body = Dans les affections chroniques, l’organisme reste bloqué dans un cycle où il n’arrive plus à guérir par lui-même la zone concernée. La puncture sèche provoque un microtraumatisme qui peut relancer le processus inflammatoire et aider l’organisme à guérir de nouveau par lui-même.

dry-needling-benefit-treatment-of-nerve-pain = Traitement des douleurs d’origine nerveuse
    .body = La puncture sèche peut agir sur le système nerveux en influençant les neurotransmetteurs et la signalisation nerveuse. Cette neuromodulation peut aider à gérer et à réduire les douleurs d’origine nerveuse dans des affections telles que le syndrome douloureux régional complexe, la fibromyalgie et l’hypersensibilité. Le microtraumatisme provoqué par la puncture stimule un afflux de sang vers les zones ciblées, ce qui peut nourrir les nerfs et favoriser la guérison.

dry-needling-benefit-complementary-to-other-therapies = Complément à d’autres thérapies
    .body = La puncture sèche peut être intégrée à un programme complet de kinésithérapie, en complément d’autres traitements, notamment la thérapie manuelle et les exercices, pour une approche globale de la rééducation.

dry-needling-benefit-customized-treatment = Traitement personnalisé
    .body = Les kinésithérapeutes peuvent adapter les traitements par puncture sèche aux besoins propres à chaque personne, ce qui en fait une approche polyvalente et personnalisée de la prise en charge de la douleur et de la rééducation.
