"""Which canonical column each header of an export is, and which kind of export it is.

Headers are compared after lower-casing and dropping everything but letters and
digits (`E-mail Address` -> `emailaddress`). Exact synonyms come first; then
question texts of form and survey tools are recognised by the words they
contain ("How likely are you to recommend ..." is `recommend`). A mapping file's
``[columns]`` section wins over both.
"""

from __future__ import annotations

import re

KINDS = ("schools", "courses", "enrollments", "surveys")
# Catalog and schools load before the rows that refer to them (docs/DATA.md, "Load order").
LOAD_ORDER = {"schools": 0, "courses": 1, "enrollments": 2, "surveys": 3}

# What a registration says of the person's place and part in the course, stored on the
# enrollment under the same names (upsert.TABLES): one list for the file's columns and the table's.
ENROLLMENT_DETAILS = ("school", "sector", "status", "registered_at", "role", "grade_band", "subject", "referred_by")
# What a survey response answers, stored on the response under the same names: one list, as above.
SURVEY_ANSWERS = ("submitted_at", "rating", "recommend", "implement", "lead_interest", "comments")

KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "courses": (
        "term",
        "course_code",
        "course_title",
        "category",
        "leader_email",
        "leader_name",
        "leader_school",
        "leader_sector",
        "mentor_email",
        "mentor_name",
        "mentor_sector",
        "start_date",
        "sessions",
        "capacity",
    ),
    "enrollments": (
        "term",
        "course_code",
        "course_title",
        "email",
        "full_name",
        "first_name",
        "last_name",
        *ENROLLMENT_DETAILS,
    ),
    "surveys": (
        "term",
        "course_code",
        "course_title",
        "email",
        *SURVEY_ANSWERS,
    ),
    "schools": ("school", "sector", "neighborhood", "grades"),
}
CANONICAL = frozenset(c for cols in KIND_COLUMNS.values() for c in cols)
SCORES = ("rating", "recommend", "implement", "lead_interest")


def norm(header: object) -> str:
    """`E-mail Address` -> `emailaddress`: the form headers are compared in."""
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


