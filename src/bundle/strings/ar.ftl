### كلمات carta الخاصة على النشرة المنشورة، باللغة العربية.

carta-notice-outdated = تغيّر هذا الجزء في النص الأصلي، ويجري تحديث ترجمته.
carta-notice-unreviewed = لم يراجع مترجم ثانٍ هذه الترجمة بعد.
carta-fallback-title = لم يُترجم بعد، ويُعرض باللغة { $language }
carta-fallback-notice =
    { $count ->
        [one] لم يُترجم مقطع واحد من هذه النشرة بعد، ويُعرض باللغة { $language }.
        [two] لم يُترجم مقطعان من هذه النشرة بعد، ويُعرضان باللغة { $language }.
        [few] لم تُترجم { $count } مقاطع من هذه النشرة بعد، وتُعرض باللغة { $language }.
        [many] لم يُترجم { $count } مقطعًا من هذه النشرة بعد، ويُعرض باللغة { $language }.
       *[other] لم يُترجم { $count } مقطع من هذه النشرة بعد، ويُعرض باللغة { $language }.
    }
carta-language =
    { $code ->
        [en] الإنجليزية
        [es] الإسبانية
        [fr] الفرنسية
        [pt] البرتغالية
        [vi] الفيتنامية
        [zh] الصينية
        [ar] العربية
       *[other] { $name }
    }
carta-page-number = الصفحة { $page } من { $pages }
carta-content-reviewed = تاريخ مراجعة المحتوى: { $date }
carta-document-version = الإصدار { $version }
carta-audience = الفئة المستهدفة: { $audience }
carta-translation-reviewed = راجع الترجمة: { $names }، { $date }
carta-choose-language = اختر لغتك
carta-handouts = نشرات للمرضى
carta-clinic-phone = الهاتف
carta-clinic-email = البريد الإلكتروني
carta-clinic-website = الموقع الإلكتروني
