#
#
#
f Dry Needling

dry-needling-benefits-of-dry-needling-heading = 10 beneficios de la punción seca

dry-needling-benefit-pain-relief = 