_SYNONYMS: dict[str, tuple[str, ...]] = {
    "term": ("term", "semester", "session", "season", "courseterm", "termname", "cohortterm", "whichterm"),
    "course_code": ("coursecode", "courseid", "section", "sectionid", "code", "courseno", "coursenumber", "classcode"),
    "course_title": (
        "coursetitle",
        "coursename",
        "course",
        "title",
        "class",
        "classname",
        "workshop",
        "eventname",
        "event",
        "offering",
    ),
    "category": ("category", "strand", "focus", "focusarea", "track", "theme", "coursecategory", "coursestrand"),
    "leader_email": (
        "leaderemail",
        "leaderemails",
        "facilitatoremail",
        "instructoremail",
        "teacherleaderemail",
        "leademail",
        "presenteremail",
    ),
    "leader_name": ("leadername", "leader", "facilitator", "facilitatorname", "instructor", "teacherleader"),
    "leader_school": ("leaderschool", "facilitatorschool", "instructorschool"),
    "leader_sector": ("leadersector", "facilitatorsector", "instructorsector"),
    "mentor_email": ("mentoremail", "coachemail", "mentoremails"),
    "mentor_name": ("mentorname", "mentor", "coach", "coachname"),
    "mentor_sector": ("mentorsector", "coachsector"),
    "start_date": ("startdate", "firstsession", "begins", "coursestart", "startson"),
    "sessions": ("sessions", "numberofsessions", "nsessions", "sessioncount", "meetings"),
    "capacity": ("capacity", "maxenrollment", "seats", "maxparticipants", "limit"),
    "email": (
        "email",
        "emailaddress",
        "workemail",
        "schoolemail",
        "emailaddr",
        "participantemail",
        "teacheremail",
        "recipientemail",
        "respondentemail",
        "attendeeemail",
        "youremail",
        "youremailaddress",
    ),
    "full_name": ("fullname", "name", "participantname", "teachername", "yourname", "attendeename", "respondentname"),
    "first_name": ("firstname", "givenname", "first", "recipientfirstname", "fname"),
    "last_name": ("lastname", "surname", "familyname", "last", "recipientlastname", "lname"),
    "school": ("school", "schoolname", "yourschool", "building", "workplace", "organization", "organisation"),
    "sector": ("sector", "schoolsector", "schooltype", "typeofschool", "network", "schoolnetwork"),
    "status": ("status", "enrollmentstatus", "registrationstatus", "attendeestatus", "enrolmentstatus"),
    "registered_at": ("registeredat", "registrationdate", "dateregistered", "orderdate", "signupdate", "registered"),
    "role": ("role", "position", "jobtitle", "yourrole"),
    "grade_band": ("gradeband", "gradelevel", "gradesyouteach", "gradestaught", "grade"),
    "subject": ("subject", "subjectarea", "content", "contentarea", "subjectstaught"),
    "referred_by": ("referredby", "referral", "howdidyouhear", "referrer", "howdidyouhearaboutus"),
    "submitted_at": ("submittedat", "submitted", "submissiondate", "datesubmitted", "responsedate", "recordeddate"),
    "rating": ("rating", "overallrating", "overall", "rateoverall"),
    "recommend": ("recommend", "nps", "likelihoodtorecommend", "wouldrecommend"),
    "implement": ("implement", "implementation", "willimplement", "planstoimplement"),
    "lead_interest": ("leadinterest", "interestinleading", "interestedinleading", "wanttolead"),
    "comments": ("comments", "comment", "feedback", "othercomments", "additionalcomments", "anythingelse"),
    "neighborhood": ("neighborhood", "neighbourhood", "area", "community"),
    "grades": ("grades", "gradesserved", "gradespan"),
}
_EXACT = {syn: canon for canon, syns in _SYNONYMS.items() for syn in syns}
# Tool timestamps mean "when registered" in a registration export and "when
# answered" in a survey export; they are only mapped once the kind is known.
_TIMESTAMPS = ("timestamp", "completiontime", "enddate", "endtime", "submittime", "createddate", "created", "date")
_BY_KIND_TIMESTAMP = {"enrollments": "registered_at", "surveys": "submitted_at"}
# Catalog spreadsheets often say just "Email" or "School" for the leader's.
COURSES_ALIASES = {
    "email": "leader_email",
    "full_name": "leader_name",
    "school": "leader_school",
    "sector": "leader_sector",
}

# Question texts: every word of one alternative must occur in the header.
_QUESTION_PATTERNS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("recommend", (("likely", "recommend"), ("recommend",))),
    ("lead_interest", (("interest", "lead"), ("becom", "leader"))),
    ("implement", (("implement",), ("use", "classroom"))),
    ("rating", (("overall", "rat"), ("rate", "course"), ("rating",))),
    ("comments", (("comment",), ("feedback",), ("anything", "else"), ("suggestion",))),
    # the term question before the course one: "Which term did you take this course?" is the term
    ("term", (("which", "term"), ("which", "semester"), ("which", "session"))),
    ("course_title", (("which", "course"), ("course", "register"), ("course", "title"), ("course", "name"))),
    ("email", (("email",), ("e", "mail"))),
    ("school", (("which", "school"), ("your", "school"), ("school", "work"))),
    ("sector", (("sector",), ("type", "school"))),
    ("grade_band", (("grade", "teach"),)),
    ("subject", (("subject", "teach"),)),
)


