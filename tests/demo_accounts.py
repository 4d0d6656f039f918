"""The accounts of the README's demo table, in its order: the tests that play the demo as
each of them read this one list."""

README_ACCOUNTS = (
    "admin",
    "league_province",
    "edu_province",
    "league_kunming",
    "edu_kunming",
    "edu_wuhua",
    "edu_yuxi",
    "edu_school",
    "counselor",
    "inspector",
    "official",
    "fund_school",
    "fund_migrant",
    "doc_office",
    "award_county_league",
    "award_pref",
    "award_prov",
    "pair_league_wuhua",
    "pair_school",
    "pilot_school",
)
