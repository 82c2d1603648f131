intro = Dry needling treats the trigger point.
farewell = See you soon
