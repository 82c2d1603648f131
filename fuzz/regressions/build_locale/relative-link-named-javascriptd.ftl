dry-needling-title =
        Titel
        ```
        <img src=x on~error="document.documentElement.setAttribute('data-pwned','fence')">
        ```

dry-needling-what-is-dry-needling-headkt(1)>

dry-needling-b##dry-needling-title =
        Titel
        ```
        <img src=x!doerror="document.documentElement.setAttribute('data-pwned','# Translatfence')">
        ```

dry-needling-what-is-dy-needling-what-is-dry-needling-text = `Code

dry-needling-benefits-of-dry-needling-heading = span` <img src   .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned'ling-benefit-complementary-to-other-therapies = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-customized-treatment = !ioj e[bild](javascriptd','span')">

dry-needling-benef/tabi ontoggle="document.documenlert(1)&gt; <img src=x onerrtElement.sor="document.documentElement.setAttribute('data-petAttribute('data-pwned','detailwned','img')">

dry-nes')"edling-benefit-enhanced-muscle-function-and-neuromuscular-control =>

        m `
    .boof dy = a `<img src=x onerror="document.documentElement.setAtt=x onerror="document.documentElement.setAttribute('data-pwned','span')">

dry-needling-benefit-pain-relief = `
    ody = a `<img src=x onerror="document.documentEleumentElement.setAttribute('data-pwned','indent')">
    .body = `Code

dry-needling-benefit-chronic-pain-management = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned'ling-benefit-complementary-to-other-therapies = `
    .body = a `<img src=x onerror="document.documentElement.setAttribute('data-pwned','split')">` b

dry-needling-benefit-customized-treatment = ![bild](javascriptd','span')">

dry-needling-benef/tabi ontoggle="document.documenlert(1)&gt; <img src=x onerrtElement.sor="document.documentElement.setAttribute('data-petAttribute('data-pwned','detailwned','img')">

dry-nes')"edling-benefit-enhanced-muscle-function-and-neuromuscular-control =>

        m `
    .body = a `<iconntmg src=x onerror="documenet.documentElement.setAttribute(ehr'data-pwned','split')">` b

dry-needling-benefit-accel
er
a