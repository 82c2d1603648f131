### Translation of content/dry-needling.md into zh-Hans.
### Lines starting with "# TODO" are messages still to translate: delete "# TODO " (and "# " on
### the lines below it), then replace the English after "=" with your translation.
### Run `carta check --locale zh-Hans` to see what is missing or outdated.

dry-needling-title = 干针疗法及其益处

## What is Dry Needling?

dry-needling-what-is-dry-needling-heading = 什么是干针疗法？

dry-needling-what-is-dry-needling-text = 干针疗法是包括物理治疗师在内的部分医疗专业人员用于治疗肌肉骨骼和神经肌肉疼痛及功能障碍的一种治疗技术。该疗法将细的单丝实心针刺入肌肉、肌腱和其他软组织内部及周围的特定部位。

## 10 Benefits of Dry Needling

dry-needling-benefits-of-dry-needling-heading = 干针疗法的10项益处

dry-needling-benefit-pain-relief = 缓解疼痛
    .body = 干针是一种有效的治疗手段，可通过针对激痛点、紧绷的肌肉、受刺激的神经以及慢性疼痛部位来缓解疼痛。

dry-needling-benefit-improved-range-of-motion = 改善活动范围
    .body = 通过针对并松解肌肉中的紧张和激痛点，干针有助于提高柔韧性、改善活动能力，从而促进康复，并改善运动时的动作力学。

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = 增强肌肉功能和神经肌肉控制
    .body = 这项技术可针对并刺激特定肌肉使其激活，帮助肌肉更高效地工作，并促进肌肉更好地发育，改善肌肉的控制、协调性和整体健康。

dry-needling-benefit-accelerated-healing = 加速愈合
    .body = 干针会在治疗部位造成微创伤，从而促进身体的自然愈合过程：它能引发炎症反应；促进血液流动，增加向组织输送的氧气和营养；并增加内啡肽的释放以控制疼痛。这些作用都有助于加快康复。

dry-needling-benefit-localized-treatment = 局部治疗
    .body = 干针可对特定部位进行有针对性的治疗，使物理治疗师能够精准处理局部问题，避免对未受影响的部位进行不必要的干预。

dry-needling-benefit-deeper-treatment = 深层治疗
    .body = 通过针刺，可以到达仅靠徒手无法触及的深层组织和关节。

dry-needling-benefit-chronic-pain-management = 慢性疼痛管理
    .body = 在慢性病症中，身体会陷入无法自行修复患处的循环。干针造成的微创伤可以重新启动炎症过程，促使身体再次进行自我修复。

dry-needling-benefit-treatment-of-nerve-pain = 治疗神经相关疼痛
    .body = 干针可通过影响神经递质和神经信号传导来作用于神经系统。这种神经调控有助于控制和减轻复杂性区域疼痛综合征、纤维肌痛和感觉过敏等病症中与神经相关的疼痛。针刺造成的微创伤会促使血液大量流向治疗部位，从而可以滋养神经并促进愈合。

dry-needling-benefit-complementary-to-other-therapies = 与其他疗法互补
    .body = 干针可纳入全面的物理治疗方案，与手法治疗和运动等其他治疗相辅相成，以整体性的方式促进康复。

dry-needling-benefit-customized-treatment = 个性化治疗
    .body = 物理治疗师可根据每个人的具体需求量身定制干针治疗，使其成为一种灵活多样、个性化的疼痛管理和康复方法。
