"""A synthetic teacher collaborative written out as the exports its tools would produce.

`generate(out_dir)` writes the sample collaborative (the Boston Educators Collaborative's
story, see data/sample/README.md); `generate(out_dir, enrollments=N)` writes a bigger one
with exactly N registration rows for benchmarks. The same seed gives byte-identical files on
any machine: only bit-exact arithmetic, see docs/decisions/040-sample-same-bytes-on-any-machine.md.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from analytics.synth import layouts as lay
from analytics.synth.catalog import catalog_frame, schools_frame, survey_frame, with_bad_survey
from analytics.synth.plan import sample_plan, scaled_plan
from analytics.synth.readme import sample_readme
from analytics.synth.registrations import registration_frame, with_bad_row
from analytics.synth.world import World, simulate
from analytics.synth.writers import Written, write_csv, write_xlsx

DEFAULT_SEED = 2017
XLSX_MAX_COURSES = 5000  # beyond this the catalog is a CSV: a spreadsheet that size is no longer typed by hand
GENERATED = ("registrations_*.csv", "survey_responses_*.csv", "course_catalog.*", "schools.csv")
BAD_REGISTRATIONS = ("no_email", "tbd_term", "unknown_course")

# The sample's eleven registration exports: the tool each term used, how it spelled the term,
# and the one bad row some of them carry.
SAMPLE_REGISTRATIONS = (
    (lay.PILOT_SHEET, "label", None),
    (lay.GOOGLE_FORM, "label", None),
    (lay.EVENTBRITE, "label", None),
    (lay.EXCEL_UTF8, "code", None),
    (lay.EXCEL_WINDOWS, "code", "no_email"),
    (lay.CANONICAL, "code", "tbd_term"),
    (lay.EXCEL_UTF8, "year_first", None),
    (lay.GOOGLE_FORM, "apostrophe", "unknown_course"),
    (lay.EXCEL_WINDOWS, "abbreviated", None),
    (lay.CANONICAL, "dashed", None),
    (lay.EVENTBRITE, "label", None),
)


def generate(out_dir: Path | str, *, seed: int = DEFAULT_SEED, enrollments: int | None = None) -> list[Written]:
    """Simulate the collaborative and write its exports into ``out_dir``; returns what was written.

    Files this generator wrote earlier in ``out_dir`` are removed first, so that the folder
    holds one collaborative (the importer reads every CSV and XLSX in it)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for pattern in GENERATED:
        for old in out.glob(pattern):
            old.unlink()
    plans = sample_plan() if enrollments is None else scaled_plan(enrollments)
    target = None if enrollments is None else enrollments - len(BAD_REGISTRATIONS)
    world = simulate(seed, plans, target)
    written = _write_catalog(world, out)
    written += _write_registrations(world, out, sample=enrollments is None)
    written += _write_surveys(world, out)
    if enrollments is None:
        pair = identity_override(world)
        text = sample_readme(world, seed, ",".join(pair) if pair else "")
        (out / "README.md").write_text(text, encoding="utf-8")
        written.append(Written(out / "README.md", "readme", text.count("\n"), "what these files are"))
    return written


def identity_override(world_or_seed: World | int = DEFAULT_SEED) -> tuple[str, str] | None:
    """(second email, first email) of the sample's teacher who registered twice: the line that
    belongs in data/identity_overrides.csv (header `email,same_as_email`)."""
    world = world_or_seed
    if isinstance(world_or_seed, int):
        world = simulate(world_or_seed, sample_plan())
    if world.alias is None:
        return None
    person, _, address = world.alias
    return address, str(world.people["email"].iloc[person])


def _write_catalog(world: World, out: Path) -> list[Written]:
    catalog, schools = catalog_frame(world), schools_frame(world)
    title = f"Boston Educators Collaborative - course catalog (exported {world.exported_on:%m/%d/%Y})"
    if len(world.courses) <= XLSX_MAX_COURSES:
        path = out / "course_catalog.xlsx"
        write_xlsx(path, [("Course Catalog", title, catalog), ("Partner Schools", None, schools)])
        note = "XLSX: catalog sheet (title line above the header) + partner schools sheet"
        return [Written(path, "courses+schools", len(catalog) + len(schools), note)]
    write_csv(out / "course_catalog.csv", catalog, title=title)
    write_csv(out / "schools.csv", schools)
    return [
        Written(out / "course_catalog.csv", "courses", len(catalog), "CSV with a title line above the header"),
        Written(out / "schools.csv", "schools", len(schools), "CSV"),
    ]


def _write_registrations(world: World, out: Path, *, sample: bool) -> list[Written]:
    """One file per term for the sample; one per calendar year for a big collaborative."""
    groups: list[tuple[str, list[int], lay.Layout, str, str | None]] = []
    if sample:
        for i, (plan, (layout, spelling, flaw)) in enumerate(zip(world.plans, SAMPLE_REGISTRATIONS, strict=True)):
            name = f"registrations_{plan.term.season.lower()}_{plan.term.year}{'_pilot' if i == 0 else ''}.csv"
            groups.append((name, [i], layout, spelling, flaw))
    else:
        years = sorted({p.term.year for p in world.plans})
        for k, year in enumerate(years):
            layout, spelling = lay.YEARLY_CYCLE[k % len(lay.YEARLY_CYCLE)]
            idxs = [i for i, p in enumerate(world.plans) if p.term.year == year]
            flaw = BAD_REGISTRATIONS[k] if k < len(BAD_REGISTRATIONS) else None
            groups.append((f"registrations_{year}.csv", idxs, layout, spelling, flaw))
    written = []
    for name, idxs, layout, spelling, flaw in groups:
        frame = registration_frame(world, idxs, layout, spelling)
        if flaw:
            frame = with_bad_row(frame, layout, flaw)
        path = out / name
        write_csv(path, frame, encoding=layout.encoding, sep=layout.sep, bom=layout.bom)
        note = f"{layout.name}; terms like {lay.TERM_SPELLINGS[spelling](world.plans[idxs[0]].term)!r}"
        written.append(Written(path, "enrollments", len(frame), note + (f"; bad row: {flaw}" if flaw else "")))
    return written


def _write_surveys(world: World, out: Path) -> list[Written]:
    """Two survey exports: a Google Form with word answers for the early years, then a plain CSV."""
    years = world.surveys["submitted_at"].dt.year.to_numpy()
    if len(years) == 0:
        return []
    first, last = int(years.min()), int(years.max())
    split = first + max(1, (last - first + 1) // 2)
    written = []
    for words, mask, flaw in ((True, years < split, "unknown_course"), (False, years >= split, "rating_7")):
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            continue
        span = sorted({int(y) for y in years[rows]})
        frame = with_bad_survey(survey_frame(world, rows, words), flaw)
        path = out / f"survey_responses_{span[0]}_{span[-1]}.csv"
        write_csv(path, frame)
        style = "Google Form, word answers" if words else "plain CSV, numeric answers"
        written.append(Written(path, "surveys", len(frame), f"{style}; blank email = anonymous; bad row: {flaw}"))
    return written
