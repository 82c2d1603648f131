dose = Take 10 mg with water.
