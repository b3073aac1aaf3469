"""The written notes of every seeded lesson (Markdown), keyed by (course slug,
module number, lesson number) as ``catalog.seed_data`` numbers them.

Each entry is the body of the notes: ``catalog.seed.lesson_notes`` puts the
lesson's title and its place in the course above it. Plain Markdown only (the
player drops raw HTML), and no links out of the site.
"""

NOTES: dict[tuple[str, int, int], str] = {
    # ------------------------------------------------------------------
    # Level 1: Master the Google Ecosystem
    # ------------------------------------------------------------------

    # Module 1: The Ecosystem Overview
    ("level-1", 1, 1): """\
Welcome to the studio. This course treats three Google tools as one production line: **Gemini** is
your writer and script supervisor, **Nano Banana** (Gemini's image model) is your art department and
camera test, and **Veo** is your film crew, turning stills and descriptions into moving shots with
sound. By the end you will have made a short, finished piece using all three.

AI filmmaking rewards the same habits as traditional filmmaking: a clear idea, a plan, and careful
decisions about every frame. The tools are fast, which makes it tempting to generate endlessly and
hope for something good. The course teaches the opposite: decide first, then generate with intent.

## What you will learn

- How to turn a one-line idea into a treatment, a shot list and a set of prompts in Gemini.
- How to design characters, locations and props as still images, and keep them consistent.
- How to animate those stills with Veo, and direct the camera with words.
- How to assemble, grade and export the result so it plays well anywhere.

## How to use these notes

Each lesson has a video and a page like this one. Watch the video, then keep the notes open while
you repeat the steps in your own project. Every lesson ends with a small exercise; do them, because
each one produces material that a later lesson reuses.

## Your first exercise

Write down one idea for a film of under a minute, in a single sentence: who it is about, what they
want, and what stands in their way. Keep it somewhere safe; it becomes your course project.
""",

    ("level-1", 1, 2): """\
Before generating anything, set up a workspace that will still make sense after a hundred
generations. AI projects produce far more material than traditional shoots: dozens of image
variations per shot, several takes of every clip, and prompts that you will want to reuse. Without
a system, the good takes get lost.

## Key ideas

- **Accounts and access.** Sign in with one Google account that has access to Gemini and Veo, and
  use it for the whole project so your history stays in one place.
- **A project folder structure.** A simple, predictable layout works best, for example `01_script`,
  `02_references`, `03_stills`, `04_video`, `05_audio`, `06_edit` and `07_exports`.
- **Naming conventions.** Name files by scene, shot and take: `sc02_sh04_t03.png` tells you exactly
  where a file belongs. Avoid names like `final_final2.png`.
- **A prompt log.** Keep a plain document or spreadsheet with one row per generation you keep: the
  shot, the exact prompt, the reference images used, the aspect ratio and a note on what worked.
  This is your continuity record, and it makes any shot reproducible.
- **An editor.** You will need a video editor for assembly, sound and grading. Any editor that
  supports multiple tracks and LUTs is enough for this course.

## Exercise

Create the folder structure for your course project, start the prompt log with columns for shot,
prompt, references, settings and notes, and file your one-sentence idea from the previous lesson in
the script folder.
""",

    ("level-1", 1, 3): """\
This lesson is a guided tour of the places you will work in: the Gemini chat, where you write,
plan and generate images, and the Veo workspace, where you generate video. Knowing where things
live saves time, but the interfaces change often, so focus on the concepts rather than the exact
position of a button.

## What to look for in any generation tool

1. **The prompt box.** Where you describe what you want. Longer, structured prompts usually do
   better than short ones, and you can often paste a prompt written earlier in Gemini.
2. **Attachments and references.** Where you add images: a character, a location, a style frame.
   References are the main tool for consistency, so learn how to add several at once.
3. **Output settings.** Aspect ratio (16:9 for widescreen, 9:16 for vertical phones), the number of
   variations, and for video the length and whether audio is generated.
4. **History.** Previous generations and conversations. Reusing a good earlier result as a new
   reference is one of the most useful moves in the whole workflow.
5. **Download and export.** Where you save results at full quality into your project folders.

## Conversations have memory

In Gemini, each chat keeps its context. Continuing in the same conversation lets you refine an
image step by step ("same scene, but at night"); starting a new chat gives you a clean slate. Use
one conversation per character or location while you develop it.

## Exercise

Generate one simple image in Gemini, then ask for a change to it in the same chat. Find both
versions in your history, download the one you prefer and log it in your prompt log.
""",

    ("level-1", 1, 4): """\
The power of this ecosystem is not any single tool, but the hand-offs between them. Each tool does
one job well, and the output of one becomes the input of the next. Understanding those hand-offs is
what lets you plan a project rather than improvise it.

## The three roles

- **Gemini: words.** Brainstorming, treatments, scripts, shot lists and, crucially, prompts. Ask it
  to turn a scene description into a numbered shot list, then into one image prompt per shot.
- **Nano Banana: still frames.** Character designs, locations, props and keyframes. A still is cheap
  and fast to iterate, so you solve composition, lighting and look here, before any motion.
- **Veo: motion and sound.** Veo animates a prompt, or your stills used as a first frame or as
  references, and can generate synchronised audio.

## The hand-offs

1. **Text to image.** A shot from the list becomes an image prompt; the image shows whether the
   idea works visually.
2. **Image to video.** The approved still becomes the first frame or an ingredient of a Veo shot, so
   the video inherits its framing, character and palette.
3. **Video back to text.** When a clip goes wrong, describe the problem to Gemini and ask for a
   revised prompt. The loop continues until the shot is right.

## Why this order matters

Motion is the slowest step to iterate: settle what you can in text and stills.

## Exercise

Take your one-sentence idea and ask Gemini for a five-shot outline. Pick one shot and write down
which tool handles each step of it, from prompt to finished clip.
""",

    ("level-1", 1, 5): """\
A short film made with AI still needs pre-production. Planning turns a vague idea into a list of
concrete shots, each small enough to generate, and tells you in advance which assets you must design
once and reuse everywhere.

## The planning documents

- **Logline.** One sentence: character, goal, obstacle. If the logline is unclear, the film will be.
- **Treatment.** A half-page description of what happens, in the present tense, including the tone
  and the ending.
- **Shot list.** A numbered table with, for each shot, the shot size, camera angle, camera movement,
  action, location and rough duration. Gemini is very good at drafting this from a treatment.
- **Asset list.** Every character, location and key prop that appears in more than one shot. Each
  needs a reference image before you generate video.

## Keep the first project small

Aim for 30 to 60 seconds, one or two characters, one or two locations and eight to twelve shots.
Generated clips are short, so a film is built from many of them, and every extra character or
location multiplies the work of keeping things consistent.

## Think in coverage

For each scene, plan at least one wide establishing shot, a medium shot for action and a close-up
for emotion. This gives you options in the edit and hides the small differences between clips.

## Exercise

Write a logline and a treatment for your project, then ask Gemini to turn the treatment into a shot
list table. Edit the list until it has no more than twelve shots, and extract the asset list from it.
""",

    # Module 2: Mastering Gemini
    ("level-1", 2, 1): """\
Nano Banana is the nickname of Gemini's native image model: the part of Gemini that creates and
edits pictures from your words. For a filmmaker it is the art department and the camera test in
one. You use it to design characters and sets, to explore looks, and to produce the keyframes that
Veo later brings to life.

## What makes it different

- **It understands conversation.** You can generate an image, then ask for changes in plain language
  ("move the camera lower", "make it dusk") and it edits the image rather than starting over.
- **It accepts several images at once.** You can combine a character, a location and a style
  reference in one request, which is the basis of visual consistency.
- **It follows detailed instructions.** Composition, lens, lighting and mood can all be described,
  and it generally respects them when they are stated clearly.
- **It can keep a subject recognisable** across edits, so the same character can appear in new
  poses and places.

## Where it fits

Use Nano Banana for anything that is still: concept art, character sheets, locations, storyboards
and the first frames of shots. Solving a shot as a still is much faster than solving it in video.

## Limits to keep in mind

Small text, exact counts of objects, and complex hand poses can still go wrong. Check details
closely, and regenerate or edit rather than hoping they will be fixed later in video.

## Exercise

Ask Gemini for an image of the main location of your project. Then make three conversational edits
(time of day, weather, camera height) and save the version that best matches your treatment.
""",

    ("level-1", 2, 2): """\
A prompt is a brief to a collaborator who cannot ask questions. The more clearly you describe what
you want, in an order that mirrors how a shot is built, the more reliably you get it. This lesson
gives you a structure you will use for both images and video for the rest of the course.

## A prompt structure that works

Build prompts from these parts, in roughly this order:

1. **Subject:** who or what, with the details that matter ("a woman in her sixties, silver braid,
   weathered yellow raincoat").
2. **Action:** what the subject is doing ("mending a fishing net").
3. **Setting:** where and when ("on a wooden pier at dawn, light fog").
4. **Composition:** shot size and angle ("medium close-up, eye level, subject on the left third").
5. **Lighting:** source and quality ("soft low sunlight from behind, warm rim light").
6. **Style:** the look ("cinematic photograph, shallow depth of field, muted teal and amber palette").

## Habits of good prompts

- **Describe, don't list keywords.** Full sentences carry relationships that tags lose.
- **Be specific where it matters,** and leave the rest open.
- **Say what you want, not what you don't.** "An empty street" works better than "no people".
- **Change one thing at a time** when iterating, so you learn what each word does.
- **Let Gemini help.** Ask it to expand a rough idea into a structured prompt, then edit the result.

## Exercise

Write a prompt for the opening shot of your project using all six parts. Generate it, then change
only the lighting line twice and compare the three results.
""",

    ("level-1", 2, 3): """\
Now you put prompt structure to work and generate the still images your film will be built from.
The goal is not one beautiful picture but a set of images that share a look and can be cut
together, so consistency matters as much as quality.

## Key ideas

- **Choose the aspect ratio first.** Generate stills in the ratio of the finished film, usually 16:9
  for widescreen or 9:16 for vertical. Cropping later loses framing you worked hard on.
- **Use film language.** Terms such as *wide shot*, *close-up*, *low angle*, *over-the-shoulder* and
  *shallow depth of field* are understood and give you control over composition.
- **Name the light.** *Golden hour*, *overcast*, *hard key light*, *practical lamps*, *neon signage*:
  lighting does more for mood than any other word in the prompt.
- **Lock a style line.** Write one sentence that describes the look of your film (palette, film
  stock, texture) and paste it unchanged at the end of every prompt.
- **Generate variations, then choose.** Ask for several options, pick the strongest and refine it
  with edits instead of rerolling from scratch.

## Judging a frame

Ask three questions of every image: does it tell the beat of the story, does it match the shots
around it, and could it move? A frame with a clear subject and room for motion animates better
than a cluttered one.

## Exercise

Generate the first three shots of your shot list with the same style line. Lay them side by side
and fix the one that does not belong, by editing its lighting or palette.
""",

    ("level-1", 2, 4): """\
The first generation is rarely the final frame. Iterating is where images become shots: you keep
what works and change only what does not. Gemini's conversational editing makes this fast, as long
as you change things deliberately.

## Editing techniques

- **Targeted edits.** Name the element and the change: "replace the blue mug with a chipped white
  enamel mug, keep everything else the same". Ending with "keep everything else the same" helps
  protect the rest of the frame.
- **Local changes.** Adjust one region at a time: the sky, a sleeve, a background sign. Several small
  edits are more predictable than one large one.
- **Relighting and time of day.** Ask for the same scene at night, under rain, or lit by a single
  candle to create variations for different moments of the story.
- **Reframing.** Ask for a wider or tighter view, or a different camera height, to create coverage of
  the same scene.
- **Start fresh from the best version.** After many edits, quality can drift. Download your best
  image and begin a new conversation with it as the reference.

## Versioning

Save each version you might want to return to, numbered as takes (`sh03_t01`, `sh03_t02`) and
logged with the instruction that produced it. Iteration without versions means losing the good
take you made three edits ago.

## Exercise

Take one of your shots and make five edits in sequence, saving each: a prop change, a wardrobe
change, a lighting change, a reframe and a background clean-up. Note which edits held the rest of
the image steady and which did not.
""",

    ("level-1", 2, 5): """\
A film needs a consistent look, and words alone are an imprecise way to describe one. Style
references and mood boards let you show the model what you mean: a palette, a texture, a quality of
light. This lesson shows how to build a visual bible for your project and use it in every prompt.

## Building a mood board

Collect or generate eight to twelve images that capture the feeling of your film: colour, light,
texture, framing and costume. Use your own generated images or photos you have the right to use.
Then write a short paragraph describing what they have in common. That paragraph becomes your
style line.

## Using references

- **One style frame.** Pick a single image that best represents the look and attach it as a style
  reference when generating new shots, telling Gemini to match its palette and lighting but not its
  content.
- **Separate style from subject.** Be explicit: "use the first image for the character, the second
  only for colour and mood". Mixing roles confuses the result.
- **Describe the look in film terms:** contrast level, colour temperature, saturation, grain, lens
  character (soft vintage glass, crisp modern lens, anamorphic flares).
- **Reuse, don't reinvent.** The same reference and style line on every shot does more for
  consistency than clever new wording each time.

## Exercise

Assemble a mood board for your project in your references folder, write a three-sentence style
description, and regenerate one earlier shot using your chosen style frame. Compare it with the
original and keep the version that fits the board.
""",

    # Module 3: Character Creation
    ("level-1", 3, 1): """\
A character sheet is the single most important asset of an AI film. It is the reference that every
later image and video of that character is checked against, so time spent here saves hours of
fixing faces and costumes later.

## What a good character sheet contains

- **A turnaround.** The character seen from the front, three-quarter, side and back, in a neutral
  standing pose, against a plain background, in even, soft lighting.
- **A face close-up.** A clear, front-facing portrait with a neutral expression, showing eye colour,
  skin details, hair line and any distinguishing marks.
- **Key details called out.** Scars, tattoos, jewellery, the exact cut and colour of the costume.
- **A written description.** Two or three sentences you paste into prompts: age, build, face, hair,
  wardrobe, and one memorable trait.

## How to generate one

Ask for a "character turnaround sheet" with the views side by side on a plain light grey
background, the same character in every view, full body, flat even lighting. If the views do not
match, generate the front view first, then use it as the reference to create the other views one at
a time.

## Why neutral matters

Dramatic lighting and expressions look good but hide information. A flat, neutral sheet gives the
model the cleanest possible reference; the drama comes later in the shots themselves.

## Exercise

Create a character sheet for your protagonist: a turnaround, a face close-up and a written
description. Save it in your references folder as the master reference for that character.
""",

    ("level-1", 3, 2): """\
Audiences forgive many things in an AI film, but not a hero whose face changes between cuts.
Consistency comes from a handful of reliable techniques used together, not from a single trick.

## Key ideas

- **Always start from the reference.** Attach the character sheet or face close-up to every
  generation where that character appears, and tell Gemini to keep the same person.
- **Repeat the same description.** Paste the identical written description into every prompt. Do
  not paraphrase it; changing "auburn bob" to "reddish short hair" invites a different person.
- **Anchor with distinctive features.** A specific scar, a bright scarf, a particular pair of
  glasses: strong, simple traits survive generation better than subtle ones.
- **Change one variable per shot.** Keep the character fixed and change the pose, angle or location.
  Changing everything at once is where identity drifts.
- **Chain from approved images.** When a new image is right, it becomes a reference for the next,
  especially for the same scene.

## Checking your work

Line up all shots of a character in sequence and look only at the face, then only at the costume.
Check face shape, eye colour, hair and the position of costume details such as buttons or patches.
Edit or regenerate any shot that breaks continuity before moving to video; Veo carries over what it
is given, including mistakes.

## Exercise

Generate your protagonist in four different shots from your list (a wide, a medium, a close-up and
a profile) using the reference and description. Review them side by side and fix the weakest one.
""",

    ("level-1", 3, 3): """\
A digital actor is more than a consistent face: it is a character who can perform. In this lesson
you move from a reference sheet to a performer who can express emotion, move convincingly and carry
a scene, first in stills and then in video.

## Directing a digital actor

- **Give actions, not adjectives.** "She looks down, then forces a small smile" is playable;
  "she is sad" is not. Describe what the body and face do.
- **Use the eyes.** Eyeline tells the audience where to look and what the character is thinking.
  State where the actor is looking: at the camera, off-screen left, at another character.
- **Keep performances small in close-ups.** Subtle expressions read as real; exaggerated ones drift
  toward caricature or the uncanny.
- **Match body language to the character.** A nervous character fidgets and keeps their arms close;
  a confident one takes up space. Add this to your character description.
- **Think about the voice.** When Veo generates dialogue, describe the voice as you describe the
  face: age, tone, accent, pace. Keep that description consistent for every shot.

## An acting test

Before the real scenes, run a screen test: generate your character in close-up showing a few
different emotions, and animate one or two of them with Veo. This shows how the character holds up
in motion and whether the design needs simplifying.

## Exercise

Write a short performance note for your protagonist (posture, habits, voice), then generate three
close-ups showing three emotions from your story, each described only through physical actions.
""",

    ("level-1", 3, 4): """\
Costume, props and expressions are where continuity errors hide. A coat that changes colour, a cup
that switches hands or a necklace that vanishes between shots breaks the illusion as surely as a
changing face. This lesson shows how to design these elements once and keep them stable.

## Wardrobe

Design each costume as its own reference: the garment laid flat or on the character in neutral
light. Describe it precisely in prompts, with colour, material and fit ("a rust-coloured waxed
cotton jacket, slightly too big, brass buttons"). If a character changes clothes in the story, give
each outfit its own name and sheet, and note in your shot list which outfit appears in which shot.

## Props

- Give recurring props a reference image of their own, and attach it when the prop is prominent.
- Keep props simple and bold; intricate objects mutate between generations.
- Note which hand holds a prop and keep it consistent within a scene.

## Expressions

Create an expression sheet: the character's face showing a range of emotions (calm, worried, angry,
delighted, exhausted) with the same lighting and angle. It serves two purposes: it tests whether the
face stays recognisable under emotion, and it gives you ready references for close-ups.

## Exercise

Build a wardrobe reference for your protagonist's main outfit, a reference for one key prop, and a
six-expression sheet. Check every image against the original character sheet before filing it.
""",

    ("level-1", 3, 5): """\
As your project grows, so does the number of characters, outfits and versions. A cast library is a
simple, organised collection of everything you need to put any character on screen again, in this
film or the next.

## What goes into the library

For each character, keep one folder containing:

- The **master character sheet** and face close-up.
- The **written description** and the **performance note**, as text you can paste.
- **Wardrobe and prop references**, one file each.
- The **expression sheet**.
- Two or three **approved shots** from the film that show the character at their best.
- For speaking characters, a **voice description** and a reference clip of a generation whose voice
  you liked.

## Keep it usable

- **One master per character.** When a design changes, update the master and mark older versions as
  retired, so nobody generates from an outdated look.
- **Consistent naming:** `cast/mara/mara_sheet_v2.png`, `cast/mara/mara_description.txt`.
- **A cast overview.** One image showing all characters side by side, at the same scale and in the
  same light, is useful for checking relative height, style and palette.
- **Reuse across projects.** A good digital actor can return in sequels and series. The library is
  what makes that possible.

## Exercise

Create the cast library for your project with a folder for every character, and make a cast
overview image. Use it to generate one new shot of a secondary character, working only from the
library.
""",

    # Module 4: Introduction to Veo
    ("level-1", 4, 1): """\
Veo is Google's video generation model. It creates short clips from a text prompt, from an image,
or from a combination of both, and it can generate sound along with the picture. This lesson walks
through the controls you will find in any Veo workspace, so that in the next lessons you can focus
on directing rather than searching.

## The essential controls

- **Prompt.** Your description of the shot: subject, action, setting, camera and style, plus what
  should be heard.
- **Image input.** A still to start from, or images used as references for characters, objects and
  style. Your Nano Banana work enters the pipeline here.
- **Aspect ratio.** Choose the format of the finished film before you start; mixing formats makes
  the edit harder.
- **Number of outputs.** Generating several takes at once lets you choose the best performance, as
  you would on set.
- **Audio.** Whether the clip includes generated sound, such as dialogue, effects and ambience.

## Working efficiently

Video generation takes longer and usually costs more than images, so be deliberate. Test ideas as
stills first, write the full prompt before you generate, and review each take against your shot
list. Keep the prompt and settings of every take you keep in your prompt log.

## Takes, not attempts

Think of each generation as a take. Some will have a better performance, some better camera work.
Choosing between takes is part of directing, not a sign of failure.

## Exercise

Open the Veo workspace you will use and find each of the controls above. Set your project's aspect
ratio and write, but do not yet generate, the prompt for your opening shot.
""",

    ("level-1", 4, 2): """\
Time to make a first clip. Starting with a simple, well-defined shot teaches you how Veo interprets
a prompt and what its strengths are, before you attempt complex scenes.

## Structure of a video prompt

A video prompt adds time and sound to the image prompt structure you already know:

1. **Subject and action:** who is on screen and what happens, in order ("a fisherman pulls a net
   from the water, then pauses to look at the horizon").
2. **Setting:** place, time and weather.
3. **Camera:** shot size, angle and movement ("medium shot, slow push-in").
4. **Style and light:** your style line.
5. **Audio:** what we hear ("waves against the pier, gulls in the distance, no music").

## Tips for a first success

- **One action per clip.** Clips are short; a single clear action reads best.
- **Start from your still.** Using your approved keyframe as the first frame keeps character,
  composition and palette under control.
- **Describe motion explicitly.** The still already shows what things look like; the prompt should
  focus on what moves and how.
- **Generate a few takes** and compare them for performance, camera and artefacts.

## Reviewing the clip

Watch each take at full size, then watch it again looking only at the subject's hands and face, then
only at the background. Note anything that morphs, flickers or moves unnaturally; the next lessons
show how to fix it.

## Exercise

Generate your opening shot from its keyframe, with a prompt that follows the five-part structure.
Make at least three takes, pick the best one and log why you chose it.
""",

    ("level-1", 4, 3): """\
The ingredients approach lets you give Veo several reference images at once: a character, an
object, a location or a style. Veo then composes a new shot that uses all of them. It is the video
equivalent of your cast library, and the main tool for keeping people and things consistent across
many clips.

## How to think about ingredients

- **Each image has one job.** A character ingredient should show only the character, clearly lit on
  a plain background. A location ingredient should be an empty set. A prop should be isolated.
- **The prompt assembles them.** Describe the shot and refer to each ingredient by role: "the woman
  in the yellow raincoat walks along the pier carrying the lantern".
- **Fewer, stronger ingredients.** Every extra reference is something else to keep consistent. Use
  only what the shot needs.
- **Clean references give clean results.** Busy backgrounds or dramatic shadows in a reference tend
  to leak into the shot.

## Ingredients versus a first frame

Starting from a first frame gives you precise control of the composition. Ingredients give you
freedom to place the same character in new framings and movements without drawing every keyframe
yourself. Many projects use both: first frames for key shots, ingredients for coverage.

## Exercise

Prepare three clean ingredients from your library: your protagonist, one prop and your main
location. Generate one shot that combines all three, then a second shot with a different camera
angle using the same ingredients, and check that the character is recognisably the same person.
""",

    ("level-1", 4, 4): """\
In a Veo prompt, the camera is yours to direct, but only if you describe it. Without camera
directions, the model chooses for you, and the result often feels generic. This lesson gives you the
vocabulary to frame and move the camera with intent.

## Shot sizes

- **Extreme wide / establishing:** the whole location, characters small in it.
- **Wide:** the full body in its environment.
- **Medium:** waist up; the workhorse for action and conversation.
- **Close-up:** the face; emotion.
- **Extreme close-up:** a detail, such as eyes, hands or an object.

## Angles

*Eye level* feels neutral, *low angle* makes a subject powerful, *high angle* makes them vulnerable,
and an *overhead* shot gives a god's-eye view. A *Dutch angle* (tilted horizon) suggests unease.

## Movements

- **Pan / tilt:** the camera turns horizontally or vertically from a fixed position.
- **Dolly / push-in / pull-out:** the camera travels towards or away from the subject.
- **Truck / tracking:** the camera travels sideways or follows a moving subject.
- **Crane / pedestal:** the camera rises or descends.
- **Handheld:** slight, organic shake for urgency; **static** (locked-off) for calm.

## Writing it well

Put the camera in its own sentence, and describe the movement's speed and purpose: "slow push-in on
her face as she realises the truth". Use one movement per shot while learning; combining moves is
covered in the advanced course.

## Exercise

Generate the same moment three times with three different camera directions: a static wide, a slow
push-in and a tracking shot. Decide which best serves the story beat.
""",

    ("level-1", 4, 5): """\
Generated clips are short, but scenes are not. You build longer moments in two ways: by extending a
clip so the action continues in one unbroken shot, and by stitching separate shots together with
cuts. Both need planning to feel seamless.

## Extending a shot

Extending asks Veo to continue a clip from its final moments. It works best when:

- The first clip ends on a stable frame, not in the middle of a fast movement.
- The extension prompt describes what happens next, keeping the subject, setting and camera
  vocabulary unchanged.
- You extend a few times rather than many; quality and consistency can drift over long chains, so
  review every segment.

## Stitching with cuts

- **Last frame to first frame.** Save the final frame of one clip and use it, or a close edit of it,
  as the first frame of the next, so position and lighting match across the cut.
- **Cut on action.** Cutting in the middle of a movement, such as a door opening or a head turning,
  hides small differences between clips.
- **Change the shot size at each cut.** Going from a wide to a close-up feels intentional; two
  similar framings of slightly different images look like a mistake, a jump cut.
- **Keep the audio continuous.** A single ambience track running under several clips glues them
  together.

## Exercise

Create a ten-to-fifteen-second moment from your project: one shot extended once, followed by a cut
to a closer shot generated from the last frame. Assemble it in your editor with one continuous
ambience track underneath.
""",

    # Module 5: The Connected Workflow
    ("level-1", 5, 1): """\
This module brings everything together. The full pipeline is the order of work that takes an idea
to a finished film with the fewest wasted generations. Each stage produces approved material that
the next stage depends on, so quality checks happen early, where changes are cheap.

## The pipeline, stage by stage

1. **Develop (Gemini).** Logline, treatment, script and shot list. Approve the story before making
   any images.
2. **Design (Nano Banana).** Mood board, style line, character sheets, locations and props. Approve
   the look and the cast.
3. **Storyboard (Nano Banana).** One keyframe per shot, in the final aspect ratio. Lay them out in
   order and watch the story as a slideshow. Fix story problems here.
4. **Shoot (Veo).** Generate each shot from its keyframe or ingredients, several takes per shot.
   Approve the best take of each.
5. **Assemble (editor).** Rough cut, then fine cut, with pacing and continuity checks.
6. **Finish.** Sound design, music, colour grade, titles and export.

## Gates between stages

Treat the end of each stage as a gate: do not move on until its output is approved. Going back from
the edit to redesign a character means regenerating every shot that character appears in.

## Track the work

A simple tracking sheet with one row per shot and a column per stage (prompt, keyframe, video,
edit) shows at a glance what is done and what is blocked.

## Exercise

Make a tracking sheet for your project, fill in what you have already completed, and identify the
next gate you need to pass.
""",

    ("level-1", 5, 2): """\
In this lesson we follow one complete project from logline to final frame, applying every stage of
the pipeline. Use it as a model for your own project: the decisions matter more than the specific
story.

## The walkthrough

- **The idea.** A lighthouse keeper on her last night before the light is automated. One character,
  two locations, ten shots, around forty-five seconds.
- **Planning.** Gemini drafts the treatment and shot list; we cut it from sixteen shots to ten by
  merging beats that said the same thing.
- **Design.** A mood board of cold blue nights and warm lamp light, one character sheet, the
  lighthouse interior and exterior as empty sets, and the keeper's lantern as a prop reference.
- **Storyboard.** Ten keyframes reviewed as a slideshow. Shot 6 is replaced because it repeats the
  framing of shot 4.
- **Shooting.** Each shot generated from its keyframe, three or four takes each. Two shots need
  prompt revisions: one for unnatural hand movement, one for a camera move that drifted.
- **Edit and finish.** A rough cut at sixty seconds is trimmed to forty-five by tightening the start
  of each clip. Sound, music and a single grade unify the shots.

## Lessons from the walkthrough

Most of the time went into planning and design, and that is why the shoot went smoothly. Problems
that reached the video stage were nearly always visible in the stills first.

## Exercise

Write a one-page production diary of your own project so far, in the same format, noting each
decision you made and one you would make differently. Then finish the storyboard stage.
""",

    ("level-1", 5, 3): """\
The last step is delivering a file that looks and sounds the way you intended on every screen. A
careful export protects all the work that came before it.

## Before you export

- **Watch the whole film** once without stopping, as an audience would, and note anything that
  jolts you.
- **Check audio levels.** Dialogue should be clear above music and effects. Many streaming platforms
  normalise loudness to around -14 LUFS integrated, so mixing near that level avoids surprises.
- **Check the frame edges** for artefacts, and the first and last frames for stray flashes.
- **Add titles and credits,** keeping text inside a safe margin so it is not cropped on phones.

## Export settings that matter

- **Resolution and aspect ratio:** match your timeline; do not stretch or letterbox by accident.
- **Frame rate:** keep the frame rate of your clips. Converting between rates causes judder.
- **Codec:** H.264 or H.265 in an MP4 file plays almost everywhere. Keep a high-quality master as
  well, so you can make new versions later without re-encoding a compressed file.
- **Bitrate:** generous enough to avoid banding in dark gradients such as night skies.

## Versions and disclosure

Make versions for each platform you will publish on, such as a widescreen master and a vertical
cut-down. Be transparent that the film uses AI-generated imagery where a platform or audience
expects it; Google's generative tools also embed an invisible watermark in their output.

## Exercise

Export a master file and one platform version of your project. Watch both on a phone and on a
larger screen, and note any difference in how they look or sound.
""",

    ("level-1", 5, 4): """\
You have now worked through the whole Google ecosystem: planning in Gemini, designing in Nano
Banana, shooting in Veo, and finishing in an editor. More importantly, you have a repeatable process
and a finished piece to show for it.

## What to keep doing

- **Plan before you generate.** A shot list and a storyboard remain the fastest route to a good
  film, however quickly the tools improve.
- **Work from references.** Your cast library and style frames are assets that make every future
  project faster and more consistent.
- **Log your prompts.** Your prompt log is becoming a personal handbook of what works.
- **Judge like an editor.** Choosing the right take, and cutting what does not serve the story, is
  where much of the craft lives.

## Where to go next

The advanced course, *Advanced AI Cinematography*, builds on this foundation with believable
physics, compound camera moves, convincing faces and dialogue, motion control, and professional
finishing: grading, sound design and editing for continuity. If you found yourself wanting more
control over movement and performance during this course, that is exactly what it covers.

## Keep practising

The best practice is short and frequent: one small film a week teaches more than one large project
a year. Try remaking a favourite scene from a film shot for shot, or telling the same story in three
different visual styles.

## Final exercise

Write a short review of your own film: three things that work, three things you would improve, and
the one technique you want to learn next. Then share the film with someone whose opinion you trust
and ask what they felt, not what they noticed.
""",

    # ------------------------------------------------------------------
    # Level 2: Advanced AI Cinematography
    # ------------------------------------------------------------------

    # Module 1: Cinematic Foundations in Veo 3.1
    ("level-2", 1, 1): """\
Welcome to the advanced course. Level 1 taught you the connected workflow: plan in Gemini, design
in Nano Banana, shoot in Veo. This course is about the difference between footage that is
impressive for AI and footage that is simply good cinema.

## What changes at this level

- **From generating to directing.** You will stop accepting what the model gives and start
  controlling physics, camera paths and performance with precision.
- **From shots to sequences.** Single beautiful clips are easy; sequences that cut together with
  consistent motion, light and performance are the real skill.
- **From fixing to preventing.** You will learn why artefacts happen, so you can write prompts and
  prepare references that avoid them.

## The course at a glance

We cover believable physics and motion, compound camera moves, faces and dialogue that avoid the
uncanny valley, motion control with keyframes and references, advanced prompting, and professional
finishing: grading, sound, upscaling and editing. The course ends with a capstone short film.

## What you need

A working knowledge of the Level 1 pipeline, a cast library habit, a prompt log, and an editor that
supports multiple tracks and LUTs. Bring the vocabulary of film: shot sizes, angles and basic
camera moves. We refresh it early on, but quickly.

## Exercise

Pick two clips you made before, one you like and one you do not. For each, write three sentences
on what makes it feel cinematic or not. Keep these notes: by the end of the course you should be
able to fix everything on the second list.
""",

    ("level-2", 1, 2): """\
This course is built around Veo 3.1. Rather than memorising a feature list that will keep changing,
it is more useful to understand the kind of control the current generation of Veo gives you and how
it changes the way you plan.

## Areas of improvement to test for yourself

- **Prompt adherence.** Detailed prompts with several elements are followed more faithfully, which
  rewards structured, shot-list-style prompting.
- **Image-driven control.** Reference images, first frames and start-and-end frames give you more
  say over composition, identity and the path of the motion.
- **Audio.** Generated sound, including dialogue, effects and ambience, is more natural and better
  synchronised, so sound becomes part of the prompt rather than an afterthought.
- **Continuity tools.** Extending clips and working from frames make longer, connected sequences
  more practical.

## How it changes your workflow

More control means planning matters more, not less. Prepare clean references and keyframes, write
audio into your prompts, and design shots with clear start and end states so they can be connected.

## Run your own benchmark

Models change. The reliable way to know what your current version does well is to test it. Keep a
small set of benchmark prompts covering a face close-up, a fast action, a liquid, a camera move and
a line of dialogue, and rerun them whenever the tool changes.

## Exercise

Write your five benchmark prompts, generate them, and save the results with the date. Note the
strongest and weakest result: this tells you where to be careful in your own projects.
""",

    ("level-2", 1, 3): """\
Advanced techniques rest on basic film grammar. Before we combine camera moves and direct complex
motion, this lesson refreshes the shot language you will use in every prompt and every edit
decision of the course.

## Framing

Shot sizes run from *extreme wide* to *extreme close-up*. Each has a job: wides establish geography,
mediums carry action and conversation, close-ups carry emotion, inserts carry information. Use
*headroom* and *lead room* (space in the direction a character looks or moves) to make frames feel
balanced, and the rule of thirds as a starting point, not a law.

## Lenses

Focal length changes more than the field of view. A *wide lens* (around 24mm) exaggerates depth and
distorts faces up close; a *normal lens* (around 50mm) feels natural; a *long lens* (85mm and above)
compresses space and isolates the subject with shallow depth of field. Naming a focal length in a
prompt is a compact way to describe all of this.

## The rules of continuity

- **The 180-degree rule:** keep the camera on one side of the line between two characters, so their
  screen directions stay consistent.
- **The 30-degree rule:** change the angle by at least 30 degrees between cuts of the same subject,
  or the cut looks like a jump.
- **Eyeline match:** a character looking off-screen should be followed by what they see, from a
  matching direction.

## Exercise

Take a scene of two characters talking and write a six-shot plan for it, naming the shot size,
angle and focal length of each, and draw a simple overhead diagram showing the 180-degree line.
""",

    ("level-2", 1, 4): """\
Advanced projects involve more shots, more takes and more versions than anything in Level 1. A
well-organised project is what lets you iterate on difficult shots without losing track of what
worked.

## Key ideas

- **A shot bible.** For each shot, one entry containing the shot number, description, shot size,
  lens, camera move, duration, the references it uses and its current status. This is the single
  source of truth for the production.
- **Prompt templates.** Write a base template containing your style line, lighting vocabulary and
  audio description, and fill in only the shot-specific parts. Consistent wording across shots
  gives consistent results.
- **Reference packs per scene.** For each scene, a folder of the character, location and prop
  references it needs, plus a style frame. Attaching the same pack to every shot of the scene is the
  basis of continuity.
- **Take management.** Keep every usable take, named by shot and take, and mark the selected one.
  In complex sequences you will often go back to a second choice.
- **Editorial early.** Start a timeline in your editor on day one and drop in storyboard frames,
  then replace them with clips as they are made. You will see pacing problems early.

## Versioning references

If you revise a character or location, version the reference (`v1`, `v2`) and record in the shot
bible which version each shot used. Mixed versions are a common cause of continuity errors.

## Exercise

Set up a project for a short sequence of your choice: the folder structure, a shot bible of at least
eight shots, a base prompt template, and a timeline containing storyboard frames.
""",

    # Module 2: Physics and Believable Motion
    ("level-2", 2, 1): """\
Veo does not run a physics simulation. It has learned what motion usually looks like from a vast
amount of video, and it predicts plausible frames. Understanding that difference explains both why
physics often looks right and why it sometimes fails in strange ways.

## What this means in practice

- **Familiar motion works best.** Actions that are common in real footage, such as walking, pouring
  a drink or waves breaking, are usually convincing. Rare or impossible actions have less to draw on.
- **Cause and effect must be stated.** The model does not know that a push should make something
  fall unless the prompt or the start frame makes it clear. Describe the cause, then the effect.
- **Objects lack permanent identity.** Without a simulation, an object can merge with a hand,
  duplicate, or disappear when occluded. Keep important objects visible and distinct.
- **Speed and scale are cues.** Large things move slowly, small things quickly. Describing scale
  ("a massive cargo ship", "a tiny pebble") helps the model choose a believable speed.

## Writing physical prompts

Describe motion as a sequence of physical events with materials and forces: "she drops the heavy
iron key; it hits the stone floor with a dull clank and skids a short distance". Name materials,
because glass, rubber and wood all move and sound differently.

## Exercise

Generate the same action, an object falling from a table, with three prompts: a vague one, one that
names the material and weight, and one that also describes the impact and aftermath. Compare how
believable each result is.
""",

    ("level-2", 2, 2): """\
Weight is what makes motion believable. When a character lifts a heavy box or a car brakes hard,
the audience reads mass from timing, effort and the reaction of everything around it. AI footage
often feels weightless; this lesson shows how to put the weight back.

## Key ideas

- **Show effort.** Heavy things require visible effort: bent knees, a braced stance, a pause before
  the lift. Write the preparation into the action, not just the result.
- **Anticipation and follow-through.** Borrowed from animation: a movement is preceded by a small
  movement in the opposite direction (a crouch before a jump) and followed by settling (a stagger
  after landing). Describing both makes motion feel physical.
- **Momentum carries on.** A running character cannot stop instantly; a swung door keeps moving
  after it is released. Describe deceleration ("skids to a stop", "swings and slowly settles").
- **Secondary motion.** Hair, clothing, loose straps and the surroundings react to a movement after
  it happens. Mentioning them adds realism.
- **Speed matches mass.** Falls accelerate; big objects fall at the same speed as small ones but
  their impacts are heavier. Avoid slow motion unless you want a stylised look.

## Slow motion deliberately

If you want slow motion, ask for it explicitly and consistently. Unintended, floaty half-speed
motion is one of the most common tells of generated footage.

## Exercise

Generate a character lifting something heavy onto a shelf. Write one prompt that describes only the
action, and one that adds anticipation, effort, momentum and secondary motion. Compare the two side
by side at full speed.
""",

    ("level-2", 2, 3): """\
Fluids, smoke and cloth are some of the most expensive effects in traditional filmmaking and among
the most impressive in AI video. They are also where unnatural motion is easiest to spot, because
everyone knows how water and fabric behave.

## Fluids

Describe the **volume**, **viscosity** and **source**: "a thin stream of honey folds over itself" is
very different from "a bucket of water splashes across the deck". Say where the liquid comes from
and where it goes. Keep containers simple; complex glassware can distort or merge with the liquid.

## Smoke, fog and fire

- Describe **density** and **movement**: thin wisps drifting, thick rolling fog, billowing plumes.
- State the **air movement**: still air makes smoke rise straight, a breeze bends it sideways.
- Use **backlight** for smoke and fog. Light behind the volume reveals its texture, just as it does
  on a real set.

## Cloth

- Name the **fabric**: silk flows and catches light, denim is stiff, wool is heavy and soft.
- Tie cloth motion to a **cause**: wind, the character's movement, or a fan.
- Loose, flowing garments look great in motion but are harder to keep consistent across shots;
  check them against your wardrobe references.

## Check for tells

Watch for liquids that flow upward or vanish, smoke that pulses in a loop, and cloth that passes
through a body. Regenerate with a clearer cause, or simplify the shot.

## Exercise

Generate three short shots for one scene: steam rising from a cup, a curtain moving in a breeze, and
rain running down a window. Use the same lighting description for all three so they cut together.
""",

    ("level-2", 2, 4): """\
Even with careful prompts, some takes contain physics glitches: objects morphing, limbs bending
wrongly, things appearing from nowhere. Knowing the common failure types and their usual fixes turns
a frustrating reroll loop into a quick diagnosis.

## Common glitches and their fixes

- **Morphing objects.** A cup becomes a bowl mid-shot. Fix: give the object a reference image, name
  it precisely, and keep it in clear view; avoid hands covering it.
- **Merging or passing through.** A hand sinks into a table, a character walks through a chair.
  Fix: simplify the contact, describe it explicitly ("rests her palm flat on the table"), or choose
  an angle where the contact is less visible.
- **Floaty motion.** Weightless movement. Fix: describe mass, effort and normal speed.
- **Duplication.** Two of something that should be one. Fix: state the count ("a single lamp"),
  reduce clutter, and use a clean first frame.
- **Drift in long takes.** The scene slowly changes. Fix: shorter shots, a stable start frame, and
  cuts instead of long extensions.

## Rescue in the edit

Not every glitch needs a new generation. Trim the clip before the glitch appears, cut away to a
reaction shot, cover it with a close-up, or slow down the section that works. Audiences rarely
notice a problem that lasts only a few frames if the cut is motivated.

## Exercise

Collect three flawed takes from your own work. For each, name the glitch type, write a revised
prompt or reference strategy, regenerate, and record in your prompt log whether the fix worked.
""",

    # Module 3: Compound Camera Moves
    ("level-2", 3, 1): """\
A compound move combines two or more camera movements in one shot: a dolly forward while panning,
a crane up while tracking sideways. They are the signature of high-end cinematography because they
reveal space and story at the same time.

## The parts of a compound move

Break every compound move into its components before you write it:

- **Translation:** the camera travels (dolly, truck, crane, or following a subject).
- **Rotation:** the camera turns (pan, tilt, roll).
- **Optics:** the lens changes (zoom, focus pull).

A compound move combines components, for example "the camera trucks left while panning right to
keep her centred".

## Motivation

Every move should have a reason: following a character, revealing something, or changing the
audience's emotional distance. An unmotivated move feels like a screensaver. Write the purpose into
the prompt: "as she turns, the camera cranes up to reveal the flooded city behind her".

## Writing compound moves

- **Sequence them in time.** "Starts close on the ring, pulls back and rises to reveal the wedding
  hall" is clearer than a list of simultaneous moves.
- **Name the start and end frames.** Describe what the frame shows at the beginning and end.
- **Limit to two components** at first; three or more increases the chance of drift.
- **Keep speed consistent:** "slow, smooth" is a good default.

## Exercise

Choose a reveal moment from a project. Write it first as a simple move, then as a compound move with
a clear motivation, and generate both. Decide which serves the story and why.
""",

    ("level-2", 3, 2): """\
The dolly zoom and the crane shot are two of the most recognisable moves in cinema. One distorts
space to show a character's inner state; the other lifts the audience above a scene to show its
scale. Both are hard to get right, and both reward precise description.

## The dolly zoom

The camera moves towards the subject while the lens zooms out (or away while zooming in), so the
subject stays the same size while the background seems to stretch or collapse. It suggests vertigo,
shock or sudden realisation.

- Describe both halves: "the camera dollies forward while zooming out, her face stays the same size
  as the corridor behind her stretches away".
- Use a strong background with clear depth lines, like a corridor, a road or a staircase, so the
  effect is visible.
- Keep it short and use it once. It loses power with repetition.

## The crane shot

The camera rises or descends, often combined with a tilt to keep the subject in frame.

- **Crane up and tilt down** from a character to a wide view reveals isolation or scale.
- **Crane down** into a scene is an elegant opening that brings the audience in.
- Describe the start height and end height ("from ground level to high above the rooftops").

## Tips

Start from a keyframe of the opening composition, state the speed, and avoid busy crowds in crane
shots, where background figures tend to glitch.

## Exercise

Generate a dolly zoom on a character realising something, and a crane-up reveal of the same
location. Cut them together and judge whether they work as a sequence.
""",

    ("level-2", 3, 3): """\
Orbits and tracking shots keep the camera moving with, or around, a subject. They create energy and
intimacy, and they show the subject from changing angles, which makes them a strong test of
character consistency.

## Orbits

The camera circles the subject, keeping it centred: a slow orbit around two people in an embrace, a
fast one around a hero in a moment of decision.

- **Specify direction and extent:** "a slow quarter orbit clockwise", "a half circle around her from
  profile to face". Full 360-degree orbits are the hardest to keep consistent.
- **Simple, distinct backgrounds** help the audience read the rotation and reduce drift.
- **The subject stays still or moves little;** an orbit around a fast-moving subject is a compound
  move and needs more care.

## Tracking shots

The camera travels with a moving subject, beside, ahead or behind.

- **Leading:** the camera moves backwards ahead of the walking subject, facing them; good for
  conversation while walking.
- **Following:** behind the subject, seeing what they see; good for tension.
- **Side tracking:** parallel to the subject, showing the environment passing; good for journeys.
- Match the camera's speed to the subject ("keeping pace as she runs"), and say what stays in frame.

## Check identity

Moving around a character shows new angles, which is where a face or costume can drift. Use a
turnaround from your character sheet as a reference, and check the back and profile views.

## Exercise

Generate a leading tracking shot of a character walking and talking, and a quarter orbit around
them when they stop. Check that costume and face hold up in both.
""",

    ("level-2", 3, 4): """\
A single great move is impressive; a sequence of moves that flow into each other feels like a film.
Chaining moves across shots means designing how the movement of one shot hands over to the next,
so the cut feels like part of the motion rather than an interruption.

## Techniques for chaining

- **Match the direction.** If shot A pans left, shot B should continue leftward or start still. A
  sudden reverse of direction at the cut feels jarring unless it is intended.
- **Match the speed.** A fast move cut to a slow one feels like braking. Ramp speeds down within
  shots instead of at the cut.
- **Cut on movement.** Cutting during the camera movement, rather than after it stops, hides the
  join and keeps energy going.
- **Hidden cuts.** End shot A by passing behind a pillar, a person or into darkness, and start shot
  B coming out of it. Generate shot B from a frame that matches the occluded moment.
- **Match cuts.** Link two scenes by cutting between matching shapes or movements, such as a
  spinning wheel and a spinning coin.

## Plan it in the shot bible

Record each shot's camera direction and speed at its start and end, and check every handover
before generating.

## Build with frames

Start each shot from the last frame of the previous one, or an edit of it, to keep light and
composition continuous.

## Exercise

Design a sequence of three shots with chained moves and one hidden cut. Generate it, edit the cuts
on movement, and review it at full speed to find the weakest handover.
""",

    # Module 4: Crossing the Uncanny Valley
    ("level-2", 4, 1): """\
The uncanny valley is the discomfort we feel when something looks almost, but not quite, human. AI
faces can be photorealistic in a still and deeply unsettling in motion. Understanding why helps you
avoid it, or sidestep it when you cannot.

## Why faces trigger it

We are experts at reading faces. We notice tiny mismatches that we could not describe:

- **Dead eyes:** a fixed stare, eyes that do not track, or pupils that do not shift.
- **Frozen or symmetrical features:** real faces are asymmetric and never completely still.
- **Mismatched expression:** a smiling mouth with unmoving eyes, or emotion that arrives without a
  trigger.
- **Over-smooth skin:** skin without pores, texture or small blemishes looks like plastic.
- **Motion timing:** expressions that change too smoothly or at constant speed.

## Strategies

- **Aim for realism in imperfection:** ask for natural skin texture, slight asymmetry, fine lines.
- **Give the face a reason to move:** a reaction to something said or seen reads as alive.
- **Choose framing wisely:** medium shots are more forgiving than extreme close-ups.
- **Stylise deliberately:** a strong, consistent stylised look, such as painterly or animated,
  avoids the valley altogether because the audience does not expect photorealism.
- **Use light and shadow:** low-key lighting and partial shadows hide small flaws and add mood.

## Exercise

Generate a close-up of a character with a plain prompt, then with a prompt that adds skin texture,
asymmetry, a motivated reaction and low-key lighting. Show both to someone else and ask which person
feels more real.
""",

    ("level-2", 4, 2): """\
The eyes are where audiences look first and where AI performances most often fail. A close-up lives
or dies on whether the eyes feel alive. This lesson focuses on the small behaviours that make a face
read as a thinking person.

## Key ideas

- **Eyelines.** State exactly where the character looks, and for how long: "she looks at him, then
  glances down at the letter". Unclear eyelines produce a vacant stare.
- **Natural blinks.** People blink every few seconds, and more when nervous. Mention blinking in
  close-ups, and watch for characters who never blink or blink in a mechanical rhythm.
- **Saccades and glances.** Real eyes make small, quick movements as they scan a face or a room.
  "Her eyes search his face" describes this behaviour.
- **Micro-expressions.** Fleeting expressions reveal an emotion the character is trying to hide: a
  tightening of the lips, a flicker of fear before composure returns. Describe the sequence: the
  hidden emotion, then the mask.
- **Catchlights.** A small reflection of a light source in the eyes makes them look alive. Ask for a
  soft catchlight from a window or key light.

## Acting notes as prompts

Write close-up prompts like notes to an actor: the thought, then the visible reaction. "She hears
her name, pauses, and a faint smile appears before she turns" gives the model a readable sequence.

## Exercise

Generate a ten-second close-up where a character hears bad news and tries not to show it. Review it
frame by frame for eyelines, blinks and micro-expressions, and write down what felt false.
""",

    ("level-2", 4, 3): """\
Generated dialogue with synchronised lip movement is one of the biggest steps forward in AI video.
It also exposes the face more than anything else: audiences watch mouths when people speak, and
small sync errors are immediately noticed.

## Writing dialogue into a prompt

- **Put the exact line in quotation marks** and say who speaks it, for example: The old man says,
  "You came back." Keep lines short, a sentence or two per clip.
- **Describe the voice:** age, tone, pace and emotion ("a low, tired voice, almost a whisper").
  Reuse the same voice description every time that character speaks.
- **Describe the delivery:** pauses, emphasis and what the character does while speaking. A line
  delivered while doing something feels more natural than a talking head.
- **Keep one speaker per clip** when you can, and cut between speakers as in traditional coverage.

## Getting clean sync

- Frame dialogue in medium close-ups rather than extreme close-ups.
- Avoid hands or objects in front of the mouth.
- Generate several takes; performance and sync vary between them.
- Check plosives (p, b, m) where the lips should close, the most common sync tell.

## Editing dialogue scenes

Use **shot/reverse-shot** coverage, and cut to the listener for part of a line. Reaction shots hide
sync flaws and add emotion. Overlapping the audio of one shot with the picture of the next, a J-cut
or L-cut, makes conversation flow.

## Exercise

Write a four-line exchange between two characters, generate each line as its own clip, and edit it
into a scene with at least one reaction shot and one J-cut.
""",

    ("level-2", 4, 4): """\
Hands, skin and hair are the details that reveal generated footage. Each has complex structure and
motion, and audiences know exactly how they should look. A few targeted techniques raise the realism
of every shot that contains people.

## Hands

- **Give hands a clear, simple task:** holding a cup, resting on a railing, turning a page. Vague
  gestures invite extra fingers and melting poses.
- **Limit overlaps.** Interlaced fingers, hands touching faces and complex object handling are the
  hardest cases. Choose simpler blocking where the story allows.
- **Check the still first.** If the keyframe hands are wrong, the video will be worse. Fix them with
  edits before animating.

## Skin

- Ask for **natural skin texture**: pores, fine lines, subtle colour variation. Avoid words like
  "flawless" or "perfect", which produce plastic results.
- **Lighting shapes skin.** Soft side light shows texture gently; flat frontal light hides it and
  looks artificial.
- Keep skin tones consistent across shots; check them on a vectorscope when grading.

## Hair

- Describe **hair type and behaviour**: "fine, straight hair that moves slightly in the breeze".
- Tied-back hair is easier to keep consistent than long loose hair, especially in motion.
- Watch the **hairline and edges** against the background, where flicker often appears. A
  contrasting, simple background helps.

## Exercise

Generate a close shot of a character's hands doing a task from your story, and a portrait with
natural skin and moving hair. Identify any artefact and fix it by simplifying the action or changing
the lighting.
""",

    # Module 5: Motion Control
    ("level-2", 5, 1): """\
Motion control means deciding how things move instead of accepting what the model invents. With
words alone you describe motion; with frames and references you can constrain it. This module
combines both for precise, repeatable results.

## The levers of control

- **The prompt:** describes the action, its timing and the camera path. The most flexible lever,
  but the least precise.
- **The first frame:** fixes the starting composition, positions and lighting, so only the motion is
  left to the model.
- **First and last frames:** fix both ends, so the model generates the path between them.
- **References:** character, object and style images that constrain identity while the motion
  varies.

## Describing motion precisely

- **Direction:** use screen directions ("moves from frame left to frame right", "towards camera").
- **Timing:** describe the order and pace of events ("pauses, then quickly turns").
- **Amount:** "a small step back", "sweeps her arm wide". Vague intensity produces vague motion.
- **What stays still:** stating that the camera is locked off, or that the background is static,
  prevents unwanted movement.

## Choosing the right lever

Use the prompt alone for exploration, a first frame when composition matters, and first and last
frames when the exact end position matters, for example to match the next shot. The more precise
the requirement, the more image control you need.

## Exercise

Generate one action three ways: prompt only, with a first frame, and with first and last frames.
Compare how closely each matches what you intended, and note which you would use for a shot that
must cut into a specific next shot.
""",

    ("level-2", 5, 2): """\
Sometimes the fastest way to get a particular motion is to show it. A reference video, such as
footage you shoot on your phone or a performance you act out, captures timing, blocking and body
language that are hard to describe in words. This lesson covers ways to carry that motion into a
generated shot.

## Shooting a good reference

- Film against a plain background with even light, and frame the action as the final shot will be
  framed.
- Perform at real speed, with clear beginnings and endings to each movement.
- Keep the camera still unless the camera move is what you are referencing.

## Carrying the motion across

- **Where your tool accepts video input** for motion, use your clip as the driving reference and
  your character references for appearance. Keep the proportions and framing of the two similar.
- **Extract keyframes.** Pull stills at the key poses of the reference (start, peak, end), restyle
  them as your character with Nano Banana, and use them as first and last frames.
- **Translate to words.** Watch the reference and write down every movement with timing: "lifts the
  lid in one second, freezes, then slowly leans in". This shot-by-shot breakdown makes prompts far
  more precise.

## Rights and respect

Use footage you shot yourself or have permission to use. Do not use a real person's performance or
likeness without their consent.

## Exercise

Film yourself performing a short action from your project. Extract three key poses, convert them
into frames of your character, and generate the shot using the first and last pose as keyframes.
Compare the timing with your reference.
""",

    ("level-2", 5, 3): """\
Keyframing with a first and a last frame is one of the most powerful controls in Veo. You define
where the shot starts and where it ends, and the model creates the motion in between. It turns a
shot from a guess into a plan, and it is essential for shots that must connect precisely.

## Key ideas

- **Design both frames together.** Generate the first frame, then create the last frame by editing
  it ("same scene, the woman is now standing at the window"). Same character, same light, same
  style: only the intended change differs.
- **Plausible distance.** The change between frames must be achievable in the length of the clip.
  A character crossing a room works; a character crossing a city does not.
- **Describe the transition.** The prompt still matters: say how the subject gets from one state to
  the other, and what the camera does.
- **Use it for camera moves.** Two frames of the same scene from different positions define a camera
  move precisely: a push-in, an orbit or a crane.
- **Use it to connect shots.** Make the last frame of shot A the first frame of shot B for seamless
  continuity, or the first frame of a shot match a storyboard panel exactly.

## Common problems

If the motion looks like a morph or crossfade, the frames are too different. Reduce the change,
or split the shot into two clips with a middle keyframe.

## Exercise

Create a pair of keyframes for a shot in your project where a character moves to a new position and
the camera shifts with them. Generate it, then create the next shot starting from its last frame.
""",

    ("level-2", 5, 4): """\
Scenes with several characters or a crowd are harder than scenes with one. Every extra subject adds
something that can drift, merge or behave strangely. Directing them is mostly about clarity: who is
where, who does what, and who the audience should watch.

## Directing multiple subjects

- **Place them in space.** Use positions: "on the left, a tall man in a grey coat; on the right, a
  girl holding a red umbrella". Spatial anchors keep characters separate.
- **Give each a distinct look.** Different silhouettes, colours and heights help both the model and
  the audience tell people apart.
- **One action per person,** and a clear order of events: "he speaks first; she turns away".
- **Establish a hierarchy.** Decide which character the shot is about, and frame and light them as
  the focus; secondary characters react.

## Crowds

- Describe the crowd as a **group behaviour** ("a crowd streaming towards the station exit"), not
  as individuals.
- Keep the crowd in the **background or out of focus** with shallow depth of field; the eye forgives
  soft background figures.
- Watch for **duplicated faces** and people walking through each other, and avoid long close
  passes through a crowd.
- Use **layers:** a sharp foreground subject, a mid-ground group, and a soft background mass.

## When to split the shot

If a scene has too many interactions, break it into coverage: a wide for geography, then singles
and two-shots. That is how traditional films shoot it too.

## Exercise

Stage a moment from your story with three characters. Generate a wide shot placing all three,
then two closer shots, and check that each character stays recognisable across the cuts.
""",

    # Module 6: Advanced Prompting
    ("level-2", 6, 1): """\
The shot-list prompt is a disciplined format that turns each line of your shot list into a complete,
structured prompt. It makes prompts predictable, comparable and easy to adjust, which matters when
a project has dozens of shots.

## The format

Write every video prompt with the same labelled sections, in the same order:

- **Shot:** number, size, angle and lens ("Shot 12: medium close-up, low angle, 35mm").
- **Camera:** movement, speed and motivation.
- **Subject:** character, using their standard description and references.
- **Action:** what happens, in timed order.
- **Setting:** location, time of day and weather.
- **Lighting:** key source, quality and colour.
- **Style:** your project's style line, unchanged.
- **Audio:** dialogue, effects and ambience.

## Why it works

- **Completeness:** nothing is forgotten, so the model has fewer gaps to fill with guesses.
- **Consistency:** the same wording for style, lighting and characters across shots keeps the film
  coherent.
- **Debuggability:** when a shot fails, you change one section and see exactly what it affects.
- **Collaboration:** anyone on the team can read, review or rewrite a shot.

## Let Gemini do the formatting

Give Gemini your shot list and your template, and ask it to produce one prompt per shot in the
format. Then review each prompt yourself: the model is a fast assistant, but the creative decisions
are still yours.

## Exercise

Convert the shot list of a scene of at least six shots into shot-list prompts, generate the first
three, and note any section you had to revise after seeing the results.
""",

    ("level-2", 6, 2): """\
Telling a model what you do not want is surprisingly difficult. Writing "no people" in a prompt can
make people more likely to appear, because the word is now in the prompt. This lesson shows how to
express constraints that the model will actually respect.

## Key ideas

- **Describe the positive.** Instead of "no people", write "an empty, deserted street". Instead of
  "not blurry", write "sharp focus, crisp detail". Most constraints can be rewritten as a
  description of what should be there.
- **Use a negative prompt field when available.** Some tools, including Veo when used through its
  developer interface, accept a separate negative prompt. List the unwanted elements plainly
  ("text, watermark, extra limbs, cartoon style") without words like "no" or "don't".
- **Constrain through references.** A clean first frame or a reference image is often a stronger
  constraint than any sentence.
- **State what stays fixed.** "The camera remains completely still", "the background does not
  change", "she keeps holding the cup": explicit constancy prevents drift.
- **Keep it short.** Long lists of negatives dilute the prompt. Target the two or three problems you
  actually see.

## A workflow for constraints

Generate, note the unwanted element, rewrite the prompt positively, and only then add a negative if
the problem persists. Record the fixes that work in your prompt log; they become reusable for the
whole project.

## Exercise

Take a shot that produced unwanted elements (text, extra objects, wrong style). Fix it first by
rewriting positively, then with a negative prompt if available, and compare the results.
""",

    ("level-2", 6, 3): """\
Cinematographers communicate with a precise vocabulary of light and lenses. The same vocabulary is
one of the most effective tools in a prompt, because it packs a lot of visual information into a few
words the model has seen described many times.

## Lighting terms

- **Key, fill and back light:** the main light, the softer light that fills shadows, and the light
  behind the subject that separates it from the background (a *rim light*).
- **High key and low key:** bright, low-contrast scenes versus dark, high-contrast ones.
- **Hard and soft light:** direct sun or a bare bulb gives crisp shadows; overcast sky or a large
  diffused source gives gentle ones.
- **Motivated and practical light:** light that appears to come from sources in the scene, such as
  lamps, screens and windows.
- **Colour temperature:** warm tungsten versus cool daylight, or a mixture for contrast.
- **Chiaroscuro and silhouette:** strong contrast of light and dark; a subject lit only from behind.

## Lens terms

- **Focal length:** wide (distortion, depth), normal, telephoto (compression, isolation).
- **Depth of field:** shallow for isolation and mood, deep for geography.
- **Anamorphic:** a wide, cinematic look with oval bokeh and horizontal flares.
- **Rack focus:** shifting focus from one subject to another during the shot.

## Combine, don't pile on

Choose a lighting setup and a lens that support the emotion of the scene, and describe them
together in one or two sentences. Stacking every term gives muddled results.

## Exercise

Generate one scene in three lighting setups: high key soft daylight, low key with a single
practical lamp, and a silhouette against a window. Then try the close-up on a wide and a long lens.
""",

    ("level-2", 6, 4): """\
Series work, such as episodes, ad campaigns and social channels with a recurring format, demands the
same look, characters and quality every time. Prompt templates turn your best prompts into a
reusable system, so episode ten looks like episode one.

## Building a template

A template is a prompt with fixed parts and slots:

- **Fixed:** the style line, the lighting and lens approach, the character descriptions, the audio
  style, and any constraints that always apply.
- **Slots:** the shot size and camera move, the action, the location, the dialogue.

Write it once, then test it on very different shots and refine the fixed parts.

## Key ideas

- **Version the template.** Any change to a fixed part changes the look of the series; record the
  version used for each episode.
- **Keep a library of approved phrasings.** Descriptions that reliably produce the right result for
  recurring situations ("night interior", "rooftop exterior") become building blocks.
- **Pair templates with reference packs.** The same character and style references for every episode
  matter as much as the words.
- **Automate the filling, not the judgement.** Gemini can fill templates from an episode outline;
  you still review every prompt and every result.
- **Maintain a series bible:** templates, references, colour grade and sound palette, in one place.

## Check for drift

Every few episodes, compare a frame of the first episode with one of the latest: drift invisible
from shot to shot is obvious across a season.

## Exercise

Turn the prompts of your best scene into a template with fixed parts and slots, then use it to write
prompts for a second scene in a new location. Compare the two scenes for consistency.
""",

    # Module 7: Professional Techniques
    ("level-2", 7, 1): """\
Colour grading is where separate generated clips become one film. Even with a consistent style line,
clips differ slightly in exposure, white balance and contrast. Grading first corrects those
differences, then applies a creative look across the whole piece.

## Correction, then creativity

1. **Primary correction.** For each clip, set the exposure, contrast and white balance so that
   neutral things look neutral and the clips match each other. Use your editor's scopes (waveform for
   brightness, vectorscope for colour) rather than trusting your eye alone.
2. **Shot matching.** Compare clips side by side within a scene, paying attention to skin tones and
   the brightness of the background.
3. **Creative look.** Apply the film's grade on top, often with a LUT.

## Working with LUTs

A **LUT** (look-up table, often a `.cube` file) maps input colours to output colours. Creative LUTs
emulate film stocks or stylised looks.

- Apply the LUT **after** correction, on an adjustment layer or node, so all clips share it.
- Generated footage is usually already in a normal display colour space, so use creative LUTs
  designed for that, not LUTs meant to convert camera log footage.
- **Reduce the intensity** if the LUT is too strong; blending it at partial strength is common.

## Finishing touches

A little film grain unifies clips and hides small artefacts and banding. A gentle vignette guides
the eye. Protect skin tones: viewers accept strong looks but notice unnatural faces.

## Exercise

Take a scene of at least four clips, correct and match them using scopes, then apply a creative LUT
at partial strength and a touch of grain. Compare before and after.
""",

    ("level-2", 7, 2): """\
Sound is half of the cinematic experience, and the fastest way to make AI footage feel real. Veo
can generate audio with each clip, but a finished film needs sound that is designed across the whole
sequence, not just clip by clip.

## The layers of a soundtrack

- **Dialogue:** the clearest and most important layer.
- **Ambience:** the background sound of a place, such as wind, traffic or the hum of a room. A
  continuous ambience under a scene glues separate clips together.
- **Effects and Foley:** footsteps, doors, cloth rustle, objects handled. They give weight and
  physicality to what is on screen.
- **Music:** emotion and pacing, mixed under dialogue.

## Working with generated audio

- **Prompt for sound deliberately:** describe the ambience and key effects in every video prompt,
  and use the same ambience description across a scene.
- **Separate what you can.** Generated clip audio is often a single mix; you may keep it as a guide
  and rebuild ambience and music on separate tracks for control.
- **Replace weak sounds.** If an effect sounds thin or mistimed, replace it with a better one from a
  sound library you have rights to.

## Mixing basics

Keep dialogue consistently audible, lower music under speech, and let ambience carry across cuts.
Use J-cuts and L-cuts to lead into scenes with sound. Check the mix on headphones and on small
speakers.

## Exercise

Take a scene you have cut, and rebuild its soundtrack: one continuous ambience track, three Foley
effects, dialogue from the clips and a music cue. Compare it with the original clip audio.
""",

    ("level-2", 7, 3): """\
Generated clips may need more resolution or smoother motion than they come with. Upscaling
increases the resolution of footage; frame interpolation creates new frames between existing ones.
Both are useful, and both can damage footage when misused.

## Upscaling

AI upscalers add plausible detail rather than simply enlarging pixels.

- **Upscale once, at the end,** from the best-quality source you have. Repeated upscaling and
  re-encoding accumulate artefacts.
- **Watch faces and text.** Upscalers can invent detail that changes a face or makes text
  unreadable. Compare the upscaled faces with your character references.
- **Moderate the strength.** Over-sharpened footage looks artificial; a slightly soft, natural image
  with grain often looks more cinematic.
- **Test on your hardest shots** (fast motion, hair, water) before processing the whole film.

## Frame interpolation

Interpolation estimates motion between frames to generate new ones.

- **Use it for slow motion:** interpolating to a higher frame rate and playing back at the original
  rate gives smooth slow motion.
- **Don't use it to change the look.** Raising cinematic footage to a high frame rate for playback
  creates the smooth, video-like soap opera effect. For a film look, keep a cinematic frame rate.
- **Expect artefacts** in fast or complex motion, such as warping around moving limbs and at frame
  edges. Check interpolated sections frame by frame.

## Order of operations

Edit and lock the cut first, then interpolate only the shots that need it, then upscale, then grade
and export. Processing only the final shots saves time.

## Exercise

Upscale one shot and create a slow-motion version of another with interpolation. Inspect both at
full size for invented detail and warping, and decide whether each improves the film.
""",

    ("level-2", 7, 4): """\
Editing is where continuity is won or lost. Generated shots always contain small differences, and
the editor's job is to arrange them so the audience follows the story and never notices the seams.

## Types of continuity to check

- **Visual continuity:** costume, props, hair, lighting and time of day match between shots.
- **Spatial continuity:** the 180-degree rule is respected, screen directions are consistent, and
  eyelines match.
- **Motion continuity:** movement that starts in one shot completes in the next at the same speed
  and direction.
- **Audio continuity:** ambience runs across cuts, and sound matches the space we see.

## Editing techniques

- **Cut on action.** The audience follows the movement and does not notice small mismatches.
- **Use cutaways and inserts.** A close-up of a hand, an object or a reaction lets you bridge two
  shots that do not quite match.
- **Change shot size across cuts.** A cut from wide to close-up hides differences that a cut
  between two mediums would expose.
- **Trim the edges.** Generated clips often have a weak first or last moment; use the strongest
  part of each take.
- **Pace for emotion.** Longer shots for tension and contemplation, quicker cuts for action.

## Review method

Watch the cut once for story, once for visual continuity, and once with your eyes closed for sound.
Then watch it on a different screen. Each pass reveals different problems.

## Exercise

Re-edit a scene you have already cut using these techniques: add one cutaway, move at least two cuts
to the middle of an action, and fix one continuity error by trimming or replacing a shot.
""",

    # Module 8: Capstone: The Short Film
    ("level-2", 8, 1): """\
The capstone is a short film of one to three minutes that uses the techniques of the whole course.
It starts, like any film, with the story. The treatment is the document that defines what the film
is about, how it feels and how it ends, before a single frame is generated.

## What a treatment contains

- **Title and logline:** one sentence with character, goal and obstacle.
- **Synopsis:** the story in the present tense, beginning to end, in a few paragraphs. Include the
  ending; a treatment that hides it hides problems.
- **Tone and style:** genre, mood, visual references and the sound of the film.
- **Characters:** a short paragraph for each, with what they want and how they change.
- **Key scenes:** the three or four moments the film is built around.

## Write for what AI does well

- **Keep the cast small** and the locations few; consistency effort grows with every addition.
- **Favour visual storytelling:** strong images, clear actions and short dialogue exchanges.
- **Plan showcase moments** for the techniques you have learned, such as a compound camera move, a
  physics moment or an emotional close-up, but make sure each serves the story.
- **Avoid long dialogue scenes** and complex interactions between many people.

## Use Gemini as a story partner

Ask Gemini for alternatives, such as other endings, a stronger obstacle or a tighter structure, and
ask it to critique your treatment as a script editor would. Keep what improves the story and
discard the rest.

## Exercise

Write the treatment for your capstone film, then ask Gemini for three critical notes. Revise the
treatment to address the note you agree with most.
""",

    ("level-2", 8, 2): """\
Previz, short for previsualisation, is the rough version of the film you make before the real
production. With Nano Banana, previz can be fast and surprisingly close to the final look, letting
you solve the film on paper, or rather in stills, before spending generation time on video.

## Key ideas

- **Storyboard every shot.** One frame per shot from your shot list, in the final aspect ratio,
  using your character and location references. For complex camera moves, make a start and an end
  frame.
- **Build an animatic.** Put the frames on a timeline in your editor, with rough timing and scratch
  sound or temporary music. Watching the film as an animatic reveals pacing and story problems that
  a shot list hides.
- **Previz is for decisions.** Use it to answer questions: is the reveal clear, does the sequence
  respect the 180-degree rule, is the ending strong? Try alternatives, since stills are cheap.
- **Lock the look.** Use previz to finalise the style frame, the colour palette and the lighting for
  each scene.
- **Promote frames to keyframes.** The best previz frames, refined, become the first frames and
  last frames of your Veo shots.

## How much detail?

Enough to judge composition, performance and continuity. Perfecting every frame is not the goal at
this stage; you will refine the keyframes you actually use.

## Exercise

Create the full storyboard for your capstone and cut it into an animatic with scratch audio. Watch it
twice, change at least one shot that does not work, and mark the frames you will promote to
keyframes.
""",

    ("level-2", 8, 3): """\
With the animatic locked, it is time to shoot. This is the production phase: generating every shot of
the capstone in Veo using the full toolkit of the course, with the discipline of a film set.

## Running the shoot

- **Shoot in order of difficulty, not story.** Start with the hardest shots, such as complex camera
  moves, dialogue and physics moments. If one proves impossible, you still have time to redesign it.
- **Use the shot bible as a call sheet.** For each shot: the prompt from your template, the
  keyframes or ingredients, the reference pack, the aspect ratio and the target duration.
- **Generate several takes** and review each against the animatic frame. Select the best take and
  log why.
- **Drop takes into the timeline immediately,** replacing animatic frames. Seeing shots in context
  tells you whether a take works better than watching it alone.

## Problem-solving on set

When a shot fails repeatedly, step back rather than rerolling:

- Is the shot too complex? Split it into two simpler shots.
- Is the reference unclear? Clean it up or add a keyframe.
- Is the motion unrealistic? Add weight, cause and timing to the prompt.
- Can the edit solve it? A cutaway or a different shot size may make the problem disappear.

## Keep continuity

Check every new take against its neighbours in the timeline for costume, light and screen direction.
Fixing continuity during the shoot is much cheaper than during the edit.

## Exercise

Shoot your capstone. Keep a daily log of shots completed, takes generated and problems solved, and
replace every animatic frame in your timeline with a selected take.
""",

    ("level-2", 8, 4): """\
The final cut is where your capstone becomes a film. This lesson covers the last steps: locking the
edit, finishing sound and colour, and delivering versions ready for festivals, portfolios and social
platforms.

## Locking the cut

Review the assembly for story first: cut anything that does not serve it, even shots you are proud
of. Then tighten pacing shot by shot. When you stop making changes that improve the film, lock the
cut; from here, picture timing does not change.

## Finishing

- **Sound:** final mix of dialogue, ambience, effects and music, checked on headphones and speakers.
- **Colour:** correct and match, then apply the creative grade consistently across the film.
- **Upscaling and interpolation** only where needed, before the final grade.
- **Titles and credits:** simple, legible typography, kept inside safe margins, crediting everyone
  who contributed, including music and sound sources.

## Delivery

- **A high-quality master** for archiving and future versions.
- **Distribution versions** for each platform, in the right aspect ratio and loudness.
- **A trailer or short teaser** and a few strong stills for promotion.
- **A disclosure note** describing how AI tools were used, where festivals and platforms ask for it.

## Reflect

Write a short production report: what worked, what you would change, and which techniques you want
to develop further. Your prompt log, templates and cast library are now a toolkit for the next
film.

## Final exercise

Deliver your capstone: the master, one platform version, a teaser and the production report. Then
screen it for an audience and watch their reactions rather than the screen.
""",
}