def canonical_for(header: str, kind: str | None) -> str | None:
    key = norm(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if key in _TIMESTAMPS:
        return _BY_KIND_TIMESTAMP.get(kind or "")
    words = re.findall(r"[a-z0-9]+", str(header).lower())
    if len(words) < 2:
        return None
    text = " ".join(words)
    for canonical, alternatives in _QUESTION_PATTERNS:
        for needed in alternatives:
            if all(re.search(rf"\b{re.escape(w)}", text) for w in needed):
                return canonical
    return None


def map_headers(headers: list[str], kind: str | None = None, overrides: dict[str, str] | None = None) -> dict[int, str]:
    """Column position -> canonical name, for the headers that mean something.

    The first header claiming a canonical name wins; later ones stay unmapped
    (reported to the user) rather than silently overwriting it. ``overrides``
    (a mapping file's ``[columns]``) is keyed by header as written, compared
    in normalised form.
    """
    wanted = set(KIND_COLUMNS[kind]) if kind else CANONICAL
    user = {norm(k): v for k, v in (overrides or {}).items()}
    result: dict[int, str] = {}
    taken: set[str] = set()
    # A mapping file wins over the built-in synonyms: its columns are placed first, so a
    # synonym (Microsoft Forms' own `Email`) cannot claim the name the user gave another column.
    for pos, header in enumerate(headers):
        canonical = user.get(norm(header))
        if canonical and canonical in wanted and canonical not in taken:
            result[pos] = canonical
            taken.add(canonical)
    for pos, header in enumerate(headers):
        if pos in result or norm(header) in user:
            continue
        canonical = canonical_for(header, kind)
        if kind == "courses" and canonical in COURSES_ALIASES:
            canonical = COURSES_ALIASES[canonical]
        if canonical and canonical in wanted and canonical not in taken:
            result[pos] = canonical
            taken.add(canonical)
    if kind == "courses":
        # "Email" is the leader's only when there is no explicit leader column.
        _drop_alias_duplicates(headers, result)
    return result


def _drop_alias_duplicates(headers: list[str], result: dict[int, str]) -> None:
    for pos, canonical in list(result.items()):
        explicit = [p for p, h in enumerate(headers) if _EXACT.get(norm(h)) == canonical and p != pos]
        if explicit and _EXACT.get(norm(headers[pos])) != canonical:
            result[explicit[0]] = canonical
            del result[pos]


def missing_required(kind: str, columns: set[str]) -> list[str]:
    """Required columns (docs/DATA.md, "The four kinds of export") a file of this kind lacks, as readable alternatives."""
    missing = []
    if kind in ("courses", "enrollments", "surveys"):
        if "term" not in columns:
            missing.append("term")
        if not columns & {"course_code", "course_title"}:
            missing.append("course_code or course_title")
    if kind == "courses":
        missing += [c for c in ("category", "leader_email") if c not in columns]
    elif kind == "enrollments":
        if "email" not in columns:
            missing.append("email")
        if "full_name" not in columns and not {"first_name", "last_name"} <= columns:
            missing.append("full_name (or first_name and last_name)")
    elif kind == "surveys":
        if not columns & set(SCORES):
            missing.append("one of rating, recommend, implement, lead_interest")
    elif kind == "schools":
        missing += [c for c in ("school", "sector") if c not in columns]
    return missing


# A list of schools names no person, course or term: a file that does is something else.
NOT_SCHOOLS = frozenset({"term", "email", "full_name", "first_name", "last_name", "course_code", "course_title"})


def detect_kind(headers: list[str], overrides: dict[str, str] | None = None) -> str | None:
    """The kind whose required columns these headers hold; the most specific wins."""
    for kind in ("courses", "surveys", "enrollments", "schools"):
        columns = set(map_headers(headers, kind, overrides).values())
        if kind == "schools" and NOT_SCHOOLS & set(map_headers(headers, None, overrides).values()):
            continue
        if not missing_required(kind, columns):
            return kind
    return None


def score_header(headers: list[str], overrides: dict[str, str] | None = None) -> int:
    """How many cells of a row read as known headers: picks the header row under title lines."""
    return len(map_headers(headers, None, overrides))
