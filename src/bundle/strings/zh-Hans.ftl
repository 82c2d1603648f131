### carta 在已发布资料上使用的文字（简体中文）。

carta-notice-outdated = 此部分在原文中已有修改，译文正在更新。
carta-notice-unreviewed = 此译文尚未经第二位译者审校。
carta-fallback-title = 尚未翻译：以{ $language }显示
carta-fallback-notice = 本资料有 { $count } 段内容尚未翻译，以{ $language }显示。
carta-language =
    { $code ->
        [en] 英语
        [es] 西班牙语
        [fr] 法语
        [pt] 葡萄牙语
        [vi] 越南语
        [zh] 中文
        [ar] 阿拉伯语
       *[other] { $name }
    }
carta-page-number = 第 { $page } 页，共 { $pages } 页
carta-content-reviewed = 内容审核日期：{ $date }
carta-document-version = 版本：{ $version }
carta-audience = 适用对象：{ $audience }
carta-translation-reviewed = 译文审校：{ $names }，{ $date }
carta-choose-language = 请选择您的语言
carta-handouts = 患者资料
carta-clinic-phone = 电话
carta-clinic-email = 电子邮件
carta-clinic-website = 网站
