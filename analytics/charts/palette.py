"""Fixed colours: one per sector, one per strand, one per measure, the same in every chart.

Colours are from the Okabe-Ito set (Okabe & Ito, "Color Universal Design"),
chosen so that sectors stay distinguishable for the common kinds of colour
blindness. Sectors and strands are never shown in the same chart, so the two
sets may share hues; measures use the remaining ones.
"""

from __future__ import annotations

from analytics.vocab import CATEGORIES, CATEGORY_LABELS, SECTOR_LABELS

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}

SECTOR_COLOURS: dict[str, str] = {
    "district": OKABE_ITO["blue"],
    "charter": OKABE_ITO["orange"],
    "catholic": OKABE_ITO["bluish_green"],
    "independent": OKABE_ITO["reddish_purple"],
    "other": OKABE_ITO["grey"],
}

# Strands take these in the vocabulary's order; `other` is always grey. A strand added before `other`
# takes the next colour, so the existing strands keep theirs.
_STRAND_SEQUENCE = ("sky_blue", "vermillion", "bluish_green", "reddish_purple", "orange", "yellow")
CATEGORY_COLOURS: dict[str, str] = {
    **{c: OKABE_ITO[name] for c, name in zip((c for c in CATEGORIES if c != "other"), _STRAND_SEQUENCE, strict=False)},
    "other": OKABE_ITO["grey"],
}

# Measures drawn side by side in one chart (growth, pipeline, new vs returning).
MEASURE_COLOURS: dict[str, str] = {
    "participants": OKABE_ITO["blue"],
    "enrollments": OKABE_ITO["sky_blue"],
    "courses": OKABE_ITO["orange"],
    "new_participants": OKABE_ITO["sky_blue"],
    "returning_participants": OKABE_ITO["blue"],
    "returning_rate": OKABE_ITO["vermillion"],
    "leaders": OKABE_ITO["orange"],
    "mentors": OKABE_ITO["reddish_purple"],
    "leaders_from_participants": OKABE_ITO["bluish_green"],
    "cumulative_leaders": OKABE_ITO["vermillion"],
    "conversion_rate": OKABE_ITO["bluish_green"],
    "mixing_index": OKABE_ITO["black"],
    "schools": OKABE_ITO["bluish_green"],
}

MEASURE_LABELS: dict[str, str] = {
    "participants": "Participants",
    "enrollments": "Enrollments",
    "courses": "Courses",
    "new_participants": "New participants",
    "returning_participants": "Returning participants",
    "returning_rate": "Returning rate",
    "leaders": "Leaders",
    "mentors": "Mentors",
    "leaders_from_participants": "Leaders grown from within",
    "cumulative_leaders": "Leaders so far (cumulative)",
    "schools": "Schools",
    "new_schools": "New schools",
    "cumulative_schools": "Schools reached so far",
}

# Sequential scale for heatmaps: light to dark blue reads for every kind of colour vision.
HEATMAP_SCALE = "Blues"


def sector_label(sector: str) -> str:
    """Display name of a sector (`charter` -> `Charter`); unknown text is shown as given."""
    return SECTOR_LABELS.get(sector, str(sector))


def category_label(category: str) -> str:
    """Display name of a strand, from the vocabulary (its code when it has none)."""
    return CATEGORY_LABELS.get(category, str(category))


def measure_label(measure: str) -> str:
    """Display name of a measure column (`new_participants` -> `New participants`)."""
    return MEASURE_LABELS.get(measure, measure.replace("_", " ").capitalize())
