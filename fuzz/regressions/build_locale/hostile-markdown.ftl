dry-needling-title =
        Titel
        ```
        <img src=x onerror="document.documentElement.setAttribute('data-pwned','fence')">
        ```

dry-needling-what-is-dry-needling-heading =
        Kopf
        {" "}   <img src=x onerror="document.documentElement.setAttribute('data-pwned','indent')">

dry-needling-what-is-dry-needling-text = `Code

dry-needling-benefits-of-dry-needling-heading = span` <img src=x onerror="document.documentElement.setAttribute('data-pwned','span')">

dry-needling-benefit-pain-relief = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-improved-range-of-motion =
        {"["}ref]

        {"["}ref]: javascript:document.documentElement.setAttribute('data-pwned','ref')
    .body = &lt;img src=x onerror=alert(1)&gt; <img src=x onerror="document.documentElement.setAttribute('data-pwned','img')">

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-accelerated-healing =
        Text

        <details open ontoggle="document.documentElement.setAttribute('data-pwned','details')">

        mehr
    .body =
        Linie
        ===
        ~~~
        code
        ~~~
        {"["}x]: <javascript:alert(1)>

dry-needling-benefit-localized-treatment = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-deeper-treatment =
        Kopf
        {" "}   <img src=x onerror="document.documentElement.setAttribute('data-pwned','indent')">
    .body = `Code

dry-needling-benefit-chronic-pain-management = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-treatment-of-nerve-pain =
        # Überschrift
        ---
        > Zitat
        1. Liste
        - Punkt
        | a | b |
        |---|---|
        <div onmouseover="document.documentElement.setAttribute('data-pwned','div')">x</div>
    .body =
        {"["}ref]

        {"["}ref]: javascript:document.documentElement.setAttribute('data-pwned','ref')

dry-needling-benefit-complementary-to-other-therapies = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-customized-treatment = ![bild](javascript:alert(1)) <svg onload="document.documentElement.setAttribute('data-pwned','svg')"></svg>
    .body =
        Text

        <details open ontoggle="document.documentElement.setAttribute('data-pwned','details')">

        mehr

