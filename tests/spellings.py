"""Term spellings found in real exports and the term each one means (docs/DATA.md#values).

One table for both levels that read them: the vocabulary's own tests (``parse_term``) and the
importer's, which load one registration per spelling and check the term stored.
"""

TERM_SPELLINGS = (
    ("Spring 2017", "Spring 2017"),
    ("2017 Spring", "Spring 2017"),
    ("Spring '17", "Spring 2017"),
    ("SP17", "Spring 2017"),
    ("Sp 2017", "Spring 2017"),
    ("2017-SP", "Spring 2017"),
    ("spring 17", "Spring 2017"),
    (" SPRING  2017 ", "Spring 2017"),
    ("Spring ’17", "Spring 2017"),
    ("Fall 2018", "Fall 2018"),
    ("FA18", "Fall 2018"),
    ("Autumn 2018", "Fall 2018"),
    ("Summer 2019", "Summer 2019"),
    ("SU19", "Summer 2019"),
    ("Winter 2020", "Winter 2020"),
    ("WI20", "Winter 2020"),
    ("2020 winter", "Winter 2020"),
)
