"""The fixed views funders are offered: everything, one sector, one strand.

A release holds every funder table under each of these views and nothing else; a term range is
a zoom on a view's rows, never a new query. Any other filter choice is refused, or shown as its
nearest published view with a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.filters import Filters
from analytics.vocab import CATEGORIES, CATEGORY_LABELS, SECTOR_LABELS, SECTORS


@dataclass(frozen=True)
class View:
    id: str  # "all", "sector:charter", "category:rigorous_curricula"
    label: str
    sectors: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None

    def filters(self) -> Filters:
        """The filters (no term range) this view's tables are computed under."""
        return Filters(sectors=self.sectors, categories=self.categories)


VIEWS: tuple[View, ...] = (
    View("all", "Everyone"),
    *(View(f"sector:{s}", f"{SECTOR_LABELS.get(s, s)} schools", sectors=(s,)) for s in SECTORS),
    *(View(f"category:{c}", f"Strand: {CATEGORY_LABELS.get(c, c)}", categories=(c,)) for c in CATEGORIES),
)
VIEWS_BY_ID = {view.id: view for view in VIEWS}


def view_for(filters: Filters | None) -> View | None:
    """The published view with exactly these sectors and strands (term range ignored), else None."""
    filters = filters or Filters()
    sectors = tuple(sorted(filters.sectors)) if filters.sectors else None
    categories = tuple(sorted(filters.categories)) if filters.categories else None
    if sectors and set(sectors) == set(SECTORS):
        sectors = None  # every sector selected is everyone
    if categories and set(categories) == set(CATEGORIES):
        categories = None
    for view in VIEWS:
        if view.sectors == sectors and view.categories == categories:
            return view
    return None


def nearest_view(filters: Filters | None) -> View:
    """The published view closest to ``filters``: itself when published, else one sector or strand, else all."""
    exact = view_for(filters)
    if exact is not None:
        return exact
    filters = filters or Filters()
    # Sectors and strands together, or several of one: the broader choice is everyone, except a
    # single sector (or strand) picked beside something else, which keeps that sector.
    if filters.sectors and len(filters.sectors) == 1 and not filters.categories:
        return VIEWS_BY_ID[f"sector:{filters.sectors[0]}"]
    if filters.categories and len(filters.categories) == 1 and not filters.sectors:
        return VIEWS_BY_ID[f"category:{filters.categories[0]}"]
    return VIEWS[0]


def get_view(view: str | View) -> View:
    """A view by id (or the view itself); KeyError-free: unknown ids raise UnknownValueError."""
    from analytics.errors import UnknownValueError

    if isinstance(view, View):
        return view
    found = VIEWS_BY_ID.get(view)
    if found is None:
        raise UnknownValueError("view", str(view), list(VIEWS_BY_ID))
    return found
