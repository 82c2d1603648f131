### Translation of content/dry-needling.md into vi.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale vi` to see what is missing or outdated.

dry-needling-title = Châm kim khô và những lợi ích

## What is Dry Needling?

dry-needling-what-is-dry-needling-heading = Châm kim khô là gì?

dry-needling-what-is-dry-needling-text = Châm kim khô là một kỹ thuật trị liệu được một số chuyên gia y tế, trong đó có các chuyên viên vật lý trị liệu, sử dụng để điều trị tình trạng đau và rối loạn chức năng cơ xương khớp và thần kinh cơ. Kỹ thuật này bao gồm việc đưa những chiếc kim đơn sợi mảnh vào các điểm cụ thể bên trong và xung quanh cơ, gân và các mô mềm khác.

## 10 Benefits of Dry Needling

dry-needling-benefits-of-dry-needling-heading = 10 lợi ích của châm kim khô

dry-needling-benefit-pain-relief = Giảm đau
    .body = Châm kim khô là một phương pháp hiệu quả có thể được sử dụng để giảm đau bằng cách tác động vào các điểm kích hoạt, các cơ bị căng cứng, các dây thần kinh bị kích thích và những vùng đau mạn tính.

dry-needling-benefit-improved-range-of-motion = Cải thiện tầm vận động
    .body = Bằng cách tác động vào và giải tỏa tình trạng căng cơ cũng như các điểm kích hoạt trong cơ, châm kim khô có thể góp phần tăng độ linh hoạt và cải thiện khả năng vận động, hỗ trợ quá trình phục hồi chức năng và giúp cơ thể vận động đúng cơ học hơn khi tập luyện.

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = Tăng cường chức năng cơ và khả năng kiểm soát thần kinh cơ
    .body = Kỹ thuật này có thể tác động và kích thích các cơ cụ thể để chúng hoạt động, giúp cơ làm việc hiệu quả hơn, đồng thời thúc đẩy sự phát triển, khả năng kiểm soát, sự phối hợp và sức khỏe tổng thể của cơ.

dry-needling-benefit-accelerated-healing = Đẩy nhanh quá trình lành thương
    .body = Châm kim khô tạo ra vi chấn thương tại vùng điều trị, giúp thúc đẩy quá trình tự lành tự nhiên của cơ thể: khởi phát phản ứng viêm, tăng cường lưu lượng máu để đưa thêm oxy và dưỡng chất đến mô, đồng thời tăng giải phóng endorphin giúp kiểm soát cơn đau; tất cả những điều này đều giúp phục hồi nhanh hơn.

dry-needling-benefit-localized-treatment = Điều trị khu trú
    .body = Châm kim khô cho phép điều trị có mục tiêu ở những vùng cụ thể, giúp chuyên viên vật lý trị liệu xử lý chính xác các vấn đề khu trú và tránh can thiệp không cần thiết vào những vùng không bị ảnh hưởng.

dry-needling-benefit-deeper-treatment = Điều trị sâu hơn
    .body = Thông qua việc châm kim, có thể tiếp cận các mô và khớp ở độ sâu mà chỉ riêng đôi tay không thể đạt tới.

dry-needling-benefit-chronic-pain-management = Kiểm soát đau mạn tính
    .body = Với các bệnh lý mạn tính, cơ thể bị mắc kẹt trong một vòng luẩn quẩn, không thể tự chữa lành vùng tổn thương. Châm kim khô tạo ra vi chấn thương có thể khởi động lại quá trình viêm và giúp cơ thể tự chữa lành trở lại.

dry-needling-benefit-treatment-of-nerve-pain = Điều trị đau liên quan đến thần kinh
    .body = Châm kim khô có thể tác động đến hệ thần kinh thông qua ảnh hưởng lên các chất dẫn truyền thần kinh và quá trình truyền tín hiệu thần kinh. Sự điều biến thần kinh này có thể giúp kiểm soát và giảm đau liên quan đến thần kinh trong các tình trạng như hội chứng đau vùng phức hợp, đau cơ xơ hóa và tăng nhạy cảm. Vi chấn thương do châm kim gây ra kích thích dòng máu dồn đến các vùng được điều trị, có thể nuôi dưỡng dây thần kinh và thúc đẩy quá trình lành thương.

dry-needling-benefit-complementary-to-other-therapies = Bổ trợ cho các liệu pháp khác
    .body = Châm kim khô có thể được kết hợp vào một kế hoạch vật lý trị liệu toàn diện, bổ trợ cho các phương pháp điều trị khác như trị liệu bằng tay và tập luyện, mang lại cách tiếp cận tổng thể trong phục hồi chức năng.

dry-needling-benefit-customized-treatment = Điều trị cá nhân hóa
    .body = Chuyên viên vật lý trị liệu có thể điều chỉnh liệu trình châm kim khô theo nhu cầu cụ thể của từng người, nhờ đó châm kim khô trở thành một phương pháp linh hoạt và được cá nhân hóa trong kiểm soát đau và phục hồi chức năng.
