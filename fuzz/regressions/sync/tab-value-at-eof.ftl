afbvext

dry-needling-benefit-customized-treatment= 	