### Written by hand.

dry-needling-title = Our own title
