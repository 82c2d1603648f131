### Các chữ riêng của carta trên một tài liệu đã phát hành, bằng tiếng Việt.

carta-notice-outdated = Phần này đã thay đổi trong bản gốc và bản dịch đang được cập nhật.
carta-notice-unreviewed = Bản dịch này chưa được người dịch thứ hai hiệu đính.
carta-fallback-title = Chưa được dịch: hiển thị bằng { $language }
carta-fallback-notice = Có { $count } đoạn trong tài liệu này chưa được dịch và được hiển thị bằng { $language }.
carta-language =
    { $code ->
        [en] tiếng Anh
        [es] tiếng Tây Ban Nha
        [fr] tiếng Pháp
        [pt] tiếng Bồ Đào Nha
        [vi] tiếng Việt
        [zh] tiếng Trung
        [ar] tiếng Ả Rập
       *[other] { $name }
    }
carta-page-number = Trang { $page }/{ $pages }
carta-content-reviewed = Nội dung được thẩm định ngày { $date }
carta-document-version = Phiên bản { $version }
carta-audience = Đối tượng: { $audience }
carta-translation-reviewed = Bản dịch đã được { $names } hiệu đính ngày { $date }
carta-choose-language = Chọn ngôn ngữ của bạn
carta-handouts = Tài liệu cho người bệnh
carta-clinic-phone = Điện thoại
carta-clinic-email = Email
carta-clinic-website = Trang web
