### carta build: en-US (fallback: en-US).
### Every source message, each from the first locale of the chain that has it.

-clinic = Riverside Clinic

clinic-phone = Call { -clinic }: 555-0100

dry-needling-title = Dry Needling and Its Benefits

dry-needling-what-is-dry-needling-heading = What is Dry Needling?

dry-needling-what-is-dry-needling-text = Dry needling is a therapeutic technique used by some healthcare professionals including physical therapists to treat musculoskeletal and neuromuscular pain and dysfunction. It involves the insertion of thin monofilament needles into specific points into and around muscles, tendons, and other soft tissues.

dry-needling-benefits-of-dry-needling-heading = 10 Benefits of Dry Needling

dry-needling-benefit-pain-relief = Pain Relief
    .body = Dry Needling is an effective tool that can be used to alleviate pain through targeting trigger points, tight muscles, irritated nerves, and chronically painful areas for relief.

dry-needling-benefit-improved-range-of-motion = Improved Range of Motion
    .body = By targeting and releasing tension and trigger points in muscles, dry needling can contribute to increased flexibility and improved mobility aiding in rehabilitation and better exercise mechanics.

dry-needling-benefit-enhanced-muscle-function-and-neuromuscular-control = Enhanced Muscle Function and Neuromuscular Control
    .body = This technique can target and stimulate specific muscles to activate, helping muscles function more efficiently and promoting better muscle development, control, coordination, and overall health.

dry-needling-benefit-accelerated-healing = Accelerated Healing
    .body = Dry needling causes microtrauma to the area that helps to facilitate the body’s natural healing processes by triggering an inflammatory response, promote blood flow that increases the delivery of oxygen and nutrients to the tissue, and increase the release of endorphins for pain control all of which aid in faster recovery.

dry-needling-benefit-localized-treatment = Localized Treatment
    .body = Dry needling allows for targeted treatment of specific areas enabling physical therapists to address localized issues with precision and avoiding unnecessary intervention in unaffected areas.

dry-needling-benefit-deeper-treatment = Deeper Treatment
    .body = Through needling, tissues and joints can be reached at a depth beyond what the hands can do alone.

dry-needling-benefit-chronic-pain-management = Chronic Pain Management
    .body = With chronic conditions, the body gets stuck in a cycle of being unable to self heal the area. Dry needling causes microtrauma that can restart the inflammatory process and to facilitate the body to heal itself again.

dry-needling-benefit-treatment-of-nerve-pain = Treatment of Nerve Pain
    .body = Dry needling can influence the nervous system by affecting neurotransmitters and nerve signaling. This neuromodulation can help in managing and reducing nerve-related pain for conditions such as complex regional pain syndrome, fibromyalgia, and hyper-sensitivity. The micro trauma caused by the needling stimulates a rush of blood flow to the targeted areas which can nourish nerves and promote healing.

dry-needling-benefit-complementary-to-other-therapies = Complementary to Other Therapies
    .body = Dry needling can be integrated into a comprehensive physical therapy plan complementing other treatments including manual therapy and exercise for a holistic approach to rehabilitation.

dry-needling-benefit-customized-treatment = Customized Treatment
    .body = Physical therapists can tailor dry needling treatments based on an individual’s specific needs, making it a versatile and personalized approach to pain management and rehabilitation.
