"""The catalogue the store opens with (product spec, section 4).

Plain data; ``catalog.seed`` writes it. Modules and lessons are numbered from
1 in the order listed here. Lesson durations are minutes and add up to the
course's advertised duration. No lesson has a video yet (``videoUrl`` null:
the player shows its "in post-production" slate) and no asset has artwork
(``imageUrl`` null: the store draws a frame in the asset's colour), rather
than links that would not load.
"""

from decimal import Decimal

COURSES = [
    {
        "slug": "level-1",
        "title": "MASTER THE GOOGLE ECOSYSTEM",
        "description": (
            "The foundational course. Learn the connected workflow of Gemini, Nano Banana "
            "(Gemini 3 Pro Preview), and Veo. Stop using fragmented tools. Learn to run a "
            "complete Hollywood-style studio from your browser."
        ),
        "short_description": "Learn Gemini, Nano Banana, and Veo",
        "price": Decimal("149.00"),
        "level": "01",
        "duration": "4.5 HOURS",
        "lessons_count": 24,
        "badge": None,
        "color": "electricBlue",
    },
    {
        "slug": "level-2",
        "title": "ADVANCED AI CINEMATOGRAPHY",
        "description": (
            "Mastering physics, compound camera moves, and the uncanny valley in Veo 3.1. "
            "Deep dive into motion control, advanced prompting, and professional-grade AI "
            "filmmaking techniques."
        ),
        "short_description": "Master Veo 3.1 cinematography",
        "price": Decimal("199.00"),
        "level": "02",
        "duration": "6.0 HOURS",
        "lessons_count": 32,
        "badge": None,
        "color": "signalOrange",
    },
]

# (module name, [(lesson title, minutes), ...]) per course slug. Level 1 keeps
# the modules and lesson titles of spec 4.2 and extends each module.
MODULES = {
    "level-1": [
        ("The Ecosystem Overview", [
            ("Welcome", 5),
            ("Setting Up", 8),
            ("Interface Tour", 10),
            ("How Gemini, Nano Banana and Veo Connect", 12),
            ("Planning Your First Project", 10),
        ]),
        ("Mastering Gemini", [
            ("Intro to Nano Banana", 10),
            ("Prompt Engineering", 15),
            ("Image Generation", 14),
            ("Editing and Iterating on Images", 12),
            ("Style References and Mood Boards", 11),
        ]),
        ("Character Creation", [
            ("Character Sheets", 12),
            ("Consistency Techniques", 15),
            ("Digital Actors", 13),
            ("Wardrobe, Props and Expressions", 10),
            ("Building a Cast Library", 9),
        ]),
        ("Introduction to Veo", [
            ("Veo Interface", 9),
            ("First Video", 12),
            ("Ingredients System", 14),
            ("Camera Directions in Prompts", 11),
            ("Extending and Stitching Shots", 12),
        ]),
        ("The Connected Workflow", [
            ("Full Pipeline", 14),
            ("Project Walkthrough", 18),
            ("Final Export", 9),
            ("Wrap-Up and Next Steps", 5),
        ]),
    ],
    "level-2": [
        ("Cinematic Foundations in Veo 3.1", [
            ("Welcome to Level 2", 5),
            ("What Changed in Veo 3.1", 12),
            ("Shot Language Refresher", 14),
            ("Setting Up an Advanced Project", 10),
        ]),
        ("Physics and Believable Motion", [
            ("How Veo Models Physics", 12),
            ("Gravity, Weight and Momentum", 13),
            ("Fluids, Smoke and Cloth", 14),
            ("Fixing Physics Glitches", 11),
        ]),
        ("Compound Camera Moves", [
            ("Anatomy of a Compound Move", 11),
            ("Dolly Zooms and Crane Shots", 13),
            ("Orbits and Tracking Shots", 12),
            ("Chaining Moves Across Shots", 12),
        ]),
        ("Crossing the Uncanny Valley", [
            ("Why Faces Feel Wrong", 10),
            ("Eyes, Blinks and Micro-Expressions", 13),
            ("Lip Sync and Dialogue", 14),
            ("Hands, Skin and Hair", 11),
        ]),
        ("Motion Control", [
            ("Motion Control Basics", 10),
            ("Driving Motion from Reference Video", 13),
            ("First and Last Frame Keyframing", 12),
            ("Directing Crowds and Multiple Subjects", 11),
        ]),
        ("Advanced Prompting", [
            ("The Shot-List Prompt", 11),
            ("Negative Prompts and Constraints", 10),
            ("Lighting and Lens Vocabulary", 12),
            ("Prompt Templates for Series Work", 10),
        ]),
        ("Professional Techniques", [
            ("Color Grading AI Footage", 12),
            ("Sound Design and Generated Audio", 11),
            ("Upscaling and Frame Interpolation", 10),
            ("Editing for Continuity", 12),
        ]),
        ("Capstone: The Short Film", [
            ("Writing the Treatment", 9),
            ("Previz with Nano Banana", 10),
            ("Shooting the Sequence in Veo", 14),
            ("Final Cut and Delivery", 6),
        ]),
    ],
}

# In the order of the store (spec 4.3), which is also their display order.
ASSETS = [
    {
        "title": "CYBERPUNK TEXTURES VOL. 1",
        "description": "50+ Nano Banana Generated Surfaces",
        "price": Decimal("29.00"),
        "category": "textures",
        "badge": "NEW",
        "image_url": None,
        "file_format": "PNG",
        "file_size": "2.4 GB",
        "color": "purple-500",
    },
    {
        "title": "SCI-FI CHARACTER SHEETS",
        "description": "30 Turnaround Sheets for Consistent Digital Actors",
        "price": Decimal("49.00"),
        "category": "characters",
        "badge": "POPULAR",
        "image_url": None,
        "file_format": "PNG",
        "file_size": "1.8 GB",
        "color": "cyan-500",
    },
    {
        "title": "CINEMATIC LUTS PACK",
        "description": "25 Film-Emulation Grades for AI Footage",
        "price": Decimal("19.00"),
        "category": "luts",
        "badge": None,
        "image_url": None,
        "file_format": "CUBE",
        "file_size": "48 MB",
        "color": "amber-500",
    },
    {
        "title": "AMBIENT SOUNDSCAPES",
        "description": "40 Loopable Atmospheres for Film Scenes",
        "price": Decimal("39.00"),
        "category": "sound",
        "badge": None,
        "image_url": None,
        "file_format": "WAV",
        "file_size": "3.1 GB",
        "color": "emerald-500",
    },
    {
        "title": "NEON CITY BACKGROUNDS",
        "description": "60 Rain-Soaked Cityscapes in 4K",
        "price": Decimal("35.00"),
        "category": "textures",
        "badge": "POPULAR",
        "image_url": None,
        "file_format": "PNG",
        "file_size": "3.6 GB",
        "color": "pink-500",
    },
    {
        "title": "FANTASY CHARACTER PACK",
        "description": "40 Heroes, Creatures and Costume Sheets",
        "price": Decimal("59.00"),
        "category": "characters",
        "badge": "NEW",
        "image_url": None,
        "file_format": "PNG",
        "file_size": "2.9 GB",
        "color": "blue-500",
    },
]
