"""Word pools the sample collaborative is drawn from: names, schools, courses, comments.

Everything here is invented. Accented letters stay inside Windows-1252 so one
registration export can be written the way Excel on Windows saves it.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Aaliyah", "Abigail", "Adaeze", "Adriana", "Aisha", "Alejandro", "Amara", "Ana", "Andrew", "Angela",
    "Anh", "Antoine", "Ava", "Beatriz", "Benjamin", "Bridget", "Brian", "Camila", "Carlos", "Caroline",
    "Catherine", "Chen", "Chloé", "Christopher", "Claire", "Colleen", "Daniel", "Darnell", "David", "Deborah",
    "Declan", "Denise", "Diego", "Dominique", "Elena", "Elijah", "Elizabeth", "Emily", "Emmanuel", "Erin",
    "Esperanza", "Fatima", "Fernando", "Fiona", "Francisco", "Gabriel", "Grace", "Hannah", "Héctor", "Ibrahim",
    "Imani", "Inés", "Isabel", "Jacqueline", "Jamal", "James", "Jasmine", "Jean", "Jennifer", "Jessica",
    "Joanna", "John", "Jorge", "José", "Joseph", "Julia", "Kareem", "Katherine", "Kayla", "Keisha",
    "Kevin", "Kiara", "Laura", "Lauren", "Liam", "Linh", "Lucía", "Luis", "Malik", "Marcus",
    "María", "Marie", "Marisol", "Matthew", "Maureen", "Megan", "Mei", "Michael", "Michelle", "Mohamed",
    "Monique", "Nadia", "Natalia", "Nia", "Nicole", "Noah", "Nora", "Olivia", "Omar", "Patrick",
    "Paul", "Priya", "Rachel", "Rafael", "Raúl", "Rebecca", "Renée", "Ricardo", "Rosa", "Ryan",
    "Samantha", "Samuel", "Sarah", "Sean", "Shanice", "Siobhán", "Sofia", "Stephanie", "Tamika",
    "Thanh", "Theresa", "Thomas", "Valentina", "Vanessa", "Victor", "Wei", "William", "Xavier", "Yasmin",
    "Yolanda", "Zoë",
)  # fmt: skip

LAST_NAMES = (
    "Abdi", "Adeyemi", "Alves", "Álvarez", "Andrade", "Baptiste", "Barros", "Bennett", "Brennan", "Brown",
    "Burke", "Byrne", "Cabral", "Calderón", "Carney", "Castillo", "Chan", "Charles", "Chen", "Collins",
    "Connolly", "Costa", "Cruz", "Daly", "Davis", "Delgado", "Desir", "Diaz", "Doherty", "Dolan",
    "Doyle", "Duarte", "Duong", "Estrada", "Fernández", "Fitzgerald", "Flaherty", "Flores", "Gallagher", "García",
    "Gomes", "Gonçalves", "González", "Greene", "Guerrero", "Hall", "Harris", "Hernández", "Hoang", "Hughes",
    "Jackson", "Jean-Baptiste", "Johnson", "Jones", "Joseph", "Kelly", "Kennedy", "Kim", "Lambert", "Le",
    "Lee", "Lopes", "López", "Louis", "Lynch", "MacDonald", "Maldonado", "Martin", "Martínez", "McCarthy",
    "McLaughlin", "Mendes", "Mohamed", "Monteiro", "Moreno", "Muñoz", "Murphy", "Nguyen", "Noël", "O'Brien",
    "O'Connor", "O'Neill", "Okafor", "Ortiz", "Patel", "Peña", "Pereira", "Perez", "Pham", "Pierre",
    "Quinn", "Ramírez", "Reyes", "Rivera", "Robinson", "Rodrigues", "Rodríguez", "Rosario", "Ryan", "Santos",
    "Silva", "Smith", "Sullivan", "Tavares", "Thomas", "Tran", "Vargas", "Vázquez", "Walsh", "Washington",
    "Williams", "Wong", "Wright", "Yang", "Young", "Zhang",
)  # fmt: skip

PERSONAL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "comcast.net")

NEIGHBORHOODS = (
    "Dorchester", "Roxbury", "Jamaica Plain", "East Boston", "Mattapan", "Hyde Park", "South Boston",
    "Brighton", "Allston", "Charlestown", "Roslindale", "West Roxbury", "Mission Hill", "South End",
    "North End", "Fenway", "Back Bay", "Chinatown",
)  # fmt: skip

# Stems for invented school names: old Boston families, streets, hills and squares.
SCHOOL_STEMS = (
    "Adams Street", "Ashmont", "Beacon Hill", "Blue Hill", "Bowdoin", "Centre Street", "Codman Square",
    "Columbia Point", "Commonwealth", "Cummins", "Egleston", "Fields Corner", "Forest Hills", "Franklin Park",
    "Geneva Avenue", "Grove Hall", "Harbor Point", "Hawthorne", "Heath Street", "Highland Park", "Jackson Square",
    "Kenmore", "Lenox Street", "Lower Mills", "Mattahunt", "Maverick Square", "Meetinghouse Hill", "Moakley",
    "Monument Square", "Mount Bowdoin", "Neponset", "Orient Heights", "Parkside", "Peabody Square", "Pope's Hill",
    "Savin Hill", "Seaver Street", "Stony Brook", "Talbot Avenue", "Tremont", "Uphams Corner", "Walnut Hill",
    "Washington Park", "Wellington Hill", "Wood Island",
)  # fmt: skip
SAINTS = (
    "St. Aidan", "St. Brendan", "St. Bridget", "St. Cecilia", "St. Dominic", "St. Gregory", "St. Jerome",
    "St. Kateri", "St. Malachy", "St. Monica", "St. Patrick", "St. Rose", "St. Theresa", "Holy Family",
    "Holy Name", "Our Lady of Hope", "Sacred Heart", "St. Augustine", "St. Clare", "St. Francis",
)  # fmt: skip
SCHOOL_KINDS = {
    "district": ("Elementary School", "K-8 School", "Middle School", "High School", "Academy", "Early Learning Center"),
    "charter": ("Charter School", "Collegiate Charter School", "Community Charter School", "Preparatory Charter"),
    "catholic": ("Parish School", "Catholic Academy", "School", "Academy"),
    "independent": ("Day School", "Friends School", "Montessori School", "Country Day School"),
}
GRADES_BY_KIND = {
    "Elementary School": "K-5", "K-8 School": "K-8", "Middle School": "6-8", "High School": "9-12",
    "Academy": "6-12", "Early Learning Center": "PK-2", "Charter School": "K-8", "Collegiate Charter School": "5-12",
    "Community Charter School": "K-8", "Preparatory Charter": "6-12", "Parish School": "PK-8",
    "Catholic Academy": "PK-8", "School": "K-8", "Day School": "PK-8", "Friends School": "K-8",
    "Montessori School": "PK-6", "Country Day School": "PK-12",
}  # fmt: skip
DOMAIN_SUFFIX = {
    "Elementary School": "es", "K-8 School": "k8", "Middle School": "ms", "High School": "hs", "Academy": "academy",
    "Early Learning Center": "elc", "Charter School": "charter", "Collegiate Charter School": "collegiate",
    "Community Charter School": "ccs", "Preparatory Charter": "prep", "Parish School": "parish",
    "Catholic Academy": "catholic", "School": "school", "Day School": "day", "Friends School": "friends",
    "Montessori School": "montessori", "Country Day School": "cds",
}  # fmt: skip
SECTOR_SHARES = {"district": 0.56, "charter": 0.22, "catholic": 0.17, "independent": 0.05}

# The three strands of the collaborative, as the catalog spells them.
STRAND_LABELS = {
    "all_learners": "Supporting All Learners",
    "culturally_proficient": "Culturally Proficient Strategies",
    "rigorous_curricula": "Rigorous Curricula with Rich Content",
}
COURSE_TITLES = {
    "all_learners": (
        "Trauma-Informed Teaching", "Social Emotional Learning in the Classroom", "Supporting English Learners",
        "Universal Design for Learning", "Co-Teaching for Inclusion", "Restorative Classroom Practices",
        "Differentiating in Mixed-Ability Classrooms", "Executive Function Skills", "Mindfulness for Students",
        "Supporting Students with Dyslexia", "Positive Behavior Supports", "Family Partnerships",
    ),
    "culturally_proficient": (
        "Culturally Responsive Teaching", "Building an Inclusive Classroom Library", "Implicit Bias and Instruction",
        "Student Voice and Identity", "Teaching Boston's History", "Anti-Racist Literacy Instruction",
        "Engaging Immigrant Families", "Culturally Sustaining Mathematics", "Courageous Conversations",
        "Heritage Languages in School", "Representation in STEM", "Equity-Centered Grading",
    ),
    "rigorous_curricula": (
        "Integrating Language Arts into STEM", "Developing Mathematical Thinking", "Text-Based Discussion",
        "Project-Based Learning", "Writing Across the Curriculum", "Close Reading of Complex Texts",
        "Next Generation Science Practices", "Number Talks", "Primary Sources in Social Studies",
        "Academic Vocabulary", "Inquiry in the Science Lab", "Computational Thinking for All",
    ),
}  # fmt: skip

ROLES = ("Teacher", "Teacher", "Teacher", "Teacher", "Special Education Teacher", "ESL Teacher", "Instructional Coach",
         "Paraprofessional", "Department Head")  # fmt: skip
GRADE_BANDS = ("PK-2", "3-5", "6-8", "9-12")
SUBJECTS = ("ELA", "Math", "Science", "Social Studies", "Special Education", "ESL", "General Elementary", "Arts",
            "World Languages")  # fmt: skip

COMMENTS = (
    "Loved the chance to plan with teachers from other schools.",
    "The readings were great, but five weeks went by fast.",
    "I have already tried the check-in circles with my 3rd graders.",
    "Would like more time to look at student work together.",
    "Our leader was fantastic, so practical.",
    "Meeting at a charter school opened my eyes. Same kids, same questions.",
    "Please offer a follow-up course next term!",
    "Parking was hard; otherwise excellent.",
    "I brought two colleagues from my school this time.",
    "The session on trauma changed how I start my mornings.",
    "Some sessions felt rushed, but the planning time was worth it.",
    "Great mix of district, charter and Catholic teachers.",
    "I'd be interested in co-leading next year.",
    "Too much theory in week 2, more examples please.",
    "Thank you! This was the best PD I've had in years.",
    "Grad credit paperwork was confusing.",
    "Our group kept meeting after the course ended.",
    "Online sessions worked better than I expected.",
    'The "notice and wonder" routine is now part of every lesson.',
    "Hard to get coverage to leave early on Wednesdays.",
)
