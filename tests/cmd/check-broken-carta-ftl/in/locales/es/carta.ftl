# Our clinic says it this way.
carta-phone = Llámenos
