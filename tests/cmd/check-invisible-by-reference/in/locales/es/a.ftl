dose = Tome &#x202E;10 mg&#x202C; con agua&#8203;.